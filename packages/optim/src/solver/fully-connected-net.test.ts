import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FullyConnectedNet, type FullyConnectedNetOptions } from '@dropout/models';
import { createNumpyRng, createRng, getBackend, loadBackend, type Backend, type Rng } from '@dropout/tensor';
import { AsyncOnlyCpu, expectClose } from '@dropout/tensor/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { blobs } from '../../test/helpers/tiny-net.js';
import { formatFixed, Solver, type SolverCheckpoint, type SolverOptions } from '../index.js';
import { readCheckpoint, saveCheckpoint } from '../node/index.js';

// The Solver with the real model from @dropout/models (a devDependency: optim never imports it at run time).
const backend = getBackend('cpu64');
const dir = mkdtempSync(join(tmpdir(), 'dropout-optim-fc-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** 50 training rows in 10 classes; ×30 gives pixel-like magnitudes, as unnormalised images have. */
const data = (D: number) => blobs(createRng(231), backend, { numTrain: 50, numVal: 50, dim: D, numClasses: 10, spread: 1, scale: 30 });
const values = (p: Record<string, { read(): ArrayLike<number> }>) => Object.fromEntries(Object.entries(p).map(([k, t]) => [k, Array.from(t.read())]));

describe('Solver with FullyConnectedNet', () => {
  it("overfits 50 training examples to train accuracy 1.0 (the course's overfit cell: [100, 100], weight scale 1e-2, 20 epochs)", () => {
    const model = new FullyConnectedNet({ hiddenDims: [100, 100], inputDim: 64, weightScale: 1e-2, dtype: 'float64', rng: createRng(1) });
    const lines: string[] = [];
    const solver = new Solver(model, data(64), {
      rng: createRng(2), updateRule: 'adam', optimConfig: { learningRate: 1e-3 }, batchSize: 25, numEpochs: 20, printEvery: 10,
      logger: (l) => lines.push(l),
    });
    const result = solver.train();
    expect(result.trainAccHistory.at(-1)).toBe(1);
    expect(result.trainAccHistory).toHaveLength(21);
    expect(result.lossHistory).toHaveLength(40);
    expect(lines.filter((l) => l.startsWith('(Iteration'))).toHaveLength(4);
    expect(lines.at(-1)).toBe(`(Epoch 20 / 20) train acc: 1.000000; val_acc: ${formatFixed(result.valAccHistory.at(-1)!)}`);
  });

  describe.each([
    ['separate streams for the model and the Solver', (): [Rng, Rng] => [createRng(5), createRng(6)]],
    ['one NumPy stream shared by both, as the notebook shares np.random', (): [Rng, Rng] => { const r = createNumpyRng(231); return [r, r]; }],
  ])('with dropout and batch norm, %s', (name, streams) => {
    const net: FullyConnectedNetOptions = { hiddenDims: [20, 20], inputDim: 16, dropoutKeepRatio: 0.5, normalization: 'batchnorm', weightScale: 5e-2, dtype: 'float64' };
    const options: SolverOptions = { updateRule: 'sgd_momentum', optimConfig: { learningRate: 1e-2 }, batchSize: 10, numEpochs: 4, verbose: false };
    const tag = name.startsWith('one') ? 'shared' : 'separate';

    it('resumes from the epoch-2 checkpoint with histories, parameters and running statistics identical to an uninterrupted run', () => {
      const [mr, sr] = streams();
      const full = new FullyConnectedNet({ ...net, rng: mr });
      const uninterrupted = new Solver(full, data(16), { ...options, rng: sr }).train();

      const [mr2, sr2] = streams();
      const controller = new AbortController();
      new Solver(new FullyConnectedNet({ ...net, rng: mr2 }), data(16), {
        ...options, rng: sr2, checkpointName: join(dir, tag), saveCheckpoint, signal: controller.signal, onEpoch: (e) => e.epoch === 2 && controller.abort(),
      }).train();

      const [mr3, sr3] = streams();
      const fresh = new FullyConnectedNet({ ...net, rng: mr3 });
      const resumedSolver = Solver.resume(readCheckpoint(join(dir, `${tag}_epoch_2.json`)), fresh, data(16), { saveCheckpoint, ...(mr3 === sr3 ? { rng: sr3 } : {}) });
      const resumed = resumedSolver.train();
      expect(resumed).toEqual(uninterrupted);
      expect(values(fresh.params)).toEqual(values(full.params));
      expect(fresh.getState().bnParams).toEqual(full.getState().bnParams);
    });
  });
});

describe('Solver with FullyConnectedNet on a backend without synchronous reads (gpujs:webasm-async)', () => {
  it('trains with trainAsync; the first loss and the first accuracies agree with cpu32 within the backend tolerance', async () => {
    const asyncBackend = await loadBackend('gpujs:webasm-async');
    expect(asyncBackend.syncRead).toBe(false);
    const net: FullyConnectedNetOptions = { hiddenDims: [50, 50], inputDim: 32, dropoutKeepRatio: 0.75, weightScale: 5e-2 };
    const options: SolverOptions = { updateRule: 'adam', optimConfig: { learningRate: 1e-3 }, batchSize: 25, numEpochs: 3, verbose: false };
    const train = async (b: Backend) => {
      const d = blobs(createRng(231), b, { numTrain: 50, numVal: 50, dim: 32, numClasses: 10, spread: 1, scale: 30 });
      const model = new FullyConnectedNet({ ...net, backend: b, rng: createRng(4) });
      const solver = new Solver(model, d, { ...options, rng: createRng(5) });
      return b.syncRead ? solver.train() : solver.trainAsync();
    };
    const reference = await train(getBackend('cpu32'));
    const result = await train(asyncBackend);
    expect(result.status).toBe('complete');
    expect(result.lossHistory).toHaveLength(reference.lossHistory.length);
    expectClose(result.lossHistory[0]!, reference.lossHistory[0]!, asyncBackend);
    expect(result.trainAccHistory[0]).toBe(reference.trainAccHistory[0]);
    expect(result.valAccHistory[0]).toBe(reference.valAccHistory[0]);
    expect(result.lossHistory.at(-1)!).toBeLessThan(result.lossHistory[0]!);
  });
});

describe('checkpoints of a batch norm net on a backend without synchronous reads', () => {
  it('trainAsync saves the running statistics (read with getStateAsync) exactly as train() does on the same CPU backend', async () => {
    const run = async (b: Backend) => {
      const d = blobs(createRng(231), b, { numTrain: 50, numVal: 50, dim: 16, numClasses: 10, spread: 1, scale: 30 });
      const model = new FullyConnectedNet({ hiddenDims: [20, 20], inputDim: 16, normalization: 'batchnorm', dropoutKeepRatio: 0.5, dtype: 'float64', backend: b, rng: createRng(4) });
      const saved: SolverCheckpoint[] = [];
      const solver = new Solver(model, d, {
        updateRule: 'adam', optimConfig: { learningRate: 1e-3 }, batchSize: 25, numEpochs: 2, verbose: false, rng: createRng(5),
        checkpointName: 'bn', saveCheckpoint: (cp) => { saved.push(cp); },
      });
      await (b.syncRead ? solver.train() : solver.trainAsync());
      return saved;
    };
    const reference = await run(backend);
    const asyncOnly = await run(new AsyncOnlyCpu(64));
    expect(asyncOnly).toHaveLength(reference.length);
    const bn = (cp: SolverCheckpoint) => (cp.modelState as { bnParams: unknown[] }).bnParams;
    expect(bn(asyncOnly.at(-1)!)).toHaveLength(2);
    for (let i = 0; i < reference.length; i++) {
      expect(bn(asyncOnly[i]!)).toEqual(bn(reference[i]!));
      expect(asyncOnly[i]!.params).toEqual(reference[i]!.params);
    }
  });
});
