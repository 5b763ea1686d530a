// Becomes a shader: each thread folds one lane of the reduced axis with the `reduceOp` helper chosen per op.
import type { ReduceOp } from '../../backend.js';
import type { KernelSource } from './kernel-this.js';

/**
 * The input viewed as `[outer, len, inner]`, reduced over `len`; output `[outer·inner]`.
 * `scale` is 1/len for mean and 1 otherwise.
 */
export const reduce: KernelSource = `function (a) {
  const i = this.thread.x;
  const o = Math.floor((i + 0.5) / this.constants.inner);
  const base = o * this.constants.len * this.constants.inner + (i - o * this.constants.inner);
  let acc = a[base];
  for (let k = 1; k < this.constants.len; k++) {
    acc = reduceOp(acc, a[base + k * this.constants.inner]);
  }
  return acc * this.constants.scale;
}`;

/** One helper per op, each named `reduceOp` (mean is a sum scaled by 1/len). */
export const reduceHelpers: Record<ReduceOp, KernelSource> = {
  sum: 'function reduceOp(acc, v) { return acc + v; }',
  mean: 'function reduceOp(acc, v) { return acc + v; }',
  max: 'function reduceOp(acc, v) { return v > acc ? v : acc; }',
  min: 'function reduceOp(acc, v) { return v < acc ? v : acc; }',
};

/**
 * First stage of a long reduction: the input viewed as `[outer, len, inner]` is folded in
 * chunks of `chunk` along `len`, giving `[outer, ceil(len/chunk), inner]` partial results
 * (no thread loops over more than `chunk` elements; GL drivers cap loop lengths).
 */
export const reduceChunk: KernelSource = `function (a) {
  const i = this.thread.x;
  const perOuter = this.constants.chunks * this.constants.inner;
  const o = Math.floor((i + 0.5) / perOuter);
  const rest = i - o * perOuter;
  const c = Math.floor((rest + 0.5) / this.constants.inner);
  const j = rest - c * this.constants.inner;
  const start = c * this.constants.chunk;
  const count = Math.min(this.constants.chunk, this.constants.len - start);
  const base = o * this.constants.len * this.constants.inner + start * this.constants.inner + j;
  let acc = a[base];
  for (let k = 1; k < this.constants.chunk; k++) {
    if (k < count) {
      acc = reduceOp(acc, a[base + k * this.constants.inner]);
    }
  }
  return acc;
}`;
