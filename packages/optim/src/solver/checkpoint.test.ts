import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createNumpyRng, createRng, getBackend, type Rng } from '@dropout/tensor';
import { afterAll, describe, expect, it } from 'vitest';
import { blobs, TinyNet } from '../../test/helpers/tiny-net.js';
import { Solver, type SolverOptions } from '../index.js';
import { readCheckpoint, saveCheckpoint } from '../node/index.js';

const backend = getBackend('cpu64');
const dir = mkdtempSync(join(tmpdir(), 'dropout-optim-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Same data every time; the model's initial weights come from `initSeed`. */
function setup(initSeed = 231) {
  const data = blobs(createRng(231), backend, { numTrain: 50, numVal: 30, dim: 20, numClasses: 3, spread: 3 });
  // runningMean gives the model state outside its params, saved through getState/setState.
  const model = new TinyNet({ inputDim: 20, hiddenDim: 16, numClasses: 3, rng: createRng(initSeed), backend, runningMean: true });
  return { data, model };
}

const params = (p: Record<string, { read(): ArrayLike<number> }>) => Object.fromEntries(Object.entries(p).map(([k, t]) => [k, Array.from(t.read())]));

describe.each([
  ['seedrandom', (seed: number): Rng => createRng(seed)],
  ['numpy', (seed: number): Rng => createNumpyRng(seed)],
])('Solver checkpoints (%s stream)', (kind, makeRng) => {
  const options: SolverOptions = {
    updateRule: 'adam', optimConfig: { learningRate: 2e-2 }, lrDecay: 0.9, batchSize: 10, numEpochs: 5,
    numTrainSamples: 40, numValSamples: 20, printEvery: 3,
  };

  it('a run stopped after epoch 2 and resumed from its checkpoint matches an uninterrupted run exactly', () => {
    const full = setup();
    const fullLines: string[] = [];
    const uninterrupted = new Solver(full.model, full.data, {
      ...options, rng: makeRng(5), checkpointName: join(dir, `${kind}-full`), saveCheckpoint, logger: (l) => fullLines.push(l),
    }).train();
    for (let e = 0; e <= 5; e++) expect(existsSync(join(dir, `${kind}-full_epoch_${e}.json`)), `epoch ${e} file`).toBe(true);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    const first = setup();
    const controller = new AbortController();
    const firstLines: string[] = [];
    const stopped = new Solver(first.model, first.data, {
      ...options, rng: makeRng(5), checkpointName: join(dir, `${kind}-stopped`), saveCheckpoint, signal: controller.signal,
      logger: (l) => firstLines.push(l), onEpoch: (e) => e.epoch === 2 && controller.abort(),
    }).train();
    expect(stopped.status).toBe('partial');
    expect(stopped.epoch).toBe(2);

    // A fresh model with other initial weights and no rng given: everything comes from the file.
    const second = setup(999);
    const resumedLines: string[] = [];
    const solver = Solver.resume(readCheckpoint(join(dir, `${kind}-stopped_epoch_2.json`)), second.model, second.data, {
      saveCheckpoint, logger: (l) => resumedLines.push(l),
    });
    expect(solver.options.rng.kind).toBe(kind);
    const resumed = solver.train();

    expect(resumed).toEqual(uninterrupted);
    expect(params(second.model.params)).toEqual(params(full.model.params));
    expect(Array.from(second.model.runningMean!.read())).toEqual(Array.from(full.model.runningMean!.read()));
    expect([...firstLines, ...resumedLines].map((l) => l.replace(`${kind}-stopped`, `${kind}-full`))).toEqual(fullLines);
  });

  it('saveCheckpoint after training stores the live parameters, not the swapped-in best ones', () => {
    const { data, model } = setup();
    let lastW1: number[] = [];
    const solver = new Solver(model, data, {
      ...options, numEpochs: 2, rng: makeRng(1), verbose: false,
      onIteration: (e) => e.iteration === e.numIterations && (lastW1 = Array.from(model.params.W1!.read())),
    });
    solver.train();
    const cp = readCheckpoint(saveCheckpoint(solver.checkpoint(), join(dir, `${kind}-after.json`)));
    expect(cp.iteration).toBe(solver.numIterations);
    expect(cp.rng.kind).toBe(kind);
    expect((cp.params.W1 as { $tensor: { data: number[] } }).$tensor.data).toEqual(lastW1);
    expect((cp.bestParams.W1 as { $tensor: { data: number[] } }).$tensor.data).toEqual(Array.from(model.params.W1!.read()));
  });
});

describe('Solver.resume errors', () => {
  const { data, model } = setup();
  const file = join(dir, 'base_epoch_1.json');
  new Solver(model, data, { batchSize: 25, numEpochs: 1, checkpointName: join(dir, 'base'), saveCheckpoint, verbose: false, rng: createRng(2) }).train();

  it('names a file that is not a checkpoint or has another version', () => {
    const other = join(dir, 'other.json');
    writeFileSync(other, JSON.stringify({ hello: 1 }));
    expect(() => Solver.resume(readCheckpoint(other), setup().model, data)).toThrow(/'.*other\.json' is not a Solver checkpoint/);
    const cp = JSON.parse(readFileSync(file, 'utf8'));
    writeFileSync(other, JSON.stringify({ ...cp, version: 99 }));
    expect(() => Solver.resume(readCheckpoint(other), setup().model, data)).toThrow(/checkpoint version 99, but this @dropout\/optim reads version 1/);
    expect(() => Solver.resume(readCheckpoint(join(dir, 'missing.json')), setup().model, data)).toThrow(/cannot read checkpoint/);
  });

  it('rejects a model of another architecture and an rng of another kind', () => {
    const small = new TinyNet({ inputDim: 20, hiddenDim: 8, numClasses: 3, rng: createRng(1), backend, runningMean: true });
    expect(() => Solver.resume(readCheckpoint(file), small, data, { saveCheckpoint })).toThrow(/checkpoint params.W1 has shape \[20, 16\] but the model's has \[20, 8\]/);
    expect(() => Solver.resume(readCheckpoint(file), setup().model, data, { saveCheckpoint, rng: createNumpyRng(1) })).toThrow(/holds a 'seedrandom' random stream but options.rng is 'numpy'/);
  });

  it('asks for the function again when the run used a custom update rule', () => {
    const custom = join(dir, 'custom');
    const rule = (w: any, dw: any, config: any = {}) => ({ nextW: w, config: { ...config } });
    new Solver(setup().model, data, { updateRule: rule, batchSize: 25, numEpochs: 1, checkpointName: custom, saveCheckpoint, verbose: false }).train();
    expect(() => Solver.resume(readCheckpoint(`${custom}_epoch_1.json`), setup().model, data, { saveCheckpoint })).toThrow(/custom update rule; pass the same function as options.updateRule/);
    expect(() => Solver.resume(readCheckpoint(`${custom}_epoch_1.json`), setup().model, data, { saveCheckpoint, updateRule: rule })).not.toThrow();
  });
});
