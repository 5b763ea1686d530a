// Loads fixtures/layers.json (written by fixtures/gen_layers.py from NumPy) for the layer tests.
import { readFileSync } from 'node:fs';
import { fromArray, type Backend, type Tensor } from '@dropout/tensor';

/** A stored array: its shape and row-major float64 values. */
export interface StoredTensor {
  shape: number[];
  values: number[];
}

interface LossCase {
  x: StoredTensor;
  y: number[];
  loss: number;
  dx: StoredTensor;
}

/** The fixture's contents. */
export interface LayersFixture {
  affine: { x: StoredTensor; w: StoredTensor; b: StoredTensor; out: StoredTensor };
  softmax: LossCase;
  svm: LossCase;
  batchnorm: Record<
    'x' | 'gamma' | 'beta' | 'runningMean' | 'runningVar' | 'trainOut' | 'nextRunningMean' | 'nextRunningVar' | 'xTest' | 'testOut',
    StoredTensor
  >;
  layernorm: Record<'x' | 'gamma' | 'beta' | 'out', StoredTensor>;
}

export const fixture = JSON.parse(readFileSync(new URL('../fixtures/layers.json', import.meta.url), 'utf8')) as LayersFixture;

/** Uploads a stored array to `backend`. */
export function load(stored: StoredTensor, backend: Backend): Tensor {
  return fromArray(stored.values, stored.shape, backend);
}
