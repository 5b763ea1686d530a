import { createRng, getBackend, type Backend } from '@dropout/tensor';
import { AsyncOnlyCpu, forEachBackend } from '@dropout/tensor/testing';
import { describe, expect, it } from 'vitest';
import { blobs, TinyNet } from '../../test/helpers/tiny-net.js';
import { formatFixed, resolveUpdateRule, Solver, type SolverOptions } from '../index.js';

function setup(backend: Backend, seed = 231, net: Partial<ConstructorParameters<typeof TinyNet>[0]> = {}) {
  const rng = createRng(seed);
  const data = blobs(rng, backend, { numTrain: 50, numVal: 30, dim: 20, numClasses: 3, spread: 1.5 });
  // Async-only backends cannot read a loss synchronously, so the model returns it as a Tensor there.
  const model = new TinyNet({ inputDim: 20, hiddenDim: 32, numClasses: 3, rng, backend, lossAsTensor: !backend.syncRead, ...net });
  return { data, model };
}

function solverFor(backend: Backend, options: SolverOptions, seed = 231) {
  const { data, model } = setup(backend, seed);
  const lines: string[] = [];
  const solver = new Solver(model, data, { rng: createRng(seed), logger: (l) => lines.push(l), ...options });
  return { solver, lines, model, data };
}

function run(backend: Backend, options: SolverOptions, seed = 231) {
  const made = solverFor(backend, options, seed);
  return { ...made, result: made.solver.train() };
}

/** train() where reads are synchronous, trainAsync() elsewhere. */
async function train(backend: Backend, options: SolverOptions, seed = 231) {
  const { solver } = solverFor(backend, options, seed);
  return backend.syncRead ? solver.train() : solver.trainAsync();
}

forEachBackend('Solver', (backend) => {
  it('overfits 50 training examples to train accuracy 1.0', async () => {
    const result = await train(backend, { updateRule: 'adam', optimConfig: { learningRate: 2e-2 }, batchSize: 25, numEpochs: 10, verbose: false });
    expect(result.status).toBe('complete');
    expect(result.trainAccHistory.at(-1)).toBe(1);
    expect(result.lossHistory.at(-1)!).toBeLessThan(result.lossHistory[0]! / 20);
  });

  it('runs every update rule, including the course spelling sgd_momentum', async () => {
    for (const updateRule of ['sgd', 'sgd_momentum', 'sgdMomentum', 'rmsprop', 'adam'] as const) {
      const result = await train(backend, { updateRule, optimConfig: { learningRate: 1e-2 }, batchSize: 25, numEpochs: 2, verbose: false });
      expect(result.lossHistory, updateRule).toHaveLength(4);
      expect(result.lossHistory.every(Number.isFinite), updateRule).toBe(true);
    }
  });

  it('leaks nothing: 20 steps and an accuracy check leave liveCount unchanged', async () => {
    const { data, model } = setup(backend, 231, { lossAsTensor: true, runningMean: true });
    const solver = new Solver(model, data, { rng: createRng(1), updateRule: 'adam', batchSize: 10, verbose: false });
    const step = () => (backend.syncRead ? solver.step() : solver.stepAsync());
    await step(); // creates the optimizer state (m, v per parameter)
    const before = backend.liveCount();
    for (let i = 0; i < 20; i++) await step();
    const options = { batchSize: 7 };
    await (backend.syncRead ? solver.checkAccuracy(data.XVal, data.yVal, options) : solver.checkAccuracyAsync(data.XVal, data.yVal, options));
    expect(backend.liveCount()).toBe(before);
    expect(solver.lossHistory).toHaveLength(21);
  });

  it('dispose() frees everything the Solver holds, leaving the model its best parameters', async () => {
    const baseline = backend.liveCount();
    const { data, model } = setup(backend, 231);
    const solver = new Solver(model, data, { rng: createRng(2), updateRule: 'adam', batchSize: 10, numEpochs: 3, verbose: false });
    await (backend.syncRead ? solver.train() : solver.trainAsync());
    const best = Object.values(model.params);
    solver.dispose();
    for (const t of best) expect(t.isDisposed).toBe(false);
    for (const t of [...best, data.XTrain, data.XVal]) t.dispose();
    expect(backend.liveCount()).toBe(baseline);
  });

  it('hands the old weights and state to built-in rules (donate) with the same histories and best parameters as without', async () => {
    for (const updateRule of ['sgdMomentum', 'rmsprop', 'adam'] as const) {
      const options = { optimConfig: { learningRate: 2e-2 }, batchSize: 10, numEpochs: 4, verbose: false };
      const donated = solverFor(backend, { ...options, updateRule });
      const rule = resolveUpdateRule(updateRule).rule;
      // The same rule as a custom function: the Solver does not know it and donates nothing.
      const plain = solverFor(backend, { ...options, updateRule: (w, dw, config) => rule(w, dw, config) });
      const [a, b] = await Promise.all([donated, plain].map(({ solver }) => (backend.syncRead ? solver.train() : solver.trainAsync())));
      expect(a, updateRule).toEqual(b);
      for (const [name, t] of Object.entries(donated.model.params)) {
        expect(t.isDisposed, name).toBe(false);
        expect(Array.from(await t.readAsync()), `${updateRule} ${name}`).toEqual(Array.from(await plain.model.params[name]!.readAsync()));
      }
    }
  });

  it.runIf(backend.syncRead)('trainAsync gives the same histories as train', async () => {
    const options: SolverOptions = { updateRule: 'sgdMomentum', batchSize: 10, numEpochs: 2, verbose: false };
    const sync = run(backend, options).result;
    const { solver } = solverFor(backend, options);
    expect(await solver.trainAsync()).toEqual(sync);
  });
});

