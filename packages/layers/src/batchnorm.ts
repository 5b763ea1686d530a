import { add, div, mean, mul, sqrt, square, sub, sum, tidy, zeros, type Tensor } from '@dropout/tensor';
import { checkMode, checkNormInputs, checkShape, checkTensor } from './validate.js';

/** Batch norm settings and running statistics, the course's `bn_param`. */
export interface BatchnormParam {
  /** 'train' normalises with the minibatch's statistics; 'test' with the running ones. */
  mode: 'train' | 'test';
  /** Added to the variance before the square root (default 1e-5). */
  eps?: number;
  /** Weight of the old running average in each update (default 0.9). */
  momentum?: number;
  /** Running mean, `[D]` (zeros when absent). */
  runningMean?: Tensor;
  /** Running variance, `[D]` (zeros when absent). */
  runningVar?: Tensor;
}

/** What {@link batchnormForward} saves for {@link batchnormBackward}. */
export interface BatchnormCache {
  mode: 'train' | 'test';
  /** Normalised input `(x − μ) / σ`, `[N, D]`. */
  xhat: Tensor;
  gamma: Tensor;
  /** `sqrt(var + eps)`, `[D]`. */
  std: Tensor;
}

/** Output, cache and the param with updated running statistics (a new object; the old tensors are untouched). */
export interface BatchnormResult {
  out: Tensor;
  cache: BatchnormCache;
  bnParam: BatchnormParam;
}

/** Gradients of {@link batchnormBackward}: `dx: [N, D]`, `dgamma: [D]`, `dbeta: [D]`. */
export interface NormGrads {
  dx: Tensor;
  dgamma: Tensor;
  dbeta: Tensor;
}

function checkParam(bnParam: BatchnormParam, D: number): void {
  checkMode('batchnormForward', 'bnParam', bnParam?.mode);
  const { eps = 1e-5, momentum = 0.9 } = bnParam;
  if (!(eps > 0)) throw new RangeError(`batchnormForward: bnParam.eps must be positive, got ${eps}`);
  if (!(momentum >= 0 && momentum <= 1)) throw new RangeError(`batchnormForward: bnParam.momentum must be in [0, 1], got ${momentum}`);
  for (const name of ['runningMean', 'runningVar'] as const) {
    const t = bnParam[name];
    if (t === undefined) continue;
    checkTensor('batchnormForward', `bnParam.${name}`, t, 1);
    checkShape('batchnormForward', `bnParam.${name}`, t, [D], 'one value per feature of x');
  }
}

/**
 * Batch normalisation, forward pass: normalises each feature over the minibatch (train) or
 * with the running statistics (test), then scales by gamma and shifts by beta. In train mode
 * the running statistics become `momentum·running + (1 − momentum)·sample`, returned in a new
 * `bnParam`. x: `[N, D]`; gamma, beta: `[D]`; out: `[N, D]`.
 * @example
 *   const { out, cache, bnParam } = batchnormForward(x, gamma, beta, { mode: 'train' });
 */
export function batchnormForward(x: Tensor, gamma: Tensor, beta: Tensor, bnParam: BatchnormParam): BatchnormResult {
  const D = checkNormInputs('batchnormForward', x, gamma, beta);
  checkParam(bnParam, D);
  const { mode, eps = 1e-5, momentum = 0.9 } = bnParam;
  return tidy(() => {
    const runningMean = bnParam.runningMean ?? zeros([D], x.backend);
    const runningVar = bnParam.runningVar ?? zeros([D], x.backend);
    if (mode === 'test') {
      const std = sqrt(add(runningVar, eps));
      const xhat = div(sub(x, runningMean), std);
      return { out: add(mul(gamma, xhat), beta), cache: { mode, xhat, gamma, std }, bnParam: { ...bnParam } };
    }
    const mu = mean(x, { axis: 0 });
    const xc = sub(x, mu);
    const variance = mean(square(xc), { axis: 0 });
    const std = sqrt(add(variance, eps));
    const xhat = div(xc, std);
    const next: BatchnormParam = {
      ...bnParam,
      runningMean: add(mul(runningMean, momentum), mul(mu, 1 - momentum)),
      runningVar: add(mul(runningVar, momentum), mul(variance, 1 - momentum)),
    };
    return { out: add(mul(gamma, xhat), beta), cache: { mode, xhat, gamma, std }, bnParam: next };
  });
}

/**
 * Batch normalisation, backward pass, in the compact form
 * `dx = (N·dx̂ − Σ dx̂ − x̂·Σ(dx̂·x̂)) / (N·σ)` with `dx̂ = dout·gamma` (train mode), or
 * `dx = dout·gamma / σ` (test mode). dout: `[N, D]`.
 * @example
 *   const { dx, dgamma, dbeta } = batchnormBackward(dout, cache);
 */
export function batchnormBackward(dout: Tensor, cache: BatchnormCache): NormGrads {
  checkTensor('batchnormBackward', 'dout', dout, 2);
  const { mode, xhat, gamma, std } = cache;
  checkShape('batchnormBackward', 'dout', dout, xhat.shape, 'the shape of the forward output');
  const N = dout.shape[0]!;
  return tidy(() => {
    const dxhat = mul(dout, gamma);
    const dx =
      mode === 'test'
        ? div(dxhat, std)
        : div(sub(sub(mul(dxhat, N), sum(dxhat, { axis: 0 })), mul(xhat, sum(mul(dxhat, xhat), { axis: 0 }))), mul(std, N));
    return { dx, dgamma: sum(mul(dout, xhat), { axis: 0 }), dbeta: sum(dout, { axis: 0 }) };
  });
}
