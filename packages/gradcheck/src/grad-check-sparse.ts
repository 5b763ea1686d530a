import { createRng, Tensor, type Rng } from '@dropout/tensor';
import { probe } from './numerical-gradient.js';
import { relError } from './rel-error.js';

/** Options for {@link gradCheckSparse}. */
export interface GradCheckSparseOptions {
  /** How many random coordinates to check (default 10). */
  numChecks?: number;
  /** Centered-difference step (default 1e-5). */
  h?: number;
  /** Stream that picks coordinates (default createRng(0)). */
  rng?: Rng;
  /** Where each line goes (default console.log); pass `() => {}` to stay quiet. */
  log?: (line: string) => void;
}

/** One checked coordinate. */
export interface SparseCheck {
  index: number;
  numerical: number;
  analytic: number;
  relError: number;
}

/**
 * Checks a few random coordinates of an analytic gradient against centered differences,
 * printing the course's line for each: `numerical: … analytic: …, relative error: …`.
 * @example
 *   gradCheckSparse((w) => loss(w), W, dW, { numChecks: 5 });
 */
export function gradCheckSparse(
  f: (x: Tensor) => number,
  x: Tensor,
  analyticGrad: Tensor | ArrayLike<number>,
  options: GradCheckSparseOptions = {},
): SparseCheck[] {
  const { numChecks = 10, h = 1e-5, rng = createRng(0), log = console.log } = options;
  const analytic = analyticGrad instanceof Tensor ? analyticGrad.read() : analyticGrad;
  if (analytic.length !== x.size) {
    throw new Error(`gradCheckSparse: analyticGrad has ${analytic.length} elements but x has ${x.size}; pass the gradient with respect to x`);
  }
  const values = Float64Array.from(x.read());
  const evalAt = (i: number, delta: number): number => probe(x, values, i, delta, f, (v) => v);
  const results: SparseCheck[] = [];
  for (const index of rng.randint(0, x.size, numChecks)) {
    const numerical = (evalAt(index, h) - evalAt(index, -h)) / (2 * h);
    const check = { index, numerical, analytic: analytic[index]!, relError: relError(numerical, analytic[index]!) };
    log(`numerical: ${check.numerical.toFixed(6)} analytic: ${check.analytic.toFixed(6)}, relative error: ${check.relError.toExponential(6)}`);
    results.push(check);
  }
  return results;
}
