// The bench's CIFAR-shaped data: 500 training and 1000 validation rows of 3072 features,
// 10 classes, generated from a seed so every implementation (this project, TF.js, NumPy)
// trains on the same numbers. Each class has its own mean image, so the nets can learn.
import { writeFileSync, renameSync } from 'node:fs';
import { createRng } from '@dropout/tensor';

/** Sizes of the notebook's regularization experiment. */
export const SIZES = { nTrain: 500, nVal: 1000, dim: 3072, classes: 10, hidden: 500 };

/**
 * Generated data: X as one Float32Array [(nTrain + nVal) × dim] (train rows first) and labels.
 * @param {number} seed
 */
export function generateData(seed) {
  const { nTrain, nVal, dim, classes } = SIZES;
  const rng = createRng(seed);
  const n = nTrain + nVal;
  const centers = rng.randn(classes * dim);
  const y = rng.randint(0, classes, n);
  const noise = rng.randn(n * dim);
  const X = new Float32Array(n * dim);
  for (let i = 0; i < n; i++) {
    const c = y[i] * dim;
    // Roughly like mean-subtracted CIFAR pixels: a class signal under stronger noise.
    for (let j = 0; j < dim; j++) X[i * dim + j] = 0.03 * centers[c + j] + noise[i * dim + j];
  }
  return { X, y, nTrain, nVal, dim, classes };
}

/** Writes X then the labels (as float32) to `path`, atomically, for the NumPy script. */
export function writeDataFile(data, path) {
  const out = new Float32Array(data.X.length + data.y.length);
  out.set(data.X);
  out.set(Float32Array.from(data.y), data.X.length);
  writeFileSync(`${path}.tmp`, new Uint8Array(out.buffer));
  renameSync(`${path}.tmp`, path);
}
