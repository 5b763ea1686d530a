import { createRng, type Rng } from '@dropout/tensor';
import type { SolverCheckpoint } from '../checkpoint/checkpoint.js';
import { resolveUpdateRule, type ResolvedUpdateRule, type UpdateRuleName } from '../update-rules/registry.js';
import type { UpdateRule } from '../update-rules/update-rule.js';
import type { EpochEvent, IterationEvent } from '../solver-types.js';

/**
 * The course Solver's keyword arguments in camelCase, plus what a library needs (an `Rng`, a
 * logger, progress callbacks, an AbortSignal, a checkpoint store). Defaults are the course's.
 */
export interface SolverOptions {
  /** `'sgd'` (default), `'sgdMomentum'` (or the course's `'sgd_momentum'`), `'rmsprop'`, `'adam'`, or a rule function. */
  updateRule?: UpdateRuleName | 'sgd_momentum' | UpdateRule;
  /** Hyperparameters given to the update rule for every parameter, e.g. `{ learningRate: 5e-4 }`. */
  optimConfig?: Record<string, number>;
  /** Learning-rate multiplier applied at the end of each epoch (default 1). */
  lrDecay?: number;
  /** Minibatch size (default 100). */
  batchSize?: number;
  /** Epochs to train (default 10). */
  numEpochs?: number;
  /** Training rows used by each accuracy check; null: all (default 1000). */
  numTrainSamples?: number | null;
  /** Validation rows used by each accuracy check; null: all (default null). */
  numValSamples?: number | null;
  /** With `saveCheckpoint`, a checkpoint named `<checkpointName>_epoch_<n>.json` is saved at every accuracy check (default null). */
  checkpointName?: string | null;
  /** Stores a checkpoint under its name: `saveCheckpoint` from `@dropout/optim/node` writes the file; in a page, IndexedDB or a download. */
  saveCheckpoint?: (checkpoint: SolverCheckpoint, name: string) => unknown;
  /** Log the loss every this many iterations (default 10). */
  printEvery?: number;
  /** Log progress at all (default true). */
  verbose?: boolean;
  /** Stream for minibatch and accuracy sampling (`np.random` in the course; default `createRng(0)`). */
  rng?: Rng;
  /** Receives each log line (default `console.log`). */
  logger?: (line: string) => void;
  onIteration?: (event: IterationEvent) => void;
  onEpoch?: (event: EpochEvent) => void;
  /** Stops training cleanly between iterations; the result is then marked `partial`. */
  signal?: AbortSignal;
  /** Rows per forward pass in accuracy checks (the course's `check_accuracy` batch size, default 100). */
  accuracyBatchSize?: number;
}

/** Every option name the Solver accepts. @example solverOptionNames.includes('lrDecay'); // true */
export const solverOptionNames = [
  'updateRule', 'optimConfig', 'lrDecay', 'batchSize', 'numEpochs', 'numTrainSamples', 'numValSamples', 'checkpointName',
  'saveCheckpoint', 'printEvery', 'verbose', 'rng', 'logger', 'onIteration', 'onEpoch', 'signal', 'accuracyBatchSize',
] as const;

/** The course's snake_case keyword arguments, to point users at the camelCase names. */
const SNAKE_CASE: Record<string, string> = {
  update_rule: 'updateRule', optim_config: 'optimConfig', lr_decay: 'lrDecay', batch_size: 'batchSize', num_epochs: 'numEpochs',
  num_train_samples: 'numTrainSamples', num_val_samples: 'numValSamples', checkpoint_name: 'checkpointName', print_every: 'printEvery',
  learning_rate: 'optimConfig: { learningRate }',
};

/** Options with the course's defaults filled in and every value checked. */
export type ResolvedSolverOptions = Required<Omit<SolverOptions, 'updateRule' | 'onIteration' | 'onEpoch' | 'signal' | 'saveCheckpoint'>> &
  Pick<SolverOptions, 'onIteration' | 'onEpoch' | 'signal' | 'saveCheckpoint'> & { update: ResolvedUpdateRule };

const show = (v: unknown): string => JSON.stringify(v) ?? String(v);

function positiveInt(name: string, value: unknown, fallback: number): number {
  const v = value ?? fallback;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) throw new RangeError(`Solver: ${name} must be a positive integer, got ${show(v)}`);
  return v;
}

function samplesOrNull(name: string, value: unknown, fallback: number | null): number | null {
  if (value === null || (value === undefined && fallback === null)) return null;
  return positiveInt(name, value, fallback ?? 1);
}

