// Becomes a shader: one elementwise function of one tensor; gpu.js inlines the `unaryOp` helper chosen per op.
import type { UnaryOp } from '../../backend.js';
import type { KernelSource } from './kernel-this.js';

/** out[i] = unaryOp(a[i]); output `[size]`. */
export const unary: KernelSource = `function (a) {
  return unaryOp(a[this.thread.x]);
}`;

/** One helper per op, each named `unaryOp` so the single kernel above can call it; comparisons give 1 or 0. */
export const unaryHelpers: Record<UnaryOp, KernelSource> = {
  neg: 'function unaryOp(x) { return -x; }',
  exp: 'function unaryOp(x) { return Math.exp(x); }',
  log: 'function unaryOp(x) { return Math.log(x); }',
  sqrt: 'function unaryOp(x) { return Math.sqrt(x); }',
  abs: 'function unaryOp(x) { return Math.abs(x); }',
  square: 'function unaryOp(x) { return x * x; }',
  relu: 'function unaryOp(x) { return x > 0 ? x : 0; }',
  step: 'function unaryOp(x) { return x > 0 ? 1 : 0; }',
  tanh: 'function unaryOp(x) { return Math.tanh(x); }',
  sigmoid: 'function unaryOp(x) { return 1 / (1 + Math.exp(-x)); }',
  reciprocal: 'function unaryOp(x) { return 1 / x; }',
};
