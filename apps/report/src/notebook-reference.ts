/**
 * What the CS231n dropout notebook printed (dropout-notebook.txt), and the thresholds its
 * comments state, so the report can set this run's numbers beside them.
 */

/** The "Dropout: Forward Pass" cell's printed output for p = 0.25, 0.4 and 0.7 (NumPy seed 231). */
export const notebookForward = [
  { p: 0.25, inputMean: 10.000207878477502, trainMean: 10.014059116977283, testMean: 10.000207878477502, trainZeroFraction: 0.749784, testZeroFraction: 0 },
  { p: 0.4, inputMean: 10.000207878477502, trainMean: 9.977917658761159, testMean: 10.000207878477502, trainZeroFraction: 0.600796, testZeroFraction: 0 },
  { p: 0.7, inputMean: 10.000207878477502, trainMean: 9.987811912159426, testMean: 10.000207878477502, trainZeroFraction: 0.30074, testZeroFraction: 0 },
] as const;

/** "dx relative error" printed by the "Dropout: Backward Pass" cell. */
export const notebookDxRelError = 5.44560814873387e-11;

/** The FC-net gradient check cell's printed initial losses and relative errors, per keep ratio. */
export const notebookGradCheck: Record<number, { initialLoss: number; relErrors: Record<string, number> }> = {
  1: { initialLoss: 2.300479089768492, relErrors: { W1: 1.03e-7, W2: 2.21e-5, W3: 4.56e-7, b1: 4.66e-9, b2: 2.09e-9, b3: 1.69e-10 } },
  0.75: { initialLoss: 2.302371489704412, relErrors: { W1: 1.85e-7, W2: 2.15e-6, W3: 4.56e-8, b1: 1.16e-8, b2: 1.82e-9, b3: 1.48e-10 } },
  0.5: { initialLoss: 2.30427592207859, relErrors: { W1: 3.11e-7, W2: 2.48e-8, W3: 6.43e-8, b1: 5.37e-9, b2: 1.91e-9, b3: 1.85e-10 } },
};

/** The notebook's "Error should be around e-10 or less" for the dropout backward check. */
export const dxThreshold = 1e-9;

/**
 * Threshold for one parameter's relative error in the FC-net check: the notebook's "around
 * e-6 or less", except W2 without dropout, which it allows "on the order of e-5" (so 1e-4).
 * @example
 *   gradThreshold('W2', 1); // 1e-4
 */
export function gradThreshold(param: string, keepRatio: number): number {
  return param === 'W2' && keepRatio === 1 ? 1e-4 : 1e-6;
}

/** How a relative error compares with its threshold: below it, within 10x of it, or beyond. */
export type Verdict = 'pass' | 'near' | 'fail';

/**
 * Grades a relative error against its threshold (`pass` < t ≤ `near` < 10·t ≤ `fail`).
 * @example
 *   verdict(3e-7, 1e-6); // 'pass'
 */
export function verdict(relError: number, threshold: number): Verdict {
  if (!(relError < 10 * threshold)) return 'fail';
  return relError < threshold ? 'pass' : 'near';
}

/**
 * Relative tolerance for calling a forward-pass mean a match with the notebook's: float64
 * reproduces it up to summation order (1e-9); float32 accumulates rounding error (1e-4).
 * Zero fractions are counts over 250 000 entries and must match exactly.
 * @example
 *   meanTolerance(64); // 1e-9
 */
export function meanTolerance(floatBits: 32 | 64): number {
  return floatBits === 64 ? 1e-9 : 1e-4;
}
