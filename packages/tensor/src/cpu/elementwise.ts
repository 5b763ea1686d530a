import type { BinaryOp, UnaryOp } from '../backend.js';

type Binary = (x: number, y: number) => number;
type Unary = (x: number) => number;

const binaries: Record<BinaryOp, Binary> = {
  add: (x, y) => x + y,
  sub: (x, y) => x - y,
  mul: (x, y) => x * y,
  div: (x, y) => x / y,
  // NaN propagates, as in np.maximum / np.minimum.
  maximum: (x, y) => (x > y || Number.isNaN(x) ? x : y),
  minimum: (x, y) => (x < y || Number.isNaN(x) ? x : y),
  pow: (x, y) => x ** y,
  greater: (x, y) => (x > y ? 1 : 0),
  greaterEqual: (x, y) => (x >= y ? 1 : 0),
  less: (x, y) => (x < y ? 1 : 0),
  lessEqual: (x, y) => (x <= y ? 1 : 0),
  equal: (x, y) => (x === y ? 1 : 0),
  notEqual: (x, y) => (x !== y ? 1 : 0),
};

const unaries: Record<UnaryOp, Unary> = {
  neg: (x) => -x,
  exp: Math.exp,
  log: Math.log,
  sqrt: Math.sqrt,
  abs: Math.abs,
  square: (x) => x * x,
  relu: (x) => (x > 0 ? x : 0),
  step: (x) => (x > 0 ? 1 : 0),
  tanh: Math.tanh,
  sigmoid: (x) => 1 / (1 + Math.exp(-x)),
  reciprocal: (x) => 1 / x,
};

/** The scalar function behind a binary op, shared by every CPU path. */
export function binaryFn(op: BinaryOp): Binary {
  return binaries[op];
}

/** The scalar function behind a unary op, shared by every CPU path. */
export function unaryFn(op: UnaryOp): Unary {
  return unaries[op];
}
