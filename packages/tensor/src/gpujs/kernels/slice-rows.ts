// Becomes a shader: copies a contiguous run of rows; the start offset is a uniform, so slices share one kernel.
import type { KernelSource } from './kernel-this.js';

/** out[i] = a[offset + i]; output `[(end − start)·row]`, offset = start·row. */
export const sliceRows: KernelSource = `function (a, offset) {
  return a[offset + this.thread.x];
}`;
