import { add, argMax, assertTensor, checkLabels, equal, fromArray, gatherRows, keep, sliceRows, sum, tidy, zeros, Tensor, type Backend, type Labels } from '@dropout/tensor';
import { CHECKPOINT_FORMAT, CHECKPOINT_VERSION, decodeValue, encodeValue, savedOptions, type SolverCheckpoint } from '../checkpoint/checkpoint.js';
import { checkOverwrite, checkResumable, decodeState, resumeOptions, type ResumeOptions } from '../checkpoint/resume.js';
import { validateCheckpoint } from '../checkpoint/validate-checkpoint.js';
import { formatFixed } from '../format/py-format.js';
import { divergedError, suspects } from '../guard/diverged.js';
import { checkData, checkDataValues, checkDataValuesAsync, checkLossOutput, checkModel, checkScores, type StepOutput } from '../guard/inputs.js';
import { resolveSolverOptions, type ResolvedSolverOptions, type SolverOptions } from '../options/solver-options.js';
import type { CheckAccuracyOptions, SolverData, SolverHistory, SolverModel, SolverResult } from '../solver-types.js';

type Config = Record<string, unknown>;
type Status = 'idle' | 'running' | 'complete' | 'partial' | 'failed';
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => (typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0)));
const tensorsOf = (config: Config): Tensor[] => Object.values(config).filter((v): v is Tensor => v instanceof Tensor);

/**
 * The course's Solver: minibatch SGD with a pluggable update rule, accuracy checks at every
 * epoch, histories, and the best validation parameters swapped into the model at the end.
 * Beyond the course: checkpoints as plain data, a logger, progress callbacks, an AbortSignal,
 * a guard that stops on the first non-finite loss or gradient, and `trainAsync` for backends
 * that read only asynchronously. The Solver owns the parameters it installs and frees the ones it replaces.
 * @example
 *   const solver = new Solver(model, { XTrain, yTrain, XVal, yVal }, {
 *     updateRule: 'adam', optimConfig: { learningRate: 5e-4 }, numEpochs: 25, batchSize: 100, printEvery: 100,
 *   });
 *   solver.train(); // logs '(Iteration 1 / 125) loss: …', '(Epoch 0 / 25) train acc: …; val_acc: …'
 */
export class Solver {
  readonly model: SolverModel;
  readonly #o: ResolvedSolverOptions;
  readonly #backend: Backend;
  readonly #X: { train: Tensor; val: Tensor };
  readonly #y: { train: Int32Array; val: Int32Array };
  #epoch = 0;
  #iteration = 0;
  #bestValAcc = 0;
  #bestParams: Record<string, Tensor> = {};
  #history: SolverHistory = { lossHistory: [], trainAccHistory: [], valAccHistory: [] };
  #optimConfigs: Record<string, Config> = {};
  #status: Status = 'idle';
  /** The live parameters while the best ones are swapped into the model after training. */
  #swappedOut: Record<string, Tensor> | null = null;
  #dataChecked = false;

