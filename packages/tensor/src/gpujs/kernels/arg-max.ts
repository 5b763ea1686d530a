// Becomes a shader: each thread scans one lane of the axis and keeps the first index of the largest value.
import type { KernelSource } from './kernel-this.js';

/** The input viewed as `[outer, len, inner]`; output `[outer·inner]` holding indices as floats. */
export const argMax: KernelSource = `function (a) {
  const i = this.thread.x;
  const o = Math.floor((i + 0.5) / this.constants.inner);
  const base = o * this.constants.len * this.constants.inner + (i - o * this.constants.inner);
  let best = a[base];
  let index = 0;
  for (let k = 1; k < this.constants.len; k++) {
    const v = a[base + k * this.constants.inner];
    if (v > best) {
      best = v;
      index = k;
    }
  }
  return index;
}`;
