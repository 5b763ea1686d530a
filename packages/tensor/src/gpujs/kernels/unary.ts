// Becomes a shader: one elementwise function of one tensor; gpu.js inlines the `unaryOp` helper chosen per op.
import type { UnaryOp } from '../../backend.js';
import type { KernelHelper, KernelThis } from './kernel-this.js';

/** out[i] = unaryOp(a[i]); output `[size]`. */
export const unary = function (this: KernelThis, a: Float32Array): number {
  return unaryOp(a[this.thread.x]);
};

// Declared so TypeScript accepts the call above; gpu.js resolves it to the helper below.
declare function unaryOp(x: number): number;

/** One helper per op, each named `unaryOp` so the single kernel above can call it. */
export const unaryHelpers: Record<UnaryOp, KernelHelper> = {
  neg: function unaryOp(x: number) { return -x; },
  exp: function unaryOp(x: number) { return Math.exp(x); },
  log: function unaryOp(x: number) { return Math.log(x); },
  sqrt: function unaryOp(x: number) { return Math.sqrt(x); },
  abs: function unaryOp(x: number) { return Math.abs(x); },
  square: function unaryOp(x: number) { return x * x; },
  relu: function unaryOp(x: number) { return x > 0 ? x : 0; },
  step: function unaryOp(x: number) { return x > 0 ? 1 : 0; },
  tanh: function unaryOp(x: number) { return Math.tanh(x); },
  sigmoid: function unaryOp(x: number) { return 1 / (1 + Math.exp(-x)); },
  reciprocal: function unaryOp(x: number) { return 1 / x; },
};
