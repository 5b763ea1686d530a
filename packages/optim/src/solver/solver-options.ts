import { createRng, type Rng } from '@dropout/tensor';
import { resolveUpdateRule, type ResolvedUpdateRule } from '../update-rules/registry.js';
import type { SolverOptions } from './solver-types.js';

/** Every option name the Solver accepts. @example solverOptionNames.includes('lrDecay'); // true */
export const solverOptionNames = [
  'updateRule', 'optimConfig', 'lrDecay', 'batchSize', 'numEpochs', 'numTrainSamples', 'numValSamples',
  'checkpointName', 'printEvery', 'verbose', 'rng', 'logger', 'onIteration', 'onEpoch', 'signal', 'accuracyBatchSize',
] as const;

/** The course's snake_case keyword arguments, to point users at the camelCase names. */
const SNAKE_CASE: Record<string, string> = {
  update_rule: 'updateRule', optim_config: 'optimConfig', lr_decay: 'lrDecay', batch_size: 'batchSize', num_epochs: 'numEpochs',
  num_train_samples: 'numTrainSamples', num_val_samples: 'numValSamples', checkpoint_name: 'checkpointName', print_every: 'printEvery',
  learning_rate: 'optimConfig: { learningRate }',
};

/** Options with the course's defaults filled in and every value checked. */
export interface ResolvedSolverOptions {
  update: ResolvedUpdateRule;
  optimConfig: Record<string, number>;
  lrDecay: number;
  batchSize: number;
  numEpochs: number;
  numTrainSamples: number | null;
  numValSamples: number | null;
  checkpointName: string | null;
  printEvery: number;
  verbose: boolean;
  rng: Rng;
  logger: (line: string) => void;
  onIteration: SolverOptions['onIteration'];
  onEpoch: SolverOptions['onEpoch'];
  signal: AbortSignal | undefined;
  accuracyBatchSize: number;
}

function positiveInt(name: string, value: unknown, fallback: number): number {
  const v = value ?? fallback;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) {
    throw new RangeError(`Solver: ${name} must be a positive integer, got ${JSON.stringify(v) ?? String(v)}`);
  }
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
  for (const [key, value] of Object.entries(optimConfig)) {
    if (update.hyperparameters && !update.hyperparameters.includes(key)) {
      const hint = key === 'learning_rate' ? " (the course's 'learning_rate' is spelled 'learningRate' here)" : '';
      throw new Error(`Solver: optimConfig.${key} is not a hyperparameter of '${update.name}'${hint}; valid keys: ${update.hyperparameters.join(', ')}`);
    }
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new TypeError(`Solver: optimConfig.${key} must be a finite number (state such as velocity is created per parameter), got ${JSON.stringify(value) ?? String(value)}`);
    }
  }
  const lrDecay = options.lrDecay ?? 1;
  if (typeof lrDecay !== 'number' || !Number.isFinite(lrDecay) || lrDecay <= 0) {
    throw new RangeError(`Solver: lrDecay must be a positive number (1 keeps the learning rate), got ${String(lrDecay)}`);
  }
  const checkpointName = options.checkpointName ?? null;
  if (checkpointName !== null && (typeof checkpointName !== 'string' || checkpointName === '')) {
    throw new TypeError(`Solver: checkpointName must be a non-empty path prefix or null, got ${JSON.stringify(checkpointName)}`);
  }
  const rng = options.rng ?? createRng(0);
  if (typeof rng?.choice !== 'function' || typeof rng.getState !== 'function') {
    throw new TypeError('Solver: rng must be an Rng from @dropout/tensor (createRng(seed) or createNumpyRng(seed))');
  }
  const signal = options.signal;
  if (signal !== undefined && typeof signal?.aborted !== 'boolean') throw new TypeError('Solver: signal must be an AbortSignal');
  return {
    update,
    optimConfig,
    lrDecay,
    batchSize: positiveInt('batchSize', options.batchSize, 100),
    numEpochs: positiveInt('numEpochs', options.numEpochs, 10),
    numTrainSamples: samplesOrNull('numTrainSamples', options.numTrainSamples, 1000),
    numValSamples: samplesOrNull('numValSamples', options.numValSamples, null),
    checkpointName,
    printEvery: positiveInt('printEvery', options.printEvery, 10),
    verbose: options.verbose ?? true,
    rng,
    logger: callback('logger', options.logger) ?? ((line: string) => console.log(line)),
    onIteration: callback('onIteration', options.onIteration),
    onEpoch: callback('onEpoch', options.onEpoch),
    signal,
    accuracyBatchSize: positiveInt('accuracyBatchSize', options.accuracyBatchSize, 100),
  };
}
