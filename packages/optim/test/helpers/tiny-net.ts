// A small two-layer softmax net built from @dropout/tensor ops, standing in for
// FullyConnectedNet in Solver tests that need a model on every backend. With
// `runningMean`, it also keeps batch-norm-like state outside its params (exposed through
// getState/setState) so that checkpoint tests cover a model's extra state.
import {
  add, div, exp, fromArray, keep, log, matMul, maxCols, maximum0, mean, mul, randn, scale, step, sub, sum, sumRows, zeros,
  type Backend, type Rng, type Tensor,
} from '@dropout/tensor';
import type { LossOutput, SolverModel } from '../../src/index.js';

export interface TinyNetOptions {
  inputDim: number;
  hiddenDim: number;
  numClasses: number;
  weightScale?: number;
  rng: Rng;
  backend: Backend;
  /** Return the loss as a one-element Tensor instead of a number. */
  lossAsTensor?: boolean;
  /** Center inputs with a running mean (train: batch mean, updated with momentum 0.9). */
  runningMean?: boolean;
}

export class TinyNet implements SolverModel {
  params: Record<string, Tensor>;
  runningMean: Tensor | null;
  readonly #o: TinyNetOptions;

  constructor(o: TinyNetOptions) {
    const { inputDim: D, hiddenDim: H, numClasses: C, weightScale = 1e-1, rng, backend } = o;
    this.#o = o;
    this.params = {
      W1: randn(rng, [D, H], backend, { std: weightScale }),
      b1: zeros([H], backend),
      W2: randn(rng, [H, C], backend, { std: weightScale }),
      b2: zeros([C], backend),
    };
    this.runningMean = o.runningMean ? zeros([D], backend) : null;
  }

  loss(X: Tensor): Tensor;
  loss(X: Tensor, y: Int32Array): LossOutput;
  loss(X: Tensor, y?: Int32Array): Tensor | LossOutput {
    const { W1, b1, W2, b2 } = this.params as Record<'W1' | 'b1' | 'W2' | 'b2', Tensor>;
    let Xc = X;
    if (this.runningMean) {
      if (y) {
        const mu = mean(X, { axis: 0 });
        // The model owns its state: it keeps the new running mean beyond the caller's tidy and frees the old one.
        const old = this.runningMean;
        this.runningMean = keep(add(mul(0.9, old), mul(0.1, mu)));
        old.dispose();
        Xc = sub(X, mu);
      } else {
        Xc = sub(X, this.runningMean);
      }
    }
    const h = maximum0(add(matMul(Xc, W1), b1));
    const scores = add(matMul(h, W2), b2);
    if (!y) return scores;
    const N = X.shape[0]!;
    const C = scores.shape[1]!;
    const shifted = sub(scores, maxCols(scores));
    const Z = sumRows(exp(shifted));
    const probs = div(exp(shifted), Z);
    const oneHot = new Float64Array(N * C);
    y.forEach((label, i) => (oneHot[i * C + label] = 1));
    const Y = fromArray(oneHot, [N, C], X.backend);
    const lossT = scale(sum(mul(sub(shifted, log(Z)), Y)), -1 / N);
    const dscores = scale(sub(probs, Y), 1 / N);
    const dh = mul(matMul(dscores, W2, { transposeB: true }), step(h));
    const grads = {
      W1: matMul(Xc, dh, { transposeA: true }), b1: sum(dh, { axis: 0 }),
      W2: matMul(h, dscores, { transposeA: true }), b2: sum(dscores, { axis: 0 }),
    };
    return { loss: this.#o.lossAsTensor ? lossT : lossT.item(), grads };
  }

  getState(): unknown {
    return { runningMean: this.runningMean };
  }

  setState(state: unknown): void {
    const old = this.runningMean;
    const next = (state as { runningMean: Tensor | null }).runningMean;
    this.runningMean = next && keep(next);
    if (old && old !== next) old.dispose();
  }
}

/** Gaussian blobs: `numClasses` standard-normal centres in `dim` dimensions, noise `spread`, all times `scale`. */
export function blobs(rng: Rng, backend: Backend, o: { numTrain: number; numVal: number; dim: number; numClasses: number; spread?: number; scale?: number }) {
  const centres = rng.randn(o.numClasses * o.dim);
  const make = (n: number) => {
    const labels = rng.randint(0, o.numClasses, n);
    const noise = rng.randn(n * o.dim);
    const values = new Float64Array(n * o.dim);
    for (let i = 0; i < n; i++) {
      for (let d = 0; d < o.dim; d++) values[i * o.dim + d] = (o.scale ?? 1) * (centres[labels[i]! * o.dim + d]! + (o.spread ?? 1) * noise[i * o.dim + d]!);
    }
    return { X: fromArray(values, [n, o.dim], backend), y: labels };
  };
  const train = make(o.numTrain);
  const val = make(o.numVal);
  return { XTrain: train.X, yTrain: train.y, XVal: val.X, yVal: val.y };
}
