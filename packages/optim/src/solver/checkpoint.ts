import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fromArray, Tensor, type Backend, type RngState } from '@dropout/tensor';
import type { ResolvedSolverOptions } from './solver-options.js';

/** The `format` field of every Solver checkpoint. @example readCheckpoint(path).format === CHECKPOINT_FORMAT; */
export const CHECKPOINT_FORMAT = 'dropout-solver-checkpoint';
/** Checkpoint layout version; bumped on incompatible changes. @example readCheckpoint(path).version; // 1 */
export const CHECKPOINT_VERSION = 1;

/** A JSON-safe value in which Tensors and typed arrays are tagged objects. */
export type Encoded = unknown;

/**
 * Everything needed to continue a run exactly where it stopped: parameters, optimizer state,
 * the random stream, histories, counters and (when the model exposes it) the model's own state.
 */
/** The resolved options minus what cannot be saved (the rule function, stream, callbacks, signal). */
export type SavedSolverOptions = Omit<ResolvedSolverOptions, 'update' | 'rng' | 'logger' | 'onIteration' | 'onEpoch' | 'signal'> & {
  updateRule: string;
};

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
  params: Record<string, Encoded>;
  bestParams: Record<string, Encoded>;
  optimConfigs: Record<string, Encoded>;
  rng: RngState;
  modelState: Encoded | null;
}

const TYPED = { Float64Array, Float32Array, Int32Array } as const;

/** Turns Tensors and typed arrays inside `value` into tagged JSON objects. */
export function encodeValue(value: unknown, path = 'value'): Encoded {
  if (value instanceof Tensor) return { $tensor: { shape: [...value.shape], data: Array.from(value.read()) } };
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
  if (Array.isArray(value)) return value.map((v, i) => encodeValue(v, `${path}[${i}]`));
  if (typeof value === 'object' && value !== undefined) {
    const out: Record<string, Encoded> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = encodeValue(v, `${path}.${k}`);
    return out;
  }
  throw new TypeError(`Checkpoint: ${path} is a ${typeof value}, which cannot be saved`);
}

/** Inverse of {@link encodeValue}; tensors are created on `backend`. */
export function decodeValue(value: Encoded, backend: Backend): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => decodeValue(v, backend));
  const obj = value as Record<string, unknown>;
  if (obj.$tensor) {
    const { shape, data } = obj.$tensor as { shape: number[]; data: number[] };
    return fromArray(data, shape, backend);
  }
  if (typeof obj.$typed === 'string') return TYPED[obj.$typed as keyof typeof TYPED].from(obj.data as number[]);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) out[k] = decodeValue(v, backend);
  return out;
}

/** Writes JSON atomically: to a temporary file beside `path`, then renamed over it. */
export function writeJsonAtomic(path: string, value: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(value));
  renameSync(tmp, path);
}

/**
 * Reads and checks a checkpoint written by `Solver.saveCheckpoint` (or at an epoch end).
 * @example
 *   const cp = readCheckpoint('runs/keep-1_epoch_2.json'); cp.iteration; // e.g. 10
 */
export function readCheckpoint(path: string): SolverCheckpoint {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`Solver.resume: cannot read checkpoint '${path}': ${(err as Error).message}`);
  }
  const cp = parsed as Partial<SolverCheckpoint> | null;
  if (cp?.format !== CHECKPOINT_FORMAT) throw new Error(`Solver.resume: '${path}' is not a Solver checkpoint (format is ${JSON.stringify(cp?.format)})`);
  if (cp.version !== CHECKPOINT_VERSION) {
    throw new Error(`Solver.resume: '${path}' has checkpoint version ${cp.version}, but this @dropout/optim reads version ${CHECKPOINT_VERSION}`);
  }
  for (const key of ['params', 'bestParams', 'optimConfigs', 'rng', 'options', 'lossHistory', 'trainAccHistory', 'valAccHistory'] as const) {
    if (cp[key] === null || typeof cp[key] !== 'object') throw new Error(`Solver.resume: checkpoint '${path}' lacks '${key}'`);
  }
  for (const key of ['epoch', 'iteration', 'bestValAcc'] as const) {
    if (typeof cp[key] !== 'number') throw new Error(`Solver.resume: checkpoint '${path}' lacks the number '${key}'`);
  }
  return cp as SolverCheckpoint;
}
