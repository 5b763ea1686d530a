import { add, div, mean, mul, sqrt, square, sub, sum, tidy, type Tensor } from '@dropout/tensor';
import type { NormGrads } from './batchnorm.js';
import { checkNormInputs, checkShape, checkTensor } from './validate.js';

/** Layer norm settings, the course's `ln_param`. */
export interface LayernormParam {
  /** Added to the variance before the square root (default 1e-5). */
  eps?: number;
}

/** What {@link layernormForward} saves for {@link layernormBackward}. */
export interface LayernormCache {
  /** Normalised input, `[N, D]`. */
  xhat: Tensor;
  gamma: Tensor;
  /** Per-row `sqrt(var + eps)`, `[N, 1]`. */
  std: Tensor;
}

/** Output and cache of {@link layernormForward}. */
export interface LayernormResult {
  out: Tensor;
  cache: LayernormCache;
}

/**
 * Layer normalisation, forward pass: normalises each row (sample) over its features, then
 * scales by gamma and shifts by beta; the same in train and test mode, so no running
 * statistics. x: `[N, D]`; gamma, beta: `[D]`; out: `[N, D]`.
 * @example
 *   const { out, cache } = layernormForward(x, gamma, beta);
 */
export function layernormForward(x: Tensor, gamma: Tensor, beta: Tensor, lnParam: LayernormParam = {}): LayernormResult {
  checkNormInputs('layernormForward', x, gamma, beta);
  const { eps = 1e-5 } = lnParam;
  if (!(eps > 0)) throw new RangeError(`layernormForward: lnParam.eps must be positive, got ${eps}`);
  return tidy(() => {
    const xc = sub(x, mean(x, { axis: 1, keepDims: true }));
    const std = sqrt(add(mean(square(xc), { axis: 1, keepDims: true }), eps));
    const xhat = div(xc, std);
    return { out: add(mul(gamma, xhat), beta), cache: { xhat, gamma, std } };
  });
}

/**
 * Layer normalisation, backward pass: batch norm's formula with the roles of rows and
 * columns swapped, `dx = (D·dx̂ − Σⱼ dx̂ − x̂·Σⱼ(dx̂·x̂)) / (D·σ)` with `dx̂ = dout·gamma`.
 * dout: `[N, D]`.
 * @example
 *   const { dx, dgamma, dbeta } = layernormBackward(dout, cache);
 */
export function layernormBackward(dout: Tensor, cache: LayernormCache): NormGrads {
  checkTensor('layernormBackward', 'dout', dout, 2);
  const { xhat, gamma, std } = cache;
  checkShape('layernormBackward', 'dout', dout, xhat.shape, 'the shape of the forward output');
  const D = dout.shape[1]!;
  return tidy(() => {
    const dxhat = mul(dout, gamma);
    const rowSum = (t: Tensor) => sum(t, { axis: 1, keepDims: true });
    const dx = div(sub(sub(mul(dxhat, D), rowSum(dxhat)), mul(xhat, rowSum(mul(dxhat, xhat)))), mul(std, D));
    return { dx, dgamma: sum(mul(dout, xhat), { axis: 0 }), dbeta: sum(dout, { axis: 0 }) };
  });
}
