import type { BinaryOp, UnaryOp } from '../backend.js';
import { Tensor } from '../tensor.js';
import { assertSameBackend, assertTensor, broadcastShapes } from './validate.js';

function binary(op: BinaryOp, a: Tensor | number, b: Tensor | number): Tensor {
  if (typeof a === 'number' && typeof b === 'number') {
    throw new TypeError(`${op}: at least one operand must be a Tensor, got two numbers`);
  }
  if (typeof b === 'number') {
    assertTensor(op, 'a', a);
    return a.backend.binaryScalar(op, a, b, false);
  }
  assertTensor(op, 'b', b);
  if (typeof a === 'number') return b.backend.binaryScalar(op, b, a, true);
  assertTensor(op, 'a', a);
  assertSameBackend(op, a, b);
  return a.backend.binary(op, a, b, broadcastShapes(op, a.shape, b.shape));
}

function unary(op: UnaryOp, a: Tensor): Tensor {
  assertTensor(op, 'x', a);
  return a.backend.unary(op, a);
}

/** a + b with NumPy broadcasting (`[N, D] + [D]` adds a row to every row). @example add(x, b) */
export const add = (a: Tensor | number, b: Tensor | number): Tensor => binary('add', a, b);
/** a − b with broadcasting. */
export const sub = (a: Tensor | number, b: Tensor | number): Tensor => binary('sub', a, b);
/** a · b elementwise with broadcasting. */
export const mul = (a: Tensor | number, b: Tensor | number): Tensor => binary('mul', a, b);
/** a / b elementwise with broadcasting. */
export const div = (a: Tensor | number, b: Tensor | number): Tensor => binary('div', a, b);
/** Elementwise maximum (`np.maximum`). */
export const maximum = (a: Tensor | number, b: Tensor | number): Tensor => binary('maximum', a, b);
/** Elementwise minimum (`np.minimum`). */
export const minimum = (a: Tensor | number, b: Tensor | number): Tensor => binary('minimum', a, b);
/** a ** b elementwise. */
export const pow = (a: Tensor | number, b: Tensor | number): Tensor => binary('pow', a, b);
/** 1 where a > b, else 0. */
export const greater = (a: Tensor | number, b: Tensor | number): Tensor => binary('greater', a, b);
/** 1 where a ≥ b, else 0. */
export const greaterEqual = (a: Tensor | number, b: Tensor | number): Tensor => binary('greaterEqual', a, b);
/** 1 where a < b, else 0 (dropout's `rand < p` mask). */
export const less = (a: Tensor | number, b: Tensor | number): Tensor => binary('less', a, b);
/** 1 where a ≤ b, else 0. */
export const lessEqual = (a: Tensor | number, b: Tensor | number): Tensor => binary('lessEqual', a, b);
/** 1 where a = b, else 0. */
export const equal = (a: Tensor | number, b: Tensor | number): Tensor => binary('equal', a, b);
/** 1 where a ≠ b, else 0. */
export const notEqual = (a: Tensor | number, b: Tensor | number): Tensor => binary('notEqual', a, b);
/** x times a scalar. @example scale(x, 1 / p) */
export const scale = (x: Tensor, s: number): Tensor => binary('mul', x, s);

/** −x. */
export const neg = (x: Tensor): Tensor => unary('neg', x);
/** eˣ. */
export const exp = (x: Tensor): Tensor => unary('exp', x);
/** Natural logarithm. */
export const log = (x: Tensor): Tensor => unary('log', x);
/** Square root. */
export const sqrt = (x: Tensor): Tensor => unary('sqrt', x);
/** |x|. */
export const abs = (x: Tensor): Tensor => unary('abs', x);
/** x². */
export const square = (x: Tensor): Tensor => unary('square', x);
/** max(x, 0). */
export const maximum0 = (x: Tensor): Tensor => unary('relu', x);
/** 1 where x > 0, else 0 (ReLU's derivative). */
export const step = (x: Tensor): Tensor => unary('step', x);
/** tanh(x). */
export const tanh = (x: Tensor): Tensor => unary('tanh', x);
/** 1 / (1 + e⁻ˣ). */
export const sigmoid = (x: Tensor): Tensor => unary('sigmoid', x);
/** 1 / x. */
export const reciprocal = (x: Tensor): Tensor => unary('reciprocal', x);
