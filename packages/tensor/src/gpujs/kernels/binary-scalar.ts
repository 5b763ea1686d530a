// Becomes a shader: a binary op between a tensor and a scalar uniform (the scalar is an argument, so no recompiles).
import type { KernelSource } from './kernel-this.js';

/** out[i] = binaryOp(a[i], s); output `[size]`. The helpers are those of `binary.ts`. */
export const binaryScalarRight: KernelSource = `function (a, s) {
  return binaryOp(a[this.thread.x], s);
}`;

/** out[i] = binaryOp(s, a[i]); output `[size]`. */
export const binaryScalarLeft: KernelSource = `function (a, s) {
  return binaryOp(s, a[this.thread.x]);
}`;
