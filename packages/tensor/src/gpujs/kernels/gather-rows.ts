// Becomes a shader: each thread copies one element of a gathered row; the row indices arrive as a small array.
import type { KernelSource } from './kernel-this.js';

/** a: `[n, row]` flat, indices: `[count]` → out `[count·row]`. */
export const gatherRows: KernelSource = `function (a, indices) {
  const i = this.thread.x;
  const r = Math.floor((i + 0.5) / this.constants.row);
  return a[indices[r] * this.constants.row + (i - r * this.constants.row)];
}`;
