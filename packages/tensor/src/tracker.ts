import type { Tolerance } from './backend.js';
import { Tensor, type Backend, type DType, type Shape } from './tensor.js';

const scopes: Set<Tensor>[] = [];

function collectTensors(value: unknown, found: Set<Tensor>, seen: Set<unknown>): void {
  if (value === null || typeof value !== 'object' || seen.has(value)) return;
  seen.add(value);
  if (value instanceof Tensor) {
    found.add(value);
    return;
  }
  if (ArrayBuffer.isView(value)) return;
  const items = value instanceof Map ? value.values() : Array.isArray(value) ? value : Object.values(value);
  for (const item of items) collectTensors(item, found, seen);
}

/**
 * Runs `fn`, then frees every tensor created inside it except those reachable from its
 * result (objects, arrays and Maps are searched). Kept tensors move to the enclosing scope.
 * @example
 *   const y = tidy(() => relu(matMul(x, w))); // the matMul output is freed, y is kept
 */
export function tidy<T>(fn: () => T): T {
  const scope = new Set<Tensor>();
  scopes.push(scope);
  let result: T;
  try {
    result = fn();
  } catch (err) {
    scopes.pop();
    for (const t of scope) t.dispose();
    throw err;
  }
  scopes.pop();
  if (result instanceof Promise) {
    throw new Error('tidy: fn returned a Promise, but tidy is synchronous; await outside tidy and keep() what you need');
  }
  const kept = new Set<Tensor>();
  collectTensors(result, kept, new Set());
  const parent = scopes[scopes.length - 1];
  for (const t of scope) {
    if (kept.has(t)) parent?.add(t);
    else t.dispose();
  }
  return result;
}

/** Exempts `t` from every enclosing `tidy`, so it outlives them; the caller disposes it. */
export function keep<T extends Tensor>(t: T): T {
  for (const scope of scopes) scope.delete(t);
  return t;
}

/**
 * Shared bookkeeping for backends: creates tensors, registers them with the current `tidy`
 * scope and counts live ones. A backend only supplies storage and kernels.
 */
export abstract class BackendBase {
  abstract readonly name: string;
  abstract readonly floatBits: 64 | 32;
  abstract readonly tolerance: Tolerance;
  readonly syncRead: boolean = true;
  /** The longest typed array JavaScript engines allocate (V8: 2^32 elements); backends with smaller limits override it. */
  get maxElements(): number {
    return 2 ** 32;
  }
  #live = 0;

  get dtype(): DType {
    return this.floatBits === 64 ? 'float64' : 'float32';
  }

  /** Wraps backend storage in a tracked Tensor. */
  protected make(shape: Shape, handle: unknown): Tensor {
    const t = new Tensor(this as unknown as Backend, shape.slice(), handle);
    this.#live++;
    scopes[scopes.length - 1]?.add(t);
    return t;
  }

  /** Releases a tensor's storage; called once by `Tensor.dispose`. */
  disposeTensor(t: Tensor): void {
    this.#live--;
    this.free(t.handle);
  }

  /** Frees backend storage (no-op where the garbage collector owns it). */
  protected free(_handle: unknown): void {}

  tidy<T>(fn: () => T): T {
    return tidy(fn);
  }

  liveCount(): number {
    return this.#live;
  }
}
