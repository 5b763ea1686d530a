// Becomes a shader: inverted dropout (optionally after ReLU) in one pass over x and the uploaded mask.
import type { KernelSource } from './kernel-this.js';

/** out[i] = max(x[i], 0) · mask[i] (NaN maps to 0, as in relu); output `[size]`. */
export const reluDropout: KernelSource = `function (x, mask) {
  const v = x[this.thread.x];
  return (v > 0 ? v : 0) * mask[this.thread.x];
}`;

/** out[i] = x[i] · mask[i]; output `[size]`. */
export const plainDropout: KernelSource = `function (x, mask) {
  return x[this.thread.x] * mask[this.thread.x];
}`;
