import { evalNumericalGradient, relError } from '@dropout/gradcheck';
import { tidy, type Labels, type Tensor } from '@dropout/tensor';
import type { Sequential } from '../src/index.js';

/**
 * Relative error of every parameter's analytic gradient (`model.loss(X, y).grads`) against
 * centered differences (h = 1e-5), by parameter name in the order of `grads`.
 * @example
 *   expect(paramGradErrors(model, X, y).W1).toBeLessThan(1e-6);
 */
export function paramGradErrors(model: Sequential, X: Tensor, y: Labels): Record<string, number> {
  const { grads } = model.loss(X, y);
  const errors: Record<string, number> = {};
  for (const name of Object.keys(grads)) {
    const original = model.params[name]!;
    const f = (w: Tensor) => {
      model.params[name] = w;
      return tidy(() => model.loss(X, y).loss.item());
    };
    errors[name] = relError(evalNumericalGradient(f, original), grads[name]!);
    model.params[name] = original;
  }
  return errors;
}