function callback<T>(name: string, value: T | undefined): T | undefined {
  if (value !== undefined && typeof value !== 'function') throw new TypeError(`Solver: ${name} must be a function, got ${typeof value}`);
  return value;
}

function checkOptimConfig(update: ResolvedUpdateRule, optimConfig: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(optimConfig)) {
    if (update.hyperparameters && !update.hyperparameters.includes(key)) {
      const hint = key === 'learning_rate' ? " (the course's 'learning_rate' is spelled 'learningRate' here)" : '';
      throw new Error(`Solver: optimConfig.${key} is not a hyperparameter of '${update.name}'${hint}; valid keys: ${update.hyperparameters.join(', ')}`);
    }
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new TypeError(`Solver: optimConfig.${key} must be a finite number (state such as velocity is created per parameter), got ${show(value)}`);
    }
  }
  if (optimConfig.learningRate !== undefined && !((optimConfig.learningRate as number) > 0)) {
    throw new RangeError(`Solver: optimConfig.learningRate must be positive, got ${show(optimConfig.learningRate)}; a negative rate climbs the loss`);
  }
}

/**
 * Fills in the course's defaults and checks every option; unknown names throw, listing the valid ones.
 * @example
 *   resolveSolverOptions({ updateRule: 'adam', optimConfig: { learningRate: 5e-4 } }).batchSize; // 100
 */
export function resolveSolverOptions(options: SolverOptions): ResolvedSolverOptions {
  if (options === null || typeof options !== 'object') throw new TypeError(`Solver: options must be an object, got ${options === null ? 'null' : typeof options}`);
  for (const key of Object.keys(options)) {
    if ((solverOptionNames as readonly string[]).includes(key)) continue;
    const hint = SNAKE_CASE[key] ? ` (did you mean '${SNAKE_CASE[key]}'?)` : '';
    throw new Error(`Solver: unknown option '${key}'${hint}; valid options: ${solverOptionNames.join(', ')}`);
  }
  const update = resolveUpdateRule(options.updateRule ?? 'sgd');
  const optimConfig = { ...(options.optimConfig ?? {}) };
  checkOptimConfig(update, optimConfig);
  const lrDecay = options.lrDecay ?? 1;
  if (typeof lrDecay !== 'number' || !Number.isFinite(lrDecay) || lrDecay <= 0) {
    throw new RangeError(`Solver: lrDecay must be a positive number (1 keeps the learning rate), got ${String(lrDecay)}`);
  }
  const checkpointName = options.checkpointName ?? null;
  if (checkpointName !== null && (typeof checkpointName !== 'string' || checkpointName === '')) {
    throw new TypeError(`Solver: checkpointName must be a non-empty name prefix or null, got ${show(checkpointName)}`);
  }
  const saveCheckpoint = callback('saveCheckpoint', options.saveCheckpoint);
  if (checkpointName !== null && !saveCheckpoint) {
    throw new Error("Solver: checkpointName is set but saveCheckpoint is not; pass saveCheckpoint (from '@dropout/optim/node' to write files) or call solver.checkpoint() yourself");
  }
  const rng = options.rng ?? createRng(0);
  if (typeof rng?.choice !== 'function' || typeof rng.getState !== 'function') {
    throw new TypeError('Solver: rng must be an Rng from @dropout/tensor (createRng(seed) or createNumpyRng(seed))');
  }
  const signal = options.signal;
  if (signal !== undefined && typeof signal?.aborted !== 'boolean') throw new TypeError('Solver: signal must be an AbortSignal');
  return {
    update, optimConfig, lrDecay, checkpointName, saveCheckpoint, rng, signal,
    batchSize: positiveInt('batchSize', options.batchSize, 100),
    numEpochs: positiveInt('numEpochs', options.numEpochs, 10),
    numTrainSamples: samplesOrNull('numTrainSamples', options.numTrainSamples, 1000),
    numValSamples: samplesOrNull('numValSamples', options.numValSamples, null),
    printEvery: positiveInt('printEvery', options.printEvery, 10),
    verbose: options.verbose ?? true,
    logger: callback('logger', options.logger) ?? ((line: string) => console.log(line)),
    onIteration: callback('onIteration', options.onIteration),
    onEpoch: callback('onEpoch', options.onEpoch),
    accuracyBatchSize: positiveInt('accuracyBatchSize', options.accuracyBatchSize, 100),
  };
}
