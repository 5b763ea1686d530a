import { formatShape, type Tensor } from '../tensor.js';
import { assertFits, assertSameBackend, assertTensor } from './validate.js';

/** Options for {@link matMul}: read an operand transposed, without copying it. */
export interface MatMulOptions {
  transposeA?: boolean;
  transposeB?: boolean;
}

/**
 * Matrix product of 2-D tensors, `a: [M, K]`, `b: [K, N]` → `[M, N]` (or their transposes).
 * @example
 *   const dw = matMul(x, dout, { transposeA: true }); // xᵀ·dout
 */
export function matMul(a: Tensor, b: Tensor, options: MatMulOptions = {}): Tensor {
  const { transposeA = false, transposeB = false } = options;
  assertTensor('matMul', 'a', a);
  assertTensor('matMul', 'b', b);
  assertSameBackend('matMul', a, b);
  if (a.rank !== 2 || b.rank !== 2) {
    throw new Error(`matMul: both operands must be 2-D, got a ${formatShape(a.shape)} and b ${formatShape(b.shape)}; reshape first`);
  }
  const K1 = transposeA ? a.shape[0] : a.shape[1];
  const K2 = transposeB ? b.shape[1] : b.shape[0];
  if (K1 !== K2) {
    throw new Error(
      `matMul: inner dimensions differ: a ${formatShape(a.shape)}${transposeA ? 'ᵀ' : ''} · b ${formatShape(b.shape)}${transposeB ? 'ᵀ' : ''} ` +
        `(${K1} vs ${K2}); check the operand order or the transpose flags`,
    );
  }
  const M = transposeA ? a.shape[1]! : a.shape[0]!;
  const N = transposeB ? b.shape[0]! : b.shape[1]!;
  assertFits('matMul', M * N, `[${M}, ${N}]`, a.backend);
  return a.backend.matMul(a, b, transposeA, transposeB);
}
