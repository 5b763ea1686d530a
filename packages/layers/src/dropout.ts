import { createNumpyRng, createRng, dropoutMask, maximum0, mul, type Rng, type Tensor } from '@dropout/tensor';
import type { ReluCache } from './relu.js';
import { checkMode, checkShape, checkTensor } from './validate.js';

/** Dropout settings, the course's `dropout_param`. */
export interface DropoutParam {
  /**
   * KEEP probability, in (0, 1]: each unit survives with probability `p` (it is not the drop
   * rate; p = 1 keeps everything, p = 0.25 drops three units in four).
   */
  p: number;
  /** 'train' draws a mask; 'test' returns the input unchanged. */
  mode: 'train' | 'test';
  /**
   * When set, every call draws its mask from a stream freshly seeded with it, so repeated
   * calls (a gradient check) see the same mask. See {@link dropoutForward} for which stream.
   */
  seed?: number;
}

/** What {@link dropoutForward} saves for {@link dropoutBackward}: the param and the scaled mask (null in test mode). */
export interface DropoutCache {
  dropoutParam: DropoutParam;
  mask: Tensor | null;
}

/** Output and cache of {@link dropoutForward}. */
export interface DropoutResult {
  out: Tensor;
  cache: DropoutCache;
}

function checkParam(where: string, dropoutParam: DropoutParam): void {
  if (dropoutParam === null || typeof dropoutParam !== 'object') {
    throw new TypeError(`${where}: dropoutParam must be an object { p, mode, seed? }, got ${String(dropoutParam)}`);
  }
  const { p, seed } = dropoutParam;
  if (typeof p !== 'number' || !(p > 0 && p <= 1)) {
    throw new RangeError(
      `${where}: dropoutParam.p = ${String(p)} is outside (0, 1]; p is the KEEP probability (p = 1 keeps every unit), not the drop rate`,
    );
  }
  checkMode(where, 'dropoutParam', dropoutParam.mode);
  if (seed !== undefined && (!Number.isInteger(seed) || seed < 0)) {
    throw new RangeError(`${where}: dropoutParam.seed must be a non-negative integer, got ${String(seed)}`);
  }
}

/** The stream this call's mask comes from (reseeding a NumPy stream even in test mode, as np.random.seed does). */
function maskStream(where: string, dropoutParam: DropoutParam, rng: Rng | undefined): Rng | null {
  const { seed, mode } = dropoutParam;
  if (seed !== undefined && rng?.kind === 'numpy') rng.seed(seed);
  if (mode === 'test') return null;
  if (seed === undefined) {
    if (rng) return rng;
    throw new Error(
      `${where}: train mode needs randomness: pass an rng (${where}(x, param, createRng(231))) or set dropoutParam.seed`,
    );
  }
  if (rng?.kind === 'numpy') return rng;
  return rng ? createRng(seed) : createNumpyRng(seed);
}

/**
 * Inverted dropout, forward pass. In train mode each unit is kept when `u < p` (u uniform in
 * [0, 1), drawn on the host with `rng.rand(x.size)` so every backend gets the same mask) and
 * kept units are scaled by 1/p; test mode returns `x` itself. x: any shape; out: x's shape.
 *
 * The mask's stream: with `dropoutParam.seed` set and a NumPy stream (`createNumpyRng`) passed,
 * that stream is reseeded in place on every call, in train and test mode alike; this emulates
 * the course's `np.random.seed(seed)`, which reseeds NumPy's global stream, a side effect the
 * notebook's numbers depend on. With a seed and a seedrandom stream, a fresh `createRng(seed)`
 * is used and the caller's stream is left alone; with a seed and no rng, a fresh
 * `createNumpyRng(seed)`. Without a seed the mask comes from `rng`, which train mode requires.
 * @example
 *   const { out, cache } = dropoutForward(x, { p: 0.5, mode: 'train', seed: 231 });
 *   const { out: same } = dropoutForward(x, { p: 0.5, mode: 'test' }); // same === x
 */
export function dropoutForward(x: Tensor, dropoutParam: DropoutParam, rng?: Rng): DropoutResult {
  return masked('dropoutForward', x, dropoutParam, rng, false);
}

/**
 * The forward pass of `where` (dropoutForward, or reluDropoutForward with `relu`): checks, the
 * mask's stream, then `x · mask` (`max(x, 0) · mask`) in one pass, or in test mode `x` itself
 * (`max(x, 0)`).
 */
function masked(where: string, x: Tensor, dropoutParam: DropoutParam, rng: Rng | undefined, relu: boolean): DropoutResult {
  checkTensor(where, 'x', x);
  checkParam(where, dropoutParam);
  const stream = maskStream(where, dropoutParam, rng);
  const param = { ...dropoutParam };
  if (stream === null) return { out: relu ? maximum0(x) : x, cache: { dropoutParam: param, mask: null } };
  const { p } = dropoutParam;
  const u = stream.rand(x.size);
  // mask = (u < p) / p and out = x · mask in one pass; dividing kept units by p keeps the
  // expected activation equal to x, so test mode needs no rescaling.
  const { out, mask } = dropoutMask(x, u, p, { relu });
  return { out, cache: { dropoutParam: param, mask } };
}

/** Output and caches of {@link reluDropoutForward}: one cache for each layer's backward pass. */
export interface ReluDropoutResult {
  out: Tensor;
  cache: { relu: ReluCache; dropout: DropoutCache };
}

/**
 * ReLU followed by inverted dropout in one pass: `out = max(x, 0) · mask` with the mask drawn
 * exactly as {@link dropoutForward} draws it (same stream, same seeding rules), so `out` and
 * the caches are those of `dropoutForward(reluForward(x).out, dropoutParam, rng)`, bit for bit,
 * without the intermediate ReLU tensor. Backward: `reluBackward(dropoutBackward(dout,
 * cache.dropout), cache.relu)`.
 * @example
 *   const { out, cache } = reluDropoutForward(h, { p: 0.5, mode: 'train' }, createRng(1));
 */
export function reluDropoutForward(x: Tensor, dropoutParam: DropoutParam, rng?: Rng): ReluDropoutResult {
  const { out, cache } = masked('reluDropoutForward', x, dropoutParam, rng, true);
  return { out, cache: { relu: { x }, dropout: cache } };
}

/**
 * Inverted dropout, backward pass: `dx = dout · mask` in train mode (the mask holds 0 or 1/p),
 * `dout` itself in test mode. dout: the shape of the forward input.
 * @example
 *   const dx = dropoutBackward(dout, cache);
 */
export function dropoutBackward(dout: Tensor, cache: DropoutCache): Tensor {
  checkTensor('dropoutBackward', 'dout', dout);
  if (cache.mask === null) return dout;
  checkShape('dropoutBackward', 'dout', dout, cache.mask.shape, 'the shape of the forward input');
  return mul(dout, cache.mask);
}