  constructor(model: SolverModel, data: SolverData, options: SolverOptions = {}) {
    this.#o = resolveSolverOptions(options);
    this.#backend = checkModel(model);
    const y = checkData(data, this.#backend);
    this.model = model;
    this.#X = { train: data.XTrain, val: data.XVal };
    this.#y = { train: y.yTrain, val: y.yVal };
    if (this.#backend.syncRead) checkDataValues(this.#X);
    this.#dataChecked = this.#backend.syncRead;
    for (const name of Object.keys(model.params)) this.#optimConfigs[name] = { ...this.#o.optimConfig };
  }

  /**
   * Continues a run from `solver.checkpoint()`'s object (or `readCheckpoint(path)` from
   * `@dropout/optim/node`): parameters, optimizer state, random stream, histories and counters
   * are restored, so training on gives the same histories as an uninterrupted run. Saved options
   * apply unless `options` overrides them; overriding one that shapes the run while keeping the
   * checkpoint's `checkpointName` is refused (it would overwrite the original run's later
   * checkpoints) unless `overwriteCheckpoints` is true.
   * @example
   *   const solver = Solver.resume(readCheckpoint('runs/keep-1_epoch_2.json'), model, data, { saveCheckpoint });
   *   solver.train();
   */
  static resume(checkpoint: unknown, model: SolverModel, data: SolverData, options: ResumeOptions = {}): Solver {
    const cp = validateCheckpoint(checkpoint);
    const { overwriteCheckpoints = false, ...given } = options;
    const solver = new Solver(model, data, resumeOptions(cp, given));
    const note = checkOverwrite(cp, solver.#o, overwriteCheckpoints);
    if (note && solver.#o.verbose) solver.#o.logger(note);
    solver.#restore(cp);
    return solver;
  }

  /** The options in effect, with defaults filled in. */
  get options(): Readonly<ResolvedSolverOptions> { return this.#o; }
  get backend(): Backend { return this.#backend; }
  /** Epochs completed. */
  get epoch(): number { return this.#epoch; }
  /** Iterations completed (the course's loop variable `t` is `iteration` before each step). */
  get iteration(): number { return this.#iteration; }
  get bestValAcc(): number { return this.#bestValAcc; }
  /** The parameters of the best validation accuracy so far (the model's own tensors after training). */
  get bestParams(): Readonly<Record<string, Tensor>> { return this.#bestParams; }
  get lossHistory(): readonly number[] { return this.#history.lossHistory; }
  get trainAccHistory(): readonly number[] { return this.#history.trainAccHistory; }
  get valAccHistory(): readonly number[] { return this.#history.valAccHistory; }
  /** Per-parameter update-rule configs (hyperparameters and state such as velocity or m, v, t). */
  get optimConfigs(): Readonly<Record<string, Readonly<Config>>> { return this.#optimConfigs; }
  get status(): Status { return this.#status; }
  /** `max(numTrain // batchSize, 1)`. */
  get iterationsPerEpoch(): number { return Math.max(Math.floor(this.#X.train.shape[0]! / this.#o.batchSize), 1); }
  /** `numEpochs · iterationsPerEpoch`. */
  get numIterations(): number { return this.#o.numEpochs * this.iterationsPerEpoch; }

  /**
   * One update (the course's `_step`): samples a minibatch with replacement, computes loss and
   * gradients, updates every parameter, appends the loss to `lossHistory` and returns it. Throws a
   * `TrainingDivergedError` before the update when the loss or a gradient is not finite.
   */
  step(): number {
    this.#assertSyncRead('step');
    const step = this.#lossAndGrads();
    try {
      const loss = lossOf(step, step.check.item());
      if (!Number.isFinite(loss)) throw this.#diverged(step, suspects(step, this.model).map(([, t]) => t.read()));
      this.#update(step.grads);
      this.#history.lossHistory.push(loss);
      return loss;
    } finally {
      this.#release(step);
    }
  }

  /** {@link Solver.step} reading its one number with `readAsync` (checks the data's values on its first call). */
  async stepAsync(): Promise<number> {
    if (!this.#dataChecked) await checkDataValuesAsync(this.#X);
    this.#dataChecked = true;
    const step = this.#lossAndGrads();
    try {
      const loss = lossOf(step, (await step.check.readAsync())[0]!);
      if (!Number.isFinite(loss)) throw this.#diverged(step, await Promise.all(suspects(step, this.model).map(([, t]) => t.readAsync())));
      this.#update(step.grads);
      this.#history.lossHistory.push(loss);
      return loss;
    } finally {
      this.#release(step);
    }
  }

  /**
   * Fraction of rows whose highest score is their label, in batches of `batchSize` (default 100);
   * with `numSamples` set and more rows than that, a random subset (`rng.choice(N, numSamples)`).
   * @example
   *   solver.checkAccuracy(data.XVal, data.yVal); // e.g. 0.293
   */
  checkAccuracy(X: Tensor, y: Labels, options: CheckAccuracyOptions = {}): number {
    this.#assertSyncRead('checkAccuracy');
    const { correct, N } = this.#countCorrect(X, y, options);
    try {
      return correct.item() / N;
    } finally {
      correct.dispose();
    }
  }

  /** {@link Solver.checkAccuracy} reading its one number with `readAsync`. */
  async checkAccuracyAsync(X: Tensor, y: Labels, options: CheckAccuracyOptions = {}): Promise<number> {
    const { correct, N } = this.#countCorrect(X, y, options);
    try {
      return (await correct.readAsync())[0]! / N;
    } finally {
      correct.dispose();
    }
  }

  /**
   * Runs the remaining iterations (all of them on a new Solver), logging and checking accuracy
   * as the course does, then swaps the best validation parameters into the model. On an error
   * (e.g. `TrainingDivergedError`) the status is `failed` and `result()` keeps what ran.
   * Throws on a backend without synchronous reads: use {@link Solver.trainAsync} there.
   */
  train(): SolverResult {
    this.#assertSyncRead('train');
    this.#begin();
    try {
      while (this.#iteration < this.numIterations && !this.#aborted()) {
        if (!this.#afterStep(this.step())) continue;
        const [train, val] = this.#checks();
        this.#record(this.checkAccuracy(...train), this.checkAccuracy(...val));
        if (this.#o.checkpointName !== null) this.#save(this.checkpoint(), true);
        this.#announce();
      }
    } catch (err) {
      this.#status = 'failed';
      throw err;
    }
    return this.#end();
  }

  /** {@link Solver.train} with asynchronous reads; also yields to the event loop between iterations so a signal can fire. */
  async trainAsync(): Promise<SolverResult> {
    this.#begin();
    try {
      while (this.#iteration < this.numIterations && (await yieldToEventLoop(), !this.#aborted())) {
        if (!this.#afterStep(await this.stepAsync())) continue;
        const [train, val] = this.#checks();
        this.#record(await this.checkAccuracyAsync(...train), await this.checkAccuracyAsync(...val));
        if (this.#o.checkpointName !== null) await this.#save(await this.checkpointAsync(), false);
        this.#announce();
      }
    } catch (err) {
      this.#status = 'failed';
      throw err;
    }
    return this.#end();
  }

  /**
   * The run as plain JSON-safe data (`JSON.stringify` it, store it anywhere); `Solver.resume`
   * continues from it. Holds the live parameters, not the best ones swapped in at the end.
   * @example
   *   const saved = JSON.stringify(solver.checkpoint()); // later: Solver.resume(JSON.parse(saved), model, data)
   */
  checkpoint(): SolverCheckpoint {
    this.#assertSyncRead('checkpoint');
    return this.#snapshot((t) => t.read());
  }

  /** {@link Solver.checkpoint} reading tensors with `readAsync` (for every backend). */
  async checkpointAsync(): Promise<SolverCheckpoint> {
    const model = this.model;
    const state = hasState(model) ? await (model.getStateAsync?.() ?? model.getState!()) : null;
    const tensors: Tensor[] = [];
    this.#snapshot((t) => (tensors.push(t), []), state); // a dry run lists the tensors to read
    const values = await Promise.all(tensors.map((t) => t.readAsync()));
    return this.#snapshot((t) => values[tensors.indexOf(t)]!, state);
  }

  /**
   * Frees every tensor the Solver holds apart from the model's current parameters: optimizer
   * state, best parameters not in the model, and the live parameters swapped out at the end.
   * The model's parameters and the data stay with their owners. The Solver is unusable after.
   * @example
   *   solver.train(); const best = model.params; solver.dispose(); // best stays, the rest is freed
   */
  dispose(): void {
    const live = Object.values(this.model.params);
    const held = [...Object.values(this.#optimConfigs).flatMap(tensorsOf), ...Object.values(this.#bestParams), ...Object.values(this.#swappedOut ?? {})];
    for (const t of held) if (!live.includes(t)) t.dispose();
    this.#bestParams = {};
    this.#swappedOut = null;
    this.#optimConfigs = {};
  }

  /** The histories and counters as a plain object. */
  result(): SolverResult {
    return {
      status: this.#status === 'partial' || this.#status === 'failed' ? this.#status : 'complete',
      ...copyHistory(this.#history),
      bestValAcc: this.#bestValAcc,
      epoch: this.#epoch,
      iteration: this.#iteration,
      numIterations: this.numIterations,
    };
  }

  #assertSyncRead(what: string): void {
    if (this.#backend.syncRead === false) {
      throw new Error(`Solver.${what}: backend '${this.#backend.name}' only reads asynchronously (syncRead is false); call 'await solver.${what}Async()' instead`);
    }
  }

  /** Samples a minibatch and runs `model.loss` on it; what it returns belongs to the step until `#release`. */
  #lossAndGrads(): StepOutput {
    const idx = this.#o.rng.choice(this.#X.train.shape[0]!, this.#o.batchSize);
    const yBatch = Int32Array.from(idx, (i) => this.#y.train[i]!);
    return tidy(() => checkLossOutput(this.model.loss(gatherRows(this.#X.train, idx), yBatch), this.model));
  }

  /**
   * `next_w, next_config = update_rule(w, dw, config)` for every parameter (all computed before any
   * is installed). A built-in rule is given (donated) the old weights and state, which this step
   * drops anyway, so the fused kernels can write in place; not a parameter the best parameters
   * hold, one held under two names, or one that is also a gradient.
   */
  #update(grads: Record<string, Tensor>): void {
    const { rule, name: ruleName } = this.#o.update;
    const params = Object.values(this.model.params);
    const kept = new Set([...Object.values(grads), ...Object.values(this.#bestParams)]);
    const donatable = (w: Tensor): boolean => ruleName !== 'custom' && !kept.has(w) && params.indexOf(w) === params.lastIndexOf(w);
    const next = tidy(() => Object.entries(this.model.params).map(([name, w]) => {
      const out = rule(w, grads[name]!, this.#optimConfigs[name], { donate: donatable(w) });
      if (!(out?.nextW instanceof Tensor)) throw new Error(`Solver: the update rule returned no nextW Tensor for parameter '${name}'`);
      return [name, w, out] as const;
    }));
    for (const [name, w, { nextW, config }] of next) {
      const [old, carried] = [tensorsOf(this.#optimConfigs[name]!), tensorsOf(config)];
      this.model.params[name] = keep(nextW);
      this.#optimConfigs[name] = config;
      carried.forEach(keep);
      if (w !== nextW && this.#bestParams[name] !== w) w.dispose();
      for (const t of old) if (!carried.includes(t)) t.dispose();
    }
  }

  /** Frees what one step's `model.loss` returned, except a gradient its rule kept (e.g. as the first velocity). */
  #release(step: StepOutput): void {
    if (step.loss instanceof Tensor) step.loss.dispose();
    step.check.dispose();
    for (const [name, g] of Object.entries(step.grads)) {
      const kept = this.model.params[name] === g || Object.values(this.#optimConfigs[name] ?? {}).includes(g);
      if (!kept) g.dispose();
    }
  }

  /** The error for a step that read a non-finite number; `values` are those of `suspects(step)`. */
  #diverged(step: StepOutput, values: ArrayLike<number>[]): Error {
    return divergedError(step, suspects(step, this.model), values, { t: this.#iteration, numIterations: this.numIterations, epoch: this.#epoch });
  }

  /** The course's `check_accuracy` up to its division: the rows (a random subset with `numSamples`) whose highest score is their label, counted on the backend. */
  #countCorrect(X: Tensor, y: Labels, { numSamples = null, batchSize = 100 }: CheckAccuracyOptions): { correct: Tensor; N: number } {
    assertTensor('Solver.checkAccuracy', 'X', X);
    const labels = checkLabels(y, { op: 'Solver.checkAccuracy', rows: X.shape[0]!, rowsOf: 'X' });
    const mask = numSamples !== null && X.shape[0]! > numSamples ? this.#o.rng.choice(X.shape[0]!, numSamples) : null;
    const N = mask ? mask.length : X.shape[0]!;
    const correct = tidy(() => {
      let total = zeros([1], this.#backend);
      for (let start = 0; start < N; start += batchSize) {
        const end = Math.min(start + batchSize, N);
        const rows = mask?.subarray(start, end);
        total = tidy(() => {
          const scores = checkScores(this.model.loss(rows ? gatherRows(X, rows) : sliceRows(X, start, end)), end - start);
          const yBatch = fromArray(rows ? Array.from(rows, (i) => labels[i]!) : labels.subarray(start, end), [end - start], this.#backend);
          return add(total, sum(equal(argMax(scores, 1), yBatch)));
        });
      }
      return total;
    });
    return { correct, N };
  }

  /** The course's two accuracy checks: training rows (subsampled to numTrainSamples) and validation rows. */
  #checks(): Array<[Tensor, Labels, CheckAccuracyOptions]> {
    const { numTrainSamples, numValSamples, accuracyBatchSize: batchSize } = this.#o;
    return [[this.#X.train, this.#y.train, { numSamples: numTrainSamples, batchSize }], [this.#X.val, this.#y.val, { numSamples: numValSamples, batchSize }]];
  }

  #begin(): void {
    if (this.#swappedOut && this.#iteration < this.numIterations) {
      Object.assign(this.model.params, this.#swappedOut);
      this.#swappedOut = null;
    }
    this.#status = 'running';
  }

  #aborted(): boolean {
    if (this.#o.signal?.aborted) this.#status = 'partial';
    return this.#status === 'partial';
  }

  /** Counts the iteration, logs, decays the learning rate at an epoch end; true when accuracy is checked now. */
  #afterStep(loss: number): boolean {
    const [o, numIterations] = [this.#o, this.numIterations];
    const t = this.#iteration++;
    if (o.verbose && t % o.printEvery === 0) o.logger(`(Iteration ${t + 1} / ${numIterations}) loss: ${formatFixed(loss)}`);
    const epochEnd = (t + 1) % this.iterationsPerEpoch === 0;
    if (epochEnd) {
      this.#epoch += 1;
      for (const [name, config] of Object.entries(this.#optimConfigs)) this.#optimConfigs[name] = decayed(config, o.lrDecay, name);
    }
    o.onIteration?.({ iteration: t + 1, numIterations, epoch: this.#epoch, numEpochs: o.numEpochs, loss });
    return t === 0 || t === numIterations - 1 || epochEnd;
  }

  /** Records an accuracy check and the best parameters. */
  #record(trainAcc: number, valAcc: number): void {
    this.#history.trainAccHistory.push(trainAcc);
    this.#history.valAccHistory.push(valAcc);
    if (valAcc > this.#bestValAcc) {
      for (const [name, t] of Object.entries(this.#bestParams)) if (this.model.params[name] !== t) t.dispose();
      this.#bestValAcc = valAcc;
      this.#bestParams = { ...this.model.params };
    }
  }

  /** Stores `<checkpointName>_epoch_<n>.json` (after `#record`: the course saves before it, which leaves out the new best parameters). */
  #save(checkpoint: SolverCheckpoint, sync: boolean): unknown {
    const name = `${this.#o.checkpointName}_epoch_${this.#epoch}.json`;
    if (this.#o.verbose) this.#o.logger(`Saving checkpoint to "${name}"`);
    const stored = this.#o.saveCheckpoint!(checkpoint, name);
    if (sync && stored instanceof Promise) {
      stored.catch(() => {});
      throw new Error('Solver.train: saveCheckpoint returned a Promise, which train() cannot wait for; use await solver.trainAsync()');
    }
    return stored;
  }

  /** Logs the last accuracy check and sends it to `onEpoch`. */
  #announce(): void {
    const [o, trainAcc, valAcc] = [this.#o, this.#history.trainAccHistory.at(-1)!, this.#history.valAccHistory.at(-1)!];
    if (o.verbose) o.logger(`(Epoch ${this.#epoch} / ${o.numEpochs}) train acc: ${formatFixed(trainAcc)}; val_acc: ${formatFixed(valAcc)}`);
    o.onEpoch?.({ epoch: this.#epoch, numEpochs: o.numEpochs, iteration: this.#iteration, numIterations: this.numIterations, trainAcc, valAcc, bestValAcc: this.#bestValAcc });
  }

  /** The course ends with `model.params = best_params`; the live ones are kept for a later `train()`. */
  #end(): SolverResult {
    if (this.#status === 'running') this.#status = 'complete';
    if (Object.keys(this.#bestParams).length > 0 && !this.#swappedOut) {
      this.#swappedOut = { ...this.model.params };
      Object.assign(this.model.params, this.#bestParams);
    }
    return this.result();
  }

  /** The checkpoint object; `read` gives a tensor's values, `state` the model's (default: `getState()`). */
  #snapshot(read: (t: Tensor) => ArrayLike<number>, state = hasState(this.model) ? this.model.getState!() : null): SolverCheckpoint {
    const model = this.model;
    const encode = <T>(value: unknown, path: string) => encodeValue(value, path, read) as T;
    return {
      format: CHECKPOINT_FORMAT,
      version: CHECKPOINT_VERSION,
      backend: this.#backend.name,
      options: savedOptions(this.#o),
      epoch: this.#epoch,
      iteration: this.#iteration,
      bestValAcc: this.#bestValAcc,
      ...copyHistory(this.#history),
      params: encode(this.#swappedOut ?? model.params, 'params'),
      bestParams: encode(this.#bestParams, 'bestParams'),
      optimConfigs: encode(this.#optimConfigs, 'optimConfigs'),
      rng: this.#o.rng.getState(),
      modelState: state === null ? null : encode(state, 'modelState'),
    };
  }

  /** Puts a checkpoint's state into this freshly constructed Solver, its model and its Rng. */
  #restore(cp: SolverCheckpoint): void {
    const model = this.model;
    checkResumable(cp, this.#o, this.iterationsPerEpoch);
    const { params, bestParams, configs } = decodeState(cp, model, this.#backend);
    if (cp.modelState !== null && cp.modelState !== undefined) {
      if (typeof model.setState !== 'function') throw new Error('Solver.resume: the checkpoint holds model state but the model has no setState(state) method');
      model.setState(decodeValue(cp.modelState, this.#backend));
    }
    this.#o.rng.setState(cp.rng);
    for (const name of Object.keys(model.params)) {
      model.params[name]!.dispose();
      model.params[name] = params[name]!;
      this.#optimConfigs[name] = configs[name]!;
      tensorsOf(configs[name]!).forEach(keep);
    }
    this.#bestParams = bestParams;
    [this.#epoch, this.#iteration, this.#bestValAcc] = [cp.epoch, cp.iteration, cp.bestValAcc];
    this.#history = copyHistory(cp);
    this.#status = this.#iteration >= this.numIterations ? 'complete' : 'idle';
  }
}

/** The step's loss: `model.loss`'s number, or the read `check` (loss + 0·Σ grads) when it is a Tensor. */
const lossOf = (step: StepOutput, check: number): number => (typeof step.loss === 'number' ? step.loss : 0) + check;

const copyHistory = (h: SolverHistory): SolverHistory => ({ lossHistory: [...h.lossHistory], trainAccHistory: [...h.trainAccHistory], valAccHistory: [...h.valAccHistory] });

/** The course's `config['learning_rate'] *= lr_decay`, as a new config object. */
function decayed(config: Config, lrDecay: number, name: string): Config {
  if (typeof config.learningRate === 'number') return { ...config, learningRate: config.learningRate * lrDecay };
  if (lrDecay !== 1) throw new Error(`Solver: lrDecay needs a numeric learningRate in the optimizer config of '${name}'; the custom update rule must return it`);
  return config;
}

/** A model whose state (e.g. batch norm running statistics) goes into checkpoints. */
const hasState = (model: SolverModel): boolean => typeof model.getState === 'function' && typeof model.setState === 'function';
