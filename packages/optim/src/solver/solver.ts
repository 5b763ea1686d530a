import { gatherRows, Tensor, type Backend } from '@dropout/tensor';
import { countCorrect, planAccuracy, predictBatch } from './check-accuracy.js';
import { readCheckpoint, writeJsonAtomic } from './checkpoint.js';
import { formatFixed } from './py-format.js';
import { PAUSE, runAsync, runSync, yieldToEventLoop, type Reads } from './reads.js';
import { resolveSolverOptions, type ResolvedSolverOptions } from './solver-options.js';
import { checkData, checkLossOutput, checkModel } from './solver-checks.js';
import { decayLearningRates, makeCheckpoint, restoreCheckpoint } from './solver-state.js';
import type { CheckAccuracyOptions, Labels, SolverData, SolverModel, SolverOptions, SolverResult } from './solver-types.js';
import { collectTensors, disposeUnreferenced } from './tensor-refs.js';

/**
 * The course's Solver: minibatch SGD with a pluggable update rule, accuracy checks at every
 * epoch, histories, and the best validation parameters swapped into the model at the end.
 * Beyond the course: resumable JSON checkpoints, an injectable logger, progress callbacks,
 * an AbortSignal, a non-finite-loss guard, and `trainAsync` for backends that read asynchronously.
 * The Solver owns the parameter tensors it replaces and disposes them; each step runs in `tidy`.
 * @example
 *   const solver = new Solver(model, { XTrain, yTrain, XVal, yVal }, {
 *     updateRule: 'adam', optimConfig: { learningRate: 5e-4 }, numEpochs: 25, batchSize: 100, printEvery: 100,
 *   });
 *   solver.train(); // logs '(Iteration 1 / 125) loss: …', '(Epoch 0 / 25) train acc: …; val_acc: …'
 */
export class Solver {
  readonly model: SolverModel;
  epoch = 0;
  /** Iterations completed (the course's loop variable `t` is `iteration` before each step). */
  iteration = 0;
  bestValAcc = 0;
  bestParams: Record<string, Tensor> = {};
  lossHistory: number[] = [];
  trainAccHistory: number[] = [];
  valAccHistory: number[] = [];
  /** Per-parameter update-rule configs (hyperparameters and state such as velocity or m, v, t). */
  optimConfigs: Record<string, Record<string, unknown>> = {};
  status: 'idle' | 'running' | 'complete' | 'partial' | 'failed' = 'idle';
  readonly #o: ResolvedSolverOptions;
  readonly #X: { train: Tensor; val: Tensor };
  readonly #y: { train: Int32Array; val: Int32Array };
  readonly #backend: Backend;
  /** The live parameters while the best ones are swapped into the model after training. */
  #swappedOut: Record<string, Tensor> | null = null;

