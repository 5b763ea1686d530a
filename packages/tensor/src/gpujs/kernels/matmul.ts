// Becomes a shader: matrix products in the two forms the gpu.js facts page measured fastest per backend.
import type { KernelSource } from './kernel-this.js';

// Both forms read op(a)[i, k] = a[i·aRow + k·aCol] and op(b)[k, j] = b[k·bRow + j·bCol], so a
// transposed operand is read in place by swapping its strides (no copy).

/**
 * webasm form: one output cell per thread, the k loop unrolled four times into four
 * accumulators (faster with threads, and about 3× less float32 error at K = 3072).
 * Output `[N, M]` (x = column j, y = row i). `k += 1`, not `k++`, in the tail loop: gpu.js
 * types that k as a float, and WGSL has no ++ on floats.
 */
const unroll4 = (bias: boolean): KernelSource => `function (a, b${bias ? ', bias' : ''}) {
  const aBase = this.thread.y * this.constants.aRow;
  const bBase = this.thread.x * this.constants.bCol;
  const aCol = this.constants.aCol;
  const bRow = this.constants.bRow;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  for (let k = 0; k < this.constants.K4; k += 4) {
    s0 += a[aBase + k * aCol] * b[k * bRow + bBase];
    s1 += a[aBase + (k + 1) * aCol] * b[(k + 1) * bRow + bBase];
    s2 += a[aBase + (k + 2) * aCol] * b[(k + 2) * bRow + bBase];
    s3 += a[aBase + (k + 3) * aCol] * b[(k + 3) * bRow + bBase];
  }
  for (let k = this.constants.K4; k < this.constants.K; k += 1) {
    s0 += a[aBase + k * aCol] * b[k * bRow + bBase];
  }
  return s0 + s1 + (s2 + s3)${bias ? ' + bias[this.thread.x]' : ''};
}`;
export const matMulUnroll4 = unroll4(false);

/** {@link matMulUnroll4} with the bias row added as each cell is written: `x·w + b` in one launch. */
export const matMulUnroll4Bias = unroll4(true);

/**
 * GL / WebGPU / cpu form: each thread computes four adjacent columns and returns them as an
 * Array(4); columns past N repeat the last one and are dropped by the unpacking.
 * Output `[ceil(N/4), M]`.
 */
const vec4 = (bias: boolean): KernelSource => `function (a, b${bias ? ', bias' : ''}) {
  const aBase = this.thread.y * this.constants.aRow;
  const aCol = this.constants.aCol;
  const bRow = this.constants.bRow;
  const bCol = this.constants.bCol;
  const last = this.constants.N - 1;
  const c0 = this.thread.x * 4;
  const c1 = Math.min(c0 + 1, last);
  const c2 = Math.min(c0 + 2, last);
  const c3 = Math.min(c0 + 3, last);
  const j0 = c0 * bCol;
  const j1 = c1 * bCol;
  const j2 = c2 * bCol;
  const j3 = c3 * bCol;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  for (let k = 0; k < this.constants.K; k++) {
    const av = a[aBase + k * aCol];
    const bk = k * bRow;
    s0 += av * b[bk + j0];
    s1 += av * b[bk + j1];
    s2 += av * b[bk + j2];
    s3 += av * b[bk + j3];
  }
  ${bias ? 'return [s0 + bias[c0], s1 + bias[c1], s2 + bias[c2], s3 + bias[c3]];' : 'return [s0, s1, s2, s3];'}
}`;
export const matMulVec4 = vec4(false);

/** {@link matMulVec4} with the bias added to each of the four columns as they are written. */
export const matMulVec4Bias = vec4(true);

/** Device-side unpacking of {@link matMulVec4}'s `[ceil(N/4), M]` Array(4) output into flat `[M·N]`. */
export const unpackVec4: KernelSource = `function (packed) {
  const i = this.thread.x;
  const m = Math.floor((i + 0.5) / this.constants.N);
  const n = i - m * this.constants.N;
  const q = Math.floor((n + 0.5) / 4);
  const lane = n - q * 4;
  const v = packed[m][q];
  if (lane === 0) return v[0];
  if (lane === 1) return v[1];
  if (lane === 2) return v[2];
  return v[3];
}`;
