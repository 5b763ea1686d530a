import type { Rng } from '../rng/rng.js';
import { shapeSize, type Backend, type Shape, type Tensor } from '../tensor.js';
import { assertShape } from './validate.js';

/** Mean and standard deviation of {@link randn}. */
export interface NormalOptions {
  mean?: number;
  std?: number;
}

/**
 * A tensor of normal samples drawn on the host from `rng` (so every backend gets the
 * same numbers for the same seed).
 * @example
 *   const x = randn(createRng(231), [10, 10], getBackend('cpu64'), { mean: 10 });
 */
export function randn(rng: Rng, shape: Shape, backend: Backend, options: NormalOptions = {}): Tensor {
  assertShape('randn', shape, backend);
  const { mean = 0, std = 1 } = options;
  const values = rng.randn(shapeSize(shape));
  if (mean !== 0 || std !== 1) for (let i = 0; i < values.length; i++) values[i] = values[i]! * std + mean;
  return backend.fromArray(values, shape);
}

/** A tensor of uniform samples in [0, 1) drawn on the host from `rng`. */
export function rand(rng: Rng, shape: Shape, backend: Backend): Tensor {
  assertShape('rand', shape, backend);
  return backend.fromArray(rng.rand(shapeSize(shape)), shape);
}
