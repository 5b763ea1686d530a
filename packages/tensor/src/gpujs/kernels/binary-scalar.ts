// Becomes a shader: a binary op between a tensor and a scalar uniform (the scalar is an argument, so no recompiles).
import type { KernelThis } from './kernel-this.js';

declare function binaryOp(x: number, y: number): number;

/** out[i] = binaryOp(a[i], s); output `[size]`. The helpers are those of `binary.ts`. */
export const binaryScalarRight = function (this: KernelThis, a: Float32Array, s: number): number {
  return binaryOp(a[this.thread.x], s);
};

/** out[i] = binaryOp(s, a[i]); output `[size]`. */
export const binaryScalarLeft = function (this: KernelThis, a: Float32Array, s: number): number {
  return binaryOp(s, a[this.thread.x]);
};
