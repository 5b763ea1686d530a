type FloatArray = Float64Array | Float32Array;

/**
 * out[M, N] = op(a)·op(b), where op transposes when asked. Reads transposed operands in
 * place (no copies). i-k-j order keeps the inner loop contiguous in `b` and `out`.
 */
export function matMulInto(
  out: FloatArray, a: FloatArray, b: FloatArray,
  M: number, K: number, N: number, transposeA: boolean, transposeB: boolean,
): void {
  out.fill(0);
  // Element (i, k) of op(a) and (k, j) of op(b), as flat offsets and steps.
  const aRow = transposeA ? 1 : K;
  const aCol = transposeA ? M : 1;
  if (!transposeB) {
    for (let i = 0; i < M; i++) {
      const o = i * N;
      for (let k = 0; k < K; k++) {
        const aik = a[i * aRow + k * aCol]!;
        const bk = k * N;
        for (let j = 0; j < N; j++) out[o + j]! += aik * b[bk + j]!;
      }
    }
    return;
  }
  for (let i = 0; i < M; i++) {
    for (let j = 0; j < N; j++) {
      let s = 0;
      const bj = j * K;
      for (let k = 0; k < K; k++) s += a[i * aRow + k * aCol]! * b[bj + k]!;
      out[i * N + j] = s;
    }
  }
}