describe('Solver (cpu64)', () => {
  const backend = getBackend('cpu64');

  it("logs in the course's format: iterations every printEvery, accuracies at the first iteration, each epoch end and the last", () => {
    // 50 rows / batch 20 → 2 iterations per epoch, 6 in all.
    const { lines, result } = run(backend, { batchSize: 20, numEpochs: 3, printEvery: 2 });
    const acc = (i: number) => `train acc: ${formatFixed(result.trainAccHistory[i]!)}; val_acc: ${formatFixed(result.valAccHistory[i]!)}`;
    const loss = (t: number) => `loss: ${formatFixed(result.lossHistory[t]!)}`;
    expect(lines).toEqual([
      `(Iteration 1 / 6) ${loss(0)}`,
      `(Epoch 0 / 3) ${acc(0)}`,
      `(Epoch 1 / 3) ${acc(1)}`,
      `(Iteration 3 / 6) ${loss(2)}`,
      `(Epoch 2 / 3) ${acc(2)}`,
      `(Iteration 5 / 6) ${loss(4)}`,
      `(Epoch 3 / 3) ${acc(3)}`,
    ]);
    expect(lines[0]).toMatch(/^\(Iteration 1 \/ 6\) loss: \d+\.\d{6}$/);
    expect(lines[1]).toMatch(/^\(Epoch 0 \/ 3\) train acc: [01]\.\d{6}; val_acc: [01]\.\d{6}$/);
  });

  it('is silent when verbose is false and sends progress events instead', () => {
    const iterations: number[] = [];
    const epochs: number[] = [];
    const { lines } = run(backend, {
      batchSize: 20, numEpochs: 3, verbose: false,
      onIteration: (e) => iterations.push(e.iteration), onEpoch: (e) => epochs.push(e.epoch),
    });
    expect(lines).toEqual([]);
    expect(iterations).toEqual([1, 2, 3, 4, 5, 6]);
    expect(epochs).toEqual([0, 1, 2, 3]);
  });

  it('gives identical histories for the same seed, and different ones for another seed', () => {
    const options: SolverOptions = { updateRule: 'adam', batchSize: 10, numEpochs: 3, verbose: false };
    const a = run(backend, options, 7).result;
    const b = run(backend, options, 7).result;
    const c = run(backend, options, 8).result;
    expect(b).toEqual(a);
    expect(c.lossHistory).not.toEqual(a.lossHistory);
  });

  it('decays every learning rate by lrDecay at each epoch end', () => {
    const { solver } = run(backend, { updateRule: 'sgd', optimConfig: { learningRate: 1e-2 }, lrDecay: 0.5, batchSize: 25, numEpochs: 3, verbose: false });
    for (const config of Object.values(solver.optimConfigs)) expect(config.learningRate).toBe(1e-2 * 0.5 ** 3);
  });

  it('swaps the best validation parameters into the model at the end', () => {
    const { solver, model, data, result } = run(backend, { updateRule: 'adam', optimConfig: { learningRate: 3e-2 }, batchSize: 10, numEpochs: 6, verbose: false });
    expect(result.bestValAcc).toBe(Math.max(...result.valAccHistory));
    for (const [name, t] of Object.entries(model.params)) expect(t, name).toBe(solver.bestParams[name]);
    expect(solver.checkAccuracy(data.XVal, data.yVal)).toBe(result.bestValAcc);
  });

  it('stops between iterations when the signal fires, marking the result partial', () => {
    const controller = new AbortController();
    const { result } = run(backend, {
      batchSize: 10, numEpochs: 4, verbose: false, signal: controller.signal,
      onIteration: (e) => e.iteration === 7 && controller.abort(),
    });
    expect(result.status).toBe('partial');
    expect(result.iteration).toBe(7);
    expect(result.lossHistory).toHaveLength(7);
    expect(result.epoch).toBe(1);
  });

  it('stops on a non-finite loss with an error naming the iteration, leaving the parameters as they were', () => {
    const { data, model } = setup(backend);
    const loss = model.loss.bind(model);
    let calls = 0;
    model.loss = ((X: any, y?: any) => {
      const out = loss(X, y) as any;
      if (y && ++calls === 3) out.loss = Number.NaN;
      return out;
    }) as typeof model.loss;
    let W1AfterTwo: number[] = [];
    const solver = new Solver(model, data, {
      rng: createRng(1), batchSize: 10, verbose: false,
      onIteration: (e) => e.iteration === 2 && (W1AfterTwo = Array.from(model.params.W1!.read())),
    });
    expect(() => solver.train()).toThrow(/the loss is NaN at iteration 3 \/ 50 \(epoch 0\)/);
    expect(Array.from(model.params.W1!.read())).toEqual(W1AfterTwo);
    expect(solver.lossHistory).toHaveLength(2);
    expect(solver.status).toBe('failed');
  });

  it('refuses synchronous training on a backend that only reads asynchronously, and trains with trainAsync', async () => {
    const asyncBackend = new AsyncOnlyCpu(64);
    const { data, model } = setup(asyncBackend, 231, { lossAsTensor: true });
    const solver = new Solver(model, data, { rng: createRng(3), batchSize: 25, numEpochs: 2, verbose: false });
    expect(() => solver.train()).toThrow(/backend 'async-only-cpu' only reads asynchronously \(syncRead is false\); call 'await solver.trainAsync\(\)' instead/);
    expect(() => solver.step()).toThrow(/stepAsync/);
    const result = await solver.trainAsync();
    const { data: data64, model: model64 } = setup(backend, 231, { lossAsTensor: true });
    const reference = new Solver(model64, data64, { rng: createRng(3), batchSize: 25, numEpochs: 2, verbose: false }).train();
    expect(result).toEqual(reference);
  });
});

