import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRng, getBackend } from '@dropout/tensor';
import { afterAll, describe, expect, it } from 'vitest';
import { AsyncOnlyCpu } from '@dropout/tensor/testing';
import { blobs, TinyNet } from '../../test/helpers/tiny-net.js';
import { Solver, type SolverOptions } from '../index.js';
import { readCheckpoint, saveCheckpoint } from '../node/index.js';

const dir = mkdtempSync(join(tmpdir(), 'dropout-optim-resume-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function setup(backend = getBackend('cpu64')) {
  const data = blobs(createRng(231), backend, { numTrain: 50, numVal: 30, dim: 20, numClasses: 3, spread: 3 });
  return { data, model: new TinyNet({ inputDim: 20, hiddenDim: 8, numClasses: 3, rng: createRng(1), backend, runningMean: true, lossAsTensor: !backend.syncRead }) };
}

const options: SolverOptions = { updateRule: 'sgdMomentum', batchSize: 10, numEpochs: 3, verbose: false, saveCheckpoint };

describe('Solver.resume with changed options (issue 14.4)', () => {
  const name = join(dir, 'orig');
  const { data, model } = setup();
  new Solver(model, data, { ...options, rng: createRng(2), checkpointName: name }).train();
  const epoch3 = readFileSync(`${name}_epoch_3.json`, 'utf8');
  const cp = readCheckpoint(`${name}_epoch_1.json`);

  it('refuses options that change the run under the original checkpointName, naming them', () => {
    expect(() => Solver.resume(cp, setup().model, data, { saveCheckpoint, batchSize: 25, optimConfig: { learningRate: 1e-3 } })).toThrow(
      /these options differ from the checkpoint's: optimConfig \{\} → \{"learningRate":0\.001\}; batchSize 10 → 25; under its checkpointName this run would overwrite the original run's '.*orig_epoch_<n>\.json' after epoch 1\. Pass a new checkpointName \(or null\), or overwriteCheckpoints: true/,
    );
    expect(readFileSync(`${name}_epoch_3.json`, 'utf8')).toBe(epoch3);
  });

  it('writes under a new checkpointName and leaves the original run alone', () => {
    const other = join(dir, 'lr-decay');
    Solver.resume(cp, setup().model, data, { saveCheckpoint, lrDecay: 0.5, checkpointName: other }).train();
    expect(existsSync(`${other}_epoch_3.json`)).toBe(true);
    expect(existsSync(`${other}_epoch_1.json`)).toBe(false);
    expect(readFileSync(`${name}_epoch_3.json`, 'utf8')).toBe(epoch3);
  });

  it('overwrites only when asked, and says so', () => {
    const lines: string[] = [];
    Solver.resume(cp, setup().model, data, { saveCheckpoint, lrDecay: 0.5, overwriteCheckpoints: true, verbose: true, logger: (l) => lines.push(l) }).train();
    expect(lines[0]).toMatch(/^Resuming with options that differ from the checkpoint's \(lrDecay 1 → 0\.5\): overwriting '.*orig_epoch_<n>\.json' after epoch 1$/);
    expect(readFileSync(`${name}_epoch_3.json`, 'utf8')).not.toBe(epoch3);
  });

  it('resumes with the same options and no saveCheckpoint only when told to save nothing', () => {
    expect(() => Solver.resume(cp, setup().model, data)).toThrow(/the checkpoint saves checkpoints as '.*orig_epoch_<n>\.json'; pass saveCheckpoint again/);
    expect(Solver.resume(cp, setup().model, data, { checkpointName: null }).train().iteration).toBe(15);
  });
});

describe('checkpoints on a backend without synchronous reads', () => {
  it('checkpointAsync() gives the same plain data as checkpoint() on cpu64, and resuming from it matches an uninterrupted run', async () => {
    const asyncBackend = new AsyncOnlyCpu(64);
    const run = (backend: typeof asyncBackend | ReturnType<typeof getBackend>, numEpochs: number) => {
      const { data, model } = setup(backend);
      return { solver: new Solver(model, data, { ...options, saveCheckpoint: undefined, numEpochs, rng: createRng(3) }), data };
    };
    const full = run(getBackend('cpu64'), 3).solver;
    const uninterrupted = full.train();
    const first = run(asyncBackend, 1).solver;
    await first.trainAsync();
    expect(() => first.checkpoint()).toThrow(/call 'await solver\.checkpointAsync\(\)' instead/);
    const cp = JSON.parse(JSON.stringify(await first.checkpointAsync()));
    const reference = run(getBackend('cpu64'), 1).solver;
    reference.train();
    expect({ ...cp, backend: 'cpu64' }).toEqual(JSON.parse(JSON.stringify(reference.checkpoint())));
    const again = setup(asyncBackend);
    const resumed = await Solver.resume(cp, again.model, again.data, { numEpochs: 3 }).trainAsync();
    expect(resumed).toEqual(uninterrupted);
  });
});
