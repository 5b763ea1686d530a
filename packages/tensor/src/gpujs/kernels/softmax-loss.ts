// Becomes two shaders: per-row softmax statistics, then the gradient from them (the loss is a sum of the first).
import type { KernelSource } from './kernel-this.js';

/**
 * x: `[N, C]` flat, labels: `[N]` → out `[3·N]`: for row r, out[r] = logProbs[r, labels[r]],
 * out[N + r] = max of the row, out[2N + r] = log Σ exp(x − max) — the CPU reference's
 * `shifted = x − max`, `logProbs = shifted − lse` (src/cpu/fused.ts). Each thread scans its row.
 */
export const softmaxRowStats: KernelSource = `function (x, labels) {
  const i = this.thread.x;
  const part = Math.floor((i + 0.5) / this.constants.N);
  const row = i - part * this.constants.N;
  const base = row * this.constants.C;
  let max = x[base];
  for (let j = 1; j < this.constants.C; j++) {
    const v = x[base + j];
    max = v > max ? v : max;
  }
  let sum = 0;
  for (let j = 0; j < this.constants.C; j++) {
    sum += Math.exp(x[base + j] - max);
  }
  const lse = Math.log(sum);
  const picked = (x[base + labels[row]] - max) - lse;
  return part < 0.5 ? picked : (part < 1.5 ? max : lse);
}`;

/** dx[r, j] = (exp(logProbs[r, j]) − [j = labels[r]]) / N from {@link softmaxRowStats}; output `[N·C]`. */
export const softmaxGrad: KernelSource = `function (x, stats, labels) {
  const i = this.thread.x;
  const row = Math.floor((i + 0.5) / this.constants.C);
  const j = i - row * this.constants.C;
  const lp = (x[i] - stats[this.constants.N + row]) - stats[2 * this.constants.N + row];
  const y = Math.abs(j - labels[row]) < 0.5 ? 1 : 0;
  return (Math.exp(lp) - y) / this.constants.N;
}`;
