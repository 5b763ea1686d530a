import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRng, getBackend } from '@dropout/tensor';
import { afterAll, describe, expect, it } from 'vitest';
import { blobs, TinyNet } from '../../test/helpers/tiny-net.js';
import { Solver, validateCheckpoint, type SolverCheckpoint } from '../index.js';
import { readCheckpoint, saveCheckpoint } from '../node/index.js';

const backend = getBackend('cpu64');
const dir = mkdtempSync(join(tmpdir(), 'dropout-optim-cp-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function setup() {
  const data = blobs(createRng(231), backend, { numTrain: 50, numVal: 30, dim: 20, numClasses: 3, spread: 3 });
  return { data, model: new TinyNet({ inputDim: 20, hiddenDim: 8, numClasses: 3, rng: createRng(1), backend }) };
}

/** A real checkpoint after one epoch of 5 iterations, as plain JSON data. */
function checkpoint(): SolverCheckpoint {
  const { data, model } = setup();
  const solver = new Solver(model, data, { updateRule: 'adam', batchSize: 10, numEpochs: 1, verbose: false, rng: createRng(2) });
  solver.train();
  return JSON.parse(JSON.stringify(solver.checkpoint()));
}

const edited = (edit: (cp: any) => void) => {
  const cp = checkpoint() as any;
  edit(cp);
  return cp;
};

describe('validateCheckpoint', () => {
  it('accepts what checkpoint() makes, after a JSON round trip', () => {
    const cp = checkpoint();
    expect(validateCheckpoint(cp)).toBe(cp);
    expect(cp.iteration).toBe(5);
    expect(cp.lossHistory).toHaveLength(5);
  });

  it.each([
    ['iteration', (cp: any) => (cp.iteration = -100), /field 'iteration' must be an integer ≥ 0, got -100/],
    ['epoch', (cp: any) => (cp.epoch = 1.5), /field 'epoch' must be an integer ≥ 0, got 1\.5/],
    ['bestValAcc', (cp: any) => (cp.bestValAcc = '0.5'), /field 'bestValAcc' must be a number in \[0, 1\], got "0\.5"/],
    ['missing params', (cp: any) => delete cp.params, /field 'params' must be an object of encoded tensors by parameter name \(at least one\), got nothing \(it is missing\)/],
    ['truncated tensor', (cp: any) => cp.params.W1.$tensor.data.pop(), /field 'params' must be 160 values for shape \[20, 8\] \(it holds 159\) at 'W1'/],
    ['a string in a tensor', (cp: any) => (cp.params.b1.$tensor.data[2] = 'x'), /field 'params' must be an array of finite numbers \(entry 2 is "x"\) at 'b1'/],
    ['lossHistory', (cp: any) => (cp.lossHistory[1] = null), /field 'lossHistory' must be an array of finite numbers \(entry 1 is null\)/],
    ['accuracy above 1', (cp: any) => (cp.valAccHistory[0] = 2), /field 'valAccHistory' must be an array of a number in \[0, 1\] \(entry 0 is 2\)/],
    ['rng', (cp: any) => (cp.rng = { kind: 'mt' }), /field 'rng' must be a random stream state of kind 'seedrandom' or 'numpy'/],
    ['more iterations than losses', (cp: any) => (cp.iteration = 115), /field 'iteration' is 115 but 'lossHistory' holds 5 losses/],
  ])('names the field of a hand edit: %s', (_, edit, message) => {
    expect(() => validateCheckpoint(edited(edit))).toThrow(message);
  });

  it('names the file when read through @dropout/optim/node', () => {
    const file = join(dir, 'edited.json');
    writeFileSync(file, JSON.stringify(edited((cp) => (cp.iteration = -100))));
    expect(() => readCheckpoint(file)).toThrow(/^Solver\.resume: '.*edited\.json' is invalid: field 'iteration' must be an integer ≥ 0, got -100/);
    writeFileSync(file, '{"format": "dropout-solver-checkpoint", ');
    expect(() => readCheckpoint(file)).toThrow(/^Solver\.resume: cannot read checkpoint '.*edited\.json': /);
  });

  it('resume checks the saved options and the epoch against the iteration', () => {
    const { data, model } = setup();
    expect(() => Solver.resume(edited((cp) => (cp.options.batchSize = 0)), model, data)).toThrow(/the checkpoint's options are invalid: options\.batchSize must be a positive integer, got 0/);
    expect(() => Solver.resume(edited((cp) => (cp.options.optimConfig.learningRate = -1)), model, data)).toThrow(/options are invalid: options\.optimConfig\.learningRate must be positive/);
    expect(() => Solver.resume(edited((cp) => (cp.epoch = 3)), model, data)).toThrow(/the checkpoint's epoch 3 does not follow from its iteration 5 at 5 iterations per epoch/);
  });
});

describe('saveCheckpoint (node)', () => {
  it('writes atomically: a failed write leaves no temporary file and keeps what was there', () => {
    const cp = checkpoint();
    const file = join(dir, 'sub', 'run_epoch_1.json');
    expect(saveCheckpoint(cp, file)).toBe(file);
    expect(readCheckpoint(file)).toEqual(cp);
    // A directory in the way of the target: rename fails, the error names the path.
    const blocked = join(dir, 'blocked.json');
    mkdirSync(join(blocked, 'inside'), { recursive: true });
    expect(() => saveCheckpoint(cp, blocked)).toThrow(/^saveCheckpoint: cannot write '.*blocked\.json': /);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(cp);
  });
});
