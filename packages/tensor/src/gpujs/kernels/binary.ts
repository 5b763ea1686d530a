// Becomes a shader: one elementwise function of two tensors with NumPy broadcasting; `binaryOp` is inlined per op.
import type { BinaryOp } from '../../backend.js';
import type { KernelSource } from './kernel-this.js';

/** out[i] = binaryOp(a[i], b[i]) for operands of the same shape; output `[size]`. */
export const binarySameShape: KernelSource = `function (a, b) {
  return binaryOp(a[this.thread.x], b[this.thread.x]);
}`;

/**
 * Broadcast form over an output collapsed to three axes `[d0, d1, d2]` (flat output `[size]`);
 * `a0..a2` and `b0..b2` are the operands' strides, 0 on broadcast axes. The +0.5 keeps
 * float division from landing just under an integer on GL.
 */
export const binaryBroadcast: KernelSource = `function (a, b) {
  const i = this.thread.x;
  const d12 = this.constants.d1 * this.constants.d2;
  const i0 = Math.floor((i + 0.5) / d12);
  const r = i - i0 * d12;
  const i1 = Math.floor((r + 0.5) / this.constants.d2);
  const i2 = r - i1 * this.constants.d2;
  const ia = i0 * this.constants.a0 + i1 * this.constants.a1 + i2 * this.constants.a2;
  const ib = i0 * this.constants.b0 + i1 * this.constants.b1 + i2 * this.constants.b2;
  return binaryOp(a[ia], b[ib]);
}`;

/** One helper per op, each named `binaryOp`; comparisons return 1 or 0 like the CPU backends. */
export const binaryHelpers: Record<BinaryOp, KernelSource> = {
  add: 'function binaryOp(x, y) { return x + y; }',
  sub: 'function binaryOp(x, y) { return x - y; }',
  mul: 'function binaryOp(x, y) { return x * y; }',
  div: 'function binaryOp(x, y) { return x / y; }',
  maximum: 'function binaryOp(x, y) { return x > y ? x : y; }',
  minimum: 'function binaryOp(x, y) { return x < y ? x : y; }',
  pow: 'function binaryOp(x, y) { return Math.pow(x, y); }',
  greater: 'function binaryOp(x, y) { return x > y ? 1 : 0; }',
  greaterEqual: 'function binaryOp(x, y) { return x >= y ? 1 : 0; }',
  less: 'function binaryOp(x, y) { return x < y ? 1 : 0; }',
  lessEqual: 'function binaryOp(x, y) { return x <= y ? 1 : 0; }',
  equal: 'function binaryOp(x, y) { return x === y ? 1 : 0; }',
  notEqual: 'function binaryOp(x, y) { return x !== y ? 1 : 0; }',
};