describe('Solver errors', () => {
  const backend = getBackend('cpu64');
  const make = (options: Record<string, unknown>) => {
    const { data, model } = setup(backend);
    return () => new Solver(model, data, options as SolverOptions);
  };

  it('name unknown options and update rules, listing the valid ones', () => {
    expect(make({ learningRate: 1 })).toThrow(/unknown option 'learningRate'; valid options: updateRule, optimConfig, lrDecay, batchSize, numEpochs/);
    expect(make({ num_epochs: 1 })).toThrow(/unknown option 'num_epochs' \(did you mean 'numEpochs'\?\)/);
    expect(make({ updateRule: 'adagrad' })).toThrow(/Unknown update rule "adagrad"; valid rules: 'sgd', 'sgdMomentum', 'rmsprop', 'adam', 'sgd_momentum'/);
    expect(make({ updateRule: 'adam', optimConfig: { learning_rate: 1 } })).toThrow(/optimConfig.learning_rate is not a hyperparameter of 'adam'.*'learningRate'.*valid keys: learningRate, beta1, beta2, epsilon/);
    expect(make({ updateRule: 'sgd', optimConfig: { momentum: 0.9 } })).toThrow(/optimConfig.momentum is not a hyperparameter of 'sgd'; valid keys: learningRate/);
  });

  it('reject bad option values', () => {
    expect(make({ batchSize: 0 })).toThrow(/batchSize must be a positive integer, got 0/);
    expect(make({ numEpochs: 2.5 })).toThrow(/numEpochs must be a positive integer/);
    expect(make({ lrDecay: -1 })).toThrow(/lrDecay must be a positive number/);
    expect(make({ optimConfig: { learningRate: 'fast' } })).toThrow(/optimConfig.learningRate must be a finite number/);
    expect(make({ logger: 'console' })).toThrow(/logger must be a function/);
  });

  it('reject data that does not fit', () => {
    const { data, model } = setup(backend);
    expect(() => new Solver(model, { ...data, yTrain: data.yTrain.subarray(1) })).toThrow(/data.yTrain has 49 labels but X has 50 rows/);
    expect(() => new Solver(model, { ...data, yVal: [...data.yVal].map((v, i) => (i === 4 ? 1.5 : v)) })).toThrow(/data.yVal\[4\] is 1.5; labels must be integers/);
    expect(() => new Solver(model, { ...data, X_train: data.XTrain } as never)).toThrow(/unknown data key 'X_train'/);
    const other = setup(getBackend('cpu32')).data;
    expect(() => new Solver(model, { ...data, XVal: other.XVal })).toThrow(/data.XVal lives on cpu32 but the model's parameters on cpu64/);
    expect(() => new Solver({ params: {}, loss: model.loss } as never, data)).toThrow(/model.params must be an object of parameter Tensors/);
  });

  it('reject a model whose loss returns no gradient for a parameter', () => {
    const { data, model } = setup(backend);
    const loss = model.loss.bind(model);
    model.loss = ((X: any, y?: any) => {
      const out = loss(X, y) as any;
      if (y) delete out.grads.b2;
      return out;
    }) as typeof model.loss;
    expect(() => new Solver(model, data, { verbose: false }).step()).toThrow(/model.loss returned no gradient for parameter 'b2'/);
  });
});
