import { fromArray, Tensor, type Backend, type RngState } from '@dropout/tensor';

/** The `format` field of every Solver checkpoint. @example solver.checkpoint().format === CHECKPOINT_FORMAT; */
export const CHECKPOINT_FORMAT = 'dropout-solver-checkpoint';
/** Checkpoint layout version; bumped on incompatible changes. @example solver.checkpoint().version; // 1 */
export const CHECKPOINT_VERSION = 1;

/** A tensor in a checkpoint: its shape and values in row-major order. */
export interface EncodedTensor {
  $tensor: { shape: number[]; data: number[] };
}

/**
 * The Solver options a checkpoint keeps: all but what cannot be saved (functions, the stream,
 * the signal). Spelled out, not derived, so that the file format changes only on purpose.
 */
export interface SavedSolverOptions {
  /** The rule's canonical name, or 'custom' for a function. */
  updateRule: string;
  optimConfig: Record<string, number>;
  lrDecay: number;
  batchSize: number;
  numEpochs: number;
  numTrainSamples: number | null;
  numValSamples: number | null;
  checkpointName: string | null;
  printEvery: number;
  verbose: boolean;
  accuracyBatchSize: number;
}

/**
 * Everything needed to continue a run exactly where it stopped, as plain JSON-safe data:
 * parameters, optimizer state, the random stream, histories, counters and (when the model
 * exposes it) the model's own state. Made by `solver.checkpoint()`, read by `Solver.resume`.
 */
export interface SolverCheckpoint {
  format: typeof CHECKPOINT_FORMAT;
  version: typeof CHECKPOINT_VERSION;
  /** Backend the run used (a resumed run may use another one). */
  backend: string;
  /** The options that shape the run (rule name, optimConfig, lrDecay, batchSize, …). */
  options: SavedSolverOptions;
  epoch: number;
  /** Iterations completed. */
  iteration: number;
  bestValAcc: number;
  lossHistory: number[];
  trainAccHistory: number[];
  valAccHistory: number[];
  /** The live parameters (not the best ones swapped in at the end). */
  params: Record<string, EncodedTensor>;
  bestParams: Record<string, EncodedTensor>;
  /** Per-parameter update-rule configs; tensors (velocity, m, v) are encoded like params. */
  optimConfigs: Record<string, Record<string, unknown>>;
  rng: RngState;
  modelState: unknown;
}

/** The options a checkpoint keeps, picked from the Solver's (`update.name` as `updateRule`). @example savedOptions(solver.options).batchSize; // 100 */
export function savedOptions(o: Omit<SavedSolverOptions, 'updateRule'> & { update: { name: string } }): SavedSolverOptions {
  const { optimConfig, lrDecay, batchSize, numEpochs, numTrainSamples, numValSamples, checkpointName, printEvery, verbose, accuracyBatchSize } = o;
  return { updateRule: o.update.name, optimConfig, lrDecay, batchSize, numEpochs, numTrainSamples, numValSamples, checkpointName, printEvery, verbose, accuracyBatchSize };
}

const TYPED = { Float64Array, Float32Array, Int32Array } as const;

/**
 * Turns Tensors and typed arrays inside `value` into tagged JSON objects; `read` gives a tensor's values.
 * @example
 *   encodeValue({ m: t }, 'optimConfigs.W1', (x) => x.read()); // { m: { $tensor: { shape, data } } }
 */
export function encodeValue(value: unknown, path: string, read: (t: Tensor) => ArrayLike<number>): unknown {
  if (value instanceof Tensor) return { $tensor: { shape: [...value.shape], data: Array.from(read(value)) } };
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`Checkpoint: ${path} is ${value}, which JSON cannot hold`);
    return value;
  }
  if (ArrayBuffer.isView(value)) {
    const kind = value.constructor.name;
    if (!(kind in TYPED)) throw new TypeError(`Checkpoint: ${path} is a ${kind}; only Float64Array, Float32Array and Int32Array are supported`);
    return { $typed: kind, data: Array.from(value as unknown as ArrayLike<number>) };
  }
  if (Array.isArray(value)) return value.map((v, i) => encodeValue(v, `${path}[${i}]`, read));
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = encodeValue(v, `${path}.${k}`, read);
    return out;
  }
  throw new TypeError(`Checkpoint: ${path} is a ${typeof value}, which cannot be saved`);
}

/** Inverse of {@link encodeValue}; tensors are created on `backend`. @example decodeValue(cp.params.W1, backend); // a Tensor */
export function decodeValue(value: unknown, backend: Backend): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => decodeValue(v, backend));
  const obj = value as Record<string, unknown>;
  if (obj.$tensor) {
    const { shape, data } = obj.$tensor as EncodedTensor['$tensor'];
    return fromArray(data, shape, backend);
  }
  if (typeof obj.$typed === 'string') return TYPED[obj.$typed as keyof typeof TYPED].from(obj.data as number[]);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) out[k] = decodeValue(v, backend);
  return out;
}
