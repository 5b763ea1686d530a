import type { Round } from './update-step.js';

type FloatArray = Float64Array | Float32Array;

/**
 * Inverted dropout (optionally after ReLU) in one loop: `mask[i] = u[i] < p ? 1/p : 0`,
 * `out[i] = x[i] · mask[i]` (`max(x[i], 0) · mask[i]` with relu; NaN maps to 0 as in `relu`).
 */
export function dropoutInto(x: FloatArray, u: ArrayLike<number>, p: number, relu: boolean, out: FloatArray, mask: FloatArray): void {
  const scale = 1 / p;
  for (let i = 0; i < x.length; i++) {
    const m = u[i]! < p ? scale : 0;
    mask[i] = m;
    const xi = x[i]!;
    out[i] = (relu ? (xi > 0 ? xi : 0) : xi) * mask[i]!;
  }
}

/**
 * Softmax loss and gradient over `x: [N, C]` in one pass per row, rounding with `r` where the
 * unfused ops store tensors (`shifted = x − max`, `logProbs = shifted − log Σ exp(shifted)`,
 * `dx = (exp(logProbs) − Y) / N`). Returns `−Σᵢ logProbs[i, yᵢ]` summed in float64 in row order,
 * as `sum(logProbs · Y)` does.
 */
export function softmaxLossInto(x: FloatArray, labels: ArrayLike<number>, N: number, C: number, r: Round, dx: FloatArray, logProbs: FloatArray): number {
  let total = 0;
  for (let i = 0; i < N; i++) {
    const row = i * C;
    let max = -Infinity;
    for (let j = 0; j < C; j++) {
      const v = x[row + j]!;
      max = v > max || Number.isNaN(v) ? v : max;
    }
    let sum = 0;
    for (let j = 0; j < C; j++) {
      const shifted = r(x[row + j]! - max);
      logProbs[row + j] = shifted;
      sum += r(Math.exp(shifted));
    }
    const lse = r(Math.log(r(sum)));
    const label = labels[i]!;
    for (let j = 0; j < C; j++) {
      const lp = r(logProbs[row + j]! - lse);
      if (j === label) total += lp;
      dx[row + j] = r(r(Math.exp(lp)) - (j === label ? 1 : 0)) / N;
    }
  }
  return -r(total);
}

/** `out[i, j] += b[j]` over `out: [N, M]`, in place (the bias step of an affine layer). */
export function addRowsInPlace(out: FloatArray, b: FloatArray): void {
  const M = b.length;
  for (let i = 0; i < out.length; i += M) for (let j = 0; j < M; j++) out[i + j] = out[i + j]! + b[j]!;
}
