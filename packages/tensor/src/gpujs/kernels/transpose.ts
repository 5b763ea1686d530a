// Becomes a shader: each thread writes one element of the transpose, reading the source in place.
import type { KernelSource } from './kernel-this.js';

/** a: `[rows, cols]` → out `[cols, rows]`, flat output `[rows·cols]`. */
export const transpose: KernelSource = `function (a) {
  const i = this.thread.x;
  const c = Math.floor((i + 0.5) / this.constants.rows);
  const r = i - c * this.constants.rows;
  return a[r * this.constants.cols + c];
}`;
