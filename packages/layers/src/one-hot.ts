import { fromArray, type Backend, type Tensor } from '@dropout/tensor';

/** One-hot rows, `[N, C]` with a 1 at `labels[i]` in row i, built on the host and uploaded. */
export function oneHot(labels: Int32Array, C: number, backend: Backend): Tensor {
  const values = new Float64Array(labels.length * C);
  for (let i = 0; i < labels.length; i++) values[i * C + labels[i]!] = 1;
  return fromArray(values, [labels.length, C], backend);
}
