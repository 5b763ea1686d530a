export { relError } from './rel-error.js';
export { evalNumericalGradient, evalNumericalGradientArray } from './numerical-gradient.js';
export type { NumericalGradientOptions } from './numerical-gradient.js';
export { gradCheckSparse } from './grad-check-sparse.js';
export type { GradCheckSparseOptions, SparseCheck } from './grad-check-sparse.js';
