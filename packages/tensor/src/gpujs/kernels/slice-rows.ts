// Becomes a shader: copies a contiguous run of rows; the start offset is a uniform, so slices share one kernel.
import type { KernelThis } from './kernel-this.js';

/** out[i] = a[offset + i]; output `[(end − start)·row]`, offset = start·row. */
export const sliceRows = function (this: KernelThis, a: Float32Array, offset: number): number {
  return a[offset + this.thread.x];
};
