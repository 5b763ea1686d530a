import { add, createRng, fromArray, getBackend, mul, sub, type Backend, type Tensor } from '@dropout/tensor';
import { describe, expect, it } from 'vitest';
import { AsyncOnlyCpu } from '@dropout/tensor/testing';
import { blobs, TinyNet } from '../../test/helpers/tiny-net.js';
import { Solver, TrainingDivergedError, type SolverOptions } from '../index.js';

function setup(backend: Backend) {
  const rng = createRng(231);
  const data = blobs(rng, backend, { numTrain: 50, numVal: 30, dim: 20, numClasses: 3, spread: 1.5 });
  return { data, model: new TinyNet({ inputDim: 20, hiddenDim: 16, numClasses: 3, rng, backend, lossAsTensor: true }) };
}

/** A copy of the cpu64 tensor `X` on `backend` with `value` at row `r`, column `c`. */
function poisoned(X: Tensor, r: number, c: number, value: number, backend: Backend = X.backend): Tensor {
  const values = Float64Array.from(X.read());
  values[r * X.shape[1]! + c] = value;
  return fromArray(values, X.shape, backend);
}

const quiet: SolverOptions = { batchSize: 10, numEpochs: 2, verbose: false, rng: createRng(1) };

describe('Solver: non-finite values where data enters', () => {
  const backend = getBackend('cpu64');

  it('refuses NaN or Infinity in data.XTrain / data.XVal, naming the element', () => {
    const { data, model } = setup(backend);
    expect(() => new Solver(model, { ...data, XTrain: poisoned(data.XTrain, 3, 5, Number.NaN) }, quiet)).toThrow(/^Solver: data\.XTrain\[3, 5\] is NaN; every value must be a finite number/);
    expect(() => new Solver(model, { ...data, XVal: poisoned(data.XVal, 0, 19, -Infinity) }, quiet)).toThrow(/^Solver: data\.XVal\[0, 19\] is -Infinity/);
  });

  it('checks the data on the first stepAsync where reads are asynchronous', async () => {
    const asyncBackend = new AsyncOnlyCpu(64);
    const { data, model } = setup(asyncBackend);
    const XTrain = poisoned(setup(getBackend('cpu64')).data.XTrain, 7, 1, Number.NaN, asyncBackend);
    const solver = new Solver(model, { ...data, XTrain }, quiet);
    await expect(solver.trainAsync()).rejects.toThrow(/^Solver: data\.XTrain\[7, 1\] is NaN/);
    expect(solver.lossHistory).toHaveLength(0);
  });
});

describe.each([
  ['cpu64', () => getBackend('cpu64')],
  ['an async-only backend', () => new AsyncOnlyCpu(64)],
])('Solver: the guard on %s', (_, makeBackend) => {
  const train = (solver: Solver) => (solver.backend.syncRead ? Promise.resolve().then(() => solver.train()) : solver.trainAsync());

  it('stops before the update on a NaN gradient though the loss is finite, naming the tensor and index', async () => {
    const backend = makeBackend();
    const { data, model } = setup(backend);
    const loss = model.loss.bind(model);
    let calls = 0;
    model.loss = ((X: Tensor, y?: Int32Array) => {
      const out = loss(X, y as Int32Array) as any;
      if (y && ++calls === 4) out.grads.W1 = add(out.grads.W1, poisoned(fromArray(new Float64Array(20 * 16), [20, 16], getBackend('cpu64')), 2, 9, Number.NaN, backend));
      return out;
    }) as typeof model.loss;
    let W1AfterThree: number[] = [];
    const solver = new Solver(model, data, { ...quiet, onIteration: async (e) => e.iteration === 3 && (W1AfterThree = Array.from(await model.params.W1!.readAsync())) });
    const error = await train(solver).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(TrainingDivergedError);
    expect((error as Error).message).toMatch(/^Solver: grads\.W1\[2, 9\] is NaN at iteration 4 \/ 10 \(epoch 0\); training stopped before the update/);
    expect((error as TrainingDivergedError).iteration).toBe(4);
    expect(Array.from(await model.params.W1!.readAsync())).toEqual(W1AfterThree);
    const result = solver.result();
    expect(result.status).toBe('failed');
    expect(result.lossHistory).toHaveLength(3);
    expect(result.trainAccHistory).toHaveLength(1);
  });

  it('stops a diverging run (learning rate 1e30) with an error, keeping the history of what ran', async () => {
    const { data, model } = setup(makeBackend());
    const solver = new Solver(model, data, { ...quiet, optimConfig: { learningRate: 1e30 } });
    const error = (await train(solver).catch((err: unknown) => err)) as TrainingDivergedError;
    expect(error).toBeInstanceOf(TrainingDivergedError);
    expect(error.message).toMatch(/is (NaN|-?Infinity) at iteration \d+ \/ 10/);
    expect(solver.status).toBe('failed');
    expect(solver.result().lossHistory).toHaveLength(error.iteration - 1);
    expect(solver.result().lossHistory.every(Number.isFinite)).toBe(true);
  });
});

describe('Solver: option values', () => {
  it('refuses a negative or zero learning rate, naming the option', () => {
    const { data, model } = setup(getBackend('cpu64'));
    expect(() => new Solver(model, data, { optimConfig: { learningRate: -1e-3 } })).toThrow(/optimConfig\.learningRate must be positive, got -0\.001/);
    expect(() => new Solver(model, data, { updateRule: 'adam', optimConfig: { learningRate: 0 } })).toThrow(/optimConfig\.learningRate must be positive, got 0/);
  });

  it('asks for saveCheckpoint when checkpointName is set, and refuses an asynchronous one in train()', () => {
    const { data, model } = setup(getBackend('cpu64'));
    expect(() => new Solver(model, data, { checkpointName: 'runs/x' })).toThrow(/checkpointName is set but saveCheckpoint is not/);
    const solver = new Solver(model, data, { ...quiet, checkpointName: 'x', saveCheckpoint: async () => {} });
    expect(() => solver.train()).toThrow(/saveCheckpoint returned a Promise.*use await solver\.trainAsync\(\)/);
  });
});

describe('Solver: ownership of what an update rule keeps', () => {
  it('does not free a gradient that a custom rule keeps in its config, and frees it once replaced', () => {
    const backend = getBackend('cpu64');
    const { data, model } = setup(backend);
    // Momentum-like rule whose first velocity is the gradient tensor itself, as model.loss returned it.
    const rule = (w: Tensor, dw: Tensor, config: Record<string, unknown> = {}) => {
      const v = config.v ? add(config.v as Tensor, dw) : dw;
      return { nextW: sub(w, mul(v, 1e-3)), config: { ...config, v } };
    };
    const solver = new Solver(model, data, { ...quiet, updateRule: rule });
    const before = backend.liveCount();
    solver.step();
    expect(Object.values(solver.optimConfigs).map((c) => (c.v as Tensor).isDisposed)).toEqual([false, false, false, false]);
    solver.step();
    solver.dispose();
    expect(backend.liveCount()).toBe(before);
  });
});
