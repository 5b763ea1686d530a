import { fromArray, type Backend, type Tensor } from '@dropout/tensor';

/** Class labels, one integer in [0, C) per row of the scores (the course's `y`). */
export type Labels = Int32Array | readonly number[];

/** Checks that `y` holds `N` integers in [0, C) and returns them as an Int32Array. */
export function checkLabels(op: string, y: unknown, N: number, C: number): Int32Array {
  if (!(y instanceof Int32Array) && !Array.isArray(y)) {
    throw new TypeError(`${op}: y must be an Int32Array or an array of class indices, got ${y === null ? 'null' : typeof y}`);
  }
  const labels = y as ArrayLike<number>;
  if (labels.length !== N) {
    throw new Error(`${op}: y has ${labels.length} labels but x has ${N} rows; pass one label per row`);
  }
  for (let i = 0; i < N; i++) {
    const label = labels[i]!;
    if (!Number.isInteger(label) || label < 0 || label >= C) {
      throw new RangeError(`${op}: label y[${i}] = ${label} is outside [0, ${C}); labels must be class indices 0..${C - 1}`);
    }
  }
  return Int32Array.from(labels);
}

/** One-hot rows, `[N, C]` with a 1 at `labels[i]` in row i, built on the host and uploaded. */
export function oneHot(labels: Int32Array, C: number, backend: Backend): Tensor {
  const values = new Float64Array(labels.length * C);
  for (let i = 0; i < labels.length; i++) values[i * C + labels[i]!] = 1;
  return fromArray(values, [labels.length, C], backend);
}