  constructor(model: SolverModel, data: SolverData, options: SolverOptions = {}) {
    this.#o = resolveSolverOptions(options);
    this.#backend = checkModel(model);
    const checked = checkData(data, this.#backend);
    this.model = model;
    this.#X = { train: data.XTrain, val: data.XVal };
    this.#y = { train: checked.yTrain, val: checked.yVal };
    for (const name of Object.keys(model.params)) this.optimConfigs[name] = { ...this.#o.optimConfig };
  }

  /**
   * Continues a run from a checkpoint file: parameters, optimizer state, random stream,
   * histories and counters are restored, so training on gives the same histories as an
   * uninterrupted run. Saved options apply unless `options` overrides them.
   * @example
   *   const solver = Solver.resume('runs/keep-1_epoch_2.json', model, data, { logger });
   *   solver.train();
   */
  static resume(checkpointPath: string, model: SolverModel, data: SolverData, options: SolverOptions = {}): Solver {
    const cp = readCheckpoint(checkpointPath);
    const { updateRule, ...saved } = cp.options;
    if (updateRule === 'custom' && options.updateRule === undefined) {
      throw new Error(`Solver.resume: '${checkpointPath}' was trained with a custom update rule; pass the same function as options.updateRule`);
    }
    const solver = new Solver(model, data, { ...saved, updateRule: updateRule as SolverOptions['updateRule'], ...options });
    restoreCheckpoint(solver, cp, solver.#backend, solver.#o, options.rng !== undefined);
    solver.status = solver.iteration >= solver.numIterations ? 'complete' : 'idle';
    return solver;
  }

  /** The options in effect, with defaults filled in. */
  get options(): Readonly<ResolvedSolverOptions> {
    return this.#o;
  }

  get backend(): Backend {
    return this.#backend;
  }

  /** `max(numTrain // batchSize, 1)`. */
  get iterationsPerEpoch(): number {
    return Math.max(Math.floor(this.#X.train.shape[0]! / this.#o.batchSize), 1);
  }

  /** `numEpochs · iterationsPerEpoch`. */
  get numIterations(): number {
    return this.#o.numEpochs * this.iterationsPerEpoch;
  }

  /**
   * One update (the course's `_step`): samples a minibatch with replacement, computes loss and
   * gradients, updates every parameter, appends the loss to `lossHistory` and returns it.
   * Everything it allocates besides the new parameters and optimizer state is freed.
   */
  step(): number {
    this.#assertSyncRead('step');
    return runSync(this.#step());
  }

  /** {@link Solver.step} reading the loss with `readAsync` (for async-only backends). */
  stepAsync(): Promise<number> {
    return runAsync(this.#step());
  }

  /**
   * Fraction of rows whose highest score is their label, in batches of `batchSize` (default 100);
   * with `numSamples` set and more rows than that, a random subset (`rng.choice(N, numSamples)`).
   * @example
   *   solver.checkAccuracy(data.XVal, data.yVal); // e.g. 0.293
   */
  checkAccuracy(X: Tensor, y: Labels, options: CheckAccuracyOptions = {}): number {
    this.#assertSyncRead('checkAccuracy');
    return runSync(this.#accuracy(X, y, options.numSamples ?? null, options.batchSize ?? 100));
  }

  /** {@link Solver.checkAccuracy} reading predictions with `readAsync`. */
  checkAccuracyAsync(X: Tensor, y: Labels, options: CheckAccuracyOptions = {}): Promise<number> {
    return runAsync(this.#accuracy(X, y, options.numSamples ?? null, options.batchSize ?? 100));
  }

  /**
   * Runs the remaining iterations (all of them on a new Solver), logging and checking accuracy
   * as the course does, then swaps the best validation parameters into the model.
   * Throws on a backend without synchronous reads: use {@link Solver.trainAsync} there.
   */
  train(): SolverResult {
    this.#assertSyncRead('train');
    return runSync(this.#train());
  }

  /** {@link Solver.train} with asynchronous reads; also yields to the event loop between iterations so a signal can fire. */
  async trainAsync(): Promise<SolverResult> {
    return runAsync(this.#train(), yieldToEventLoop);
  }

  /**
   * Writes a resumable JSON checkpoint (atomically) and returns its path; by default
   * `<checkpointName>_epoch_<epoch>.json`, as the course names its pickles.
   */
  saveCheckpoint(path?: string): string {
    const file = path ?? (this.#o.checkpointName === null ? null : `${this.#o.checkpointName}_epoch_${this.epoch}.json`);
    if (file === null) throw new Error('Solver.saveCheckpoint: give a path, or set the checkpointName option');
    writeJsonAtomic(file, makeCheckpoint(this, this.#o, this.#swappedOut ?? this.model.params));
    return file;
  }

  /**
   * Frees every tensor the Solver holds apart from the model's current parameters: optimizer
   * state, best parameters not in the model, and the live parameters swapped out at the end.
   * The model's parameters and the data stay with their owners. The Solver is unusable after.
   * @example
   *   solver.train(); const best = model.params; solver.dispose(); // best stays, the rest is freed
   */
  dispose(): void {
    const held = [this.bestParams, this.#swappedOut, this.optimConfigs];
    const candidates = new Set<Tensor>();
    for (const owner of held) collectTensors(owner, candidates);
    this.bestParams = {};
    this.#swappedOut = null;
    this.optimConfigs = {};
    disposeUnreferenced(candidates, [this.model, this.#X]);
  }

  /** The histories and counters as a plain object. */
  result(): SolverResult {
    return {
      status: this.status === 'partial' ? 'partial' : 'complete',
      lossHistory: [...this.lossHistory],
      trainAccHistory: [...this.trainAccHistory],
      valAccHistory: [...this.valAccHistory],
      bestValAcc: this.bestValAcc,
      epoch: this.epoch,
      iteration: this.iteration,
      numIterations: this.numIterations,
    };
  }

  #assertSyncRead(what: string): void {
    if (this.#backend.syncRead === false) {
      throw new Error(
        `Solver.${what}: backend '${this.#backend.name}' only reads asynchronously (syncRead is false); call 'await solver.${what}Async()' instead`,
      );
    }
  }

  /** Tensors that must survive: the model's, the best parameters, the swapped-out ones and optimizer state. */
  #owners(): unknown[] {
    return [this.model, this.bestParams, this.#swappedOut, this.optimConfigs];
  }

  *#step(): Reads<number> {
    const { rng, update, batchSize } = this.#o;
    const idx = rng.choice(this.#X.train.shape[0]!, batchSize);
    const yBatch = Int32Array.from(idx, (i) => this.#y.train[i]!);
    // Model state the step replaces (e.g. running averages) is freed along with the old parameters.
    const before = collectTensors(this.model);
    const out = this.#backend.tidy(() => ({ out: this.model.loss(gatherRows(this.#X.train, idx), yBatch), model: this.model }));
    const { loss, grads } = checkLossOutput(out.out, this.model);
    const scratch = [...before, ...collectTensors(out.out)];
    try {
      const value = typeof loss === 'number' ? loss : (yield loss)[0]!;
      if (!Number.isFinite(value)) {
        throw new Error(
          `Solver: the loss is ${value} at iteration ${this.iteration + 1} / ${this.numIterations} (epoch ${this.epoch}); ` +
            'training stopped. Lower the learning rate or the weight scale, or check the data for NaN/Infinity',
        );
      }
      const next = this.#backend.tidy(() => {
        const params: Record<string, Tensor> = {};
        const configs: Record<string, Record<string, unknown>> = {};
        for (const [name, w] of Object.entries(this.model.params)) {
          const result = update.rule(w, grads[name]!, this.optimConfigs[name]);
          if (!(result?.nextW instanceof Tensor)) throw new Error(`Solver: the update rule returned no nextW Tensor for parameter '${name}'`);
          params[name] = result.nextW;
          configs[name] = result.config as Record<string, unknown>;
        }
        return { params, configs };
      });
      scratch.push(...collectTensors(this.optimConfigs));
      Object.assign(this.model.params, next.params);
      this.optimConfigs = next.configs;
      this.lossHistory.push(value);
      return value;
    } finally {
      disposeUnreferenced(scratch, this.#owners());
    }
  }

  *#accuracy(X: Tensor, y: Labels, numSamples: number | null, batchSize: number): Reads<number> {
    const plan = planAccuracy(X.shape[0]!, numSamples, this.#o.rng);
    let correct = 0;
    for (let start = 0; start < plan.N; start += batchSize) {
      const end = Math.min(start + batchSize, plan.N);
      const before = collectTensors(this.model);
      const { pred } = this.#backend.tidy(() => ({ pred: predictBatch(this.model, X, plan, start, end), model: this.model }));
      try {
        correct += countCorrect(yield pred, y, plan, start);
      } finally {
        disposeUnreferenced([pred, ...before], this.#owners());
      }
    }
    return correct / plan.N;
  }

  *#train(): Reads<SolverResult> {
    const o = this.#o;
    if (this.#swappedOut && this.iteration < this.numIterations) {
      Object.assign(this.model.params, this.#swappedOut);
      this.#swappedOut = null;
    }
    const { numIterations, iterationsPerEpoch } = this;
    this.status = 'running';
    try {
      while (this.iteration < numIterations) {
        yield PAUSE;
        if (o.signal?.aborted) {
          this.status = 'partial';
          break;
        }
        const t = this.iteration;
        const loss = yield* this.#step();
        this.iteration = t + 1;
        if (o.verbose && t % o.printEvery === 0) o.logger(`(Iteration ${t + 1} / ${numIterations}) loss: ${formatFixed(loss)}`);
        const epochEnd = (t + 1) % iterationsPerEpoch === 0;
        if (epochEnd) {
          this.epoch += 1;
          this.optimConfigs = decayLearningRates(this.optimConfigs, o.lrDecay);
        }
        o.onIteration?.({ iteration: t + 1, numIterations, epoch: this.epoch, numEpochs: o.numEpochs, loss });
        if (t === 0 || t === numIterations - 1 || epochEnd) yield* this.#epochCheck();
      }
    } catch (err) {
      this.status = 'failed';
      throw err;
    }
    if (this.status === 'running') this.status = 'complete';
    this.#swapInBest();
    return this.result();
  }

  *#epochCheck(): Reads<void> {
    const o = this.#o;
    const trainAcc = yield* this.#accuracy(this.#X.train, this.#y.train, o.numTrainSamples, o.accuracyBatchSize);
    const valAcc = yield* this.#accuracy(this.#X.val, this.#y.val, o.numValSamples, o.accuracyBatchSize);
    this.trainAccHistory.push(trainAcc);
    this.valAccHistory.push(valAcc);
    if (valAcc > this.bestValAcc) {
      const old = Object.values(this.bestParams);
      this.bestValAcc = valAcc;
      this.bestParams = { ...this.model.params };
      disposeUnreferenced(old, this.#owners());
    }
    // The course saves before updating the best parameters; saving after keeps them in the file.
    if (o.checkpointName !== null) {
      const file = `${o.checkpointName}_epoch_${this.epoch}.json`;
      if (o.verbose) o.logger(`Saving checkpoint to "${file}"`);
      this.saveCheckpoint(file);
    }
    if (o.verbose) o.logger(`(Epoch ${this.epoch} / ${o.numEpochs}) train acc: ${formatFixed(trainAcc)}; val_acc: ${formatFixed(valAcc)}`);
    o.onEpoch?.({
      epoch: this.epoch, numEpochs: o.numEpochs, iteration: this.iteration, numIterations: this.numIterations,
      trainAcc, valAcc, bestValAcc: this.bestValAcc,
    });
  }

  /** The course ends with `model.params = best_params`; the live ones are kept for a later `train()`. */
  #swapInBest(): void {
    if (Object.keys(this.bestParams).length === 0 || this.#swappedOut) return;
    this.#swappedOut = { ...this.model.params };
    Object.assign(this.model.params, this.bestParams);
  }
}
