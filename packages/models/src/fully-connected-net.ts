import { affineBackward, affineForward, softmaxLoss, type BatchnormParam, type DropoutParam, type Labels } from '@dropout/layers';
import {
  add, assertFinite, assertTensor, checkLabels, formatShape, keep, mul, ones, randn, square, sum, tidy, zeros,
  type Backend, type DType, type Rng, type Tensor,
} from '@dropout/tensor';
import { hiddenBackward, hiddenForward, type HiddenCache } from './hidden-layer.js';
import { resolveOptions, type FullyConnectedNetOptions, type Normalization } from './options.js';
import { bnStateOf, restoreBnParams, type FullyConnectedNetState } from './state.js';

/**
 * Result of a training-mode {@link FullyConnectedNet.loss}: the loss (a one-element Tensor, so that
 * no backend is read synchronously: `loss.item()`, or `await loss.readAsync()`) and one gradient per parameter.
 */
export interface LossAndGrads {
  loss: Tensor;
  grads: Record<string, Tensor>;
}

/**
 * The course's fully connected net: `{affine - [batch/layer norm] - relu - [dropout]} × (L − 1)
 * - affine - softmax`, with parameters `W1, b1, gamma1, beta1, …` in `params` and L2 on the weights.
 * `loss(X)` returns the scores (test mode); `loss(X, y)` the loss and gradients (train mode).
 * X: `[N, d1, …, dk]` with d1·…·dk = inputDim; y: N labels in [0, numClasses).
 * @example
 *   const model = new FullyConnectedNet({ hiddenDims: [100, 100], dropoutKeepRatio: 0.5, rng: createRng(231) });
 *   const { loss, grads } = model.loss(X, y); loss.item(); // e.g. 2.302
 */
export class FullyConnectedNet {
  /** Parameters by the course's names; an optimizer may replace entries with new tensors. */
  params: Record<string, Tensor> = {};
  /** L2 strength (0.5·reg·ΣW² in the loss). */
  reg: number;
  readonly hiddenDims: readonly number[];
  readonly inputDim: number;
  readonly numClasses: number;
  /** Dropout KEEP probability (1: no dropout layers). */
  readonly dropoutKeepRatio: number;
  readonly normalization: Normalization;
  readonly numLayers: number;
  readonly dtype: DType;
  readonly backend: Backend;
  /** Dropout seed; when set, every forward pass uses the same masks. */
  readonly seed: number | undefined;
  /** Stream the weights came from, and the dropout masks come from. */
  readonly rng: Rng;
  #bnParams: BatchnormParam[] = [];

  constructor(options: FullyConnectedNetOptions) {
    const o = resolveOptions(options);
    this.reg = o.reg;
    this.hiddenDims = o.hiddenDims;
    this.inputDim = o.inputDim;
    this.numClasses = o.numClasses;
    this.dropoutKeepRatio = o.dropoutKeepRatio;
    this.normalization = o.normalization;
    this.numLayers = o.hiddenDims.length + 1;
    this.dtype = o.dtype;
    this.backend = o.backend;
    this.seed = o.seed;
    this.rng = o.rng;
    const dims = [o.inputDim, ...o.hiddenDims, o.numClasses];
    // Weights are drawn in the course's order (W1, W2, …); nothing else consumes the stream.
    // keep() so the model outlives any tidy() it is built in.
    for (let i = 1; i <= this.numLayers; i++) {
      const [fanIn, fanOut] = [dims[i - 1]!, dims[i]!];
      this.params[`W${i}`] = keep(randn(o.rng, [fanIn, fanOut], o.backend, { std: o.weightScale }));
      this.params[`b${i}`] = keep(zeros([fanOut], o.backend));
      if (o.normalization && i < this.numLayers) {
        this.params[`gamma${i}`] = keep(ones([fanOut], o.backend));
        this.params[`beta${i}`] = keep(zeros([fanOut], o.backend));
        if (o.normalization === 'batchnorm') {
          this.#bnParams.push({ mode: 'train', runningMean: keep(zeros([fanOut], o.backend)), runningVar: keep(zeros([fanOut], o.backend)) });
        }
      }
    }
  }

  /** Scores `[N, numClasses]` in test mode (dropout off, batch norm on running statistics). */
  loss(X: Tensor): Tensor;
  /** Loss and gradients in train mode. */
  loss(X: Tensor, y: Labels): LossAndGrads;
  loss(X: Tensor, y?: Labels): Tensor | LossAndGrads;
  loss(X: Tensor, y?: Labels): Tensor | LossAndGrads {
    this.#checkInput(X, y);
    const mode = y === undefined ? 'test' : 'train';
    const L = this.numLayers;
    const p = this.params;
    const dropoutParam: DropoutParam | null =
      this.dropoutKeepRatio === 1 ? null : { p: this.dropoutKeepRatio, mode, ...(this.seed === undefined ? {} : { seed: this.seed }) };
    return tidy(() => {
      const caches: HiddenCache[] = [];
      let h = X;
      for (let i = 1; i < L; i++) {
        const bnParam = this.#bnParams[i - 1];
        const r = hiddenForward(h, { W: p[`W${i}`]!, b: p[`b${i}`]!, gamma: p[`gamma${i}`], beta: p[`beta${i}`] }, {
          normalization: this.normalization, dropoutParam, rng: this.rng, bnParam: bnParam && { ...bnParam, mode },
        });
        if (mode === 'train' && r.bnParam) this.#updateRunningStats(i - 1, r.bnParam);
        h = r.out;
        caches.push(r.cache);
      }
      const last = affineForward(h, p[`W${L}`]!, p[`b${L}`]!);
      if (y === undefined) return last.out;

      const { loss: dataLoss, dx: dscores } = softmaxLoss(last.out, y);
      const grads: Record<string, Tensor> = {};
      const top = affineBackward(dscores, last.cache, { computeDx: L > 1 });
      [grads[`W${L}`], grads[`b${L}`]] = [top.dw, top.db];
      let dh = top.dx;
      for (let i = L - 1; i >= 1; i--) {
        // The first layer's input gradient (with respect to the images) is never needed.
        const g = hiddenBackward(dh!, caches[i - 1]!, i > 1);
        [grads[`W${i}`], grads[`b${i}`]] = [g.dw, g.db];
        if (g.dgamma) [grads[`gamma${i}`], grads[`beta${i}`]] = [g.dgamma, g.dbeta!];
        dh = g.dx;
      }
      let loss = dataLoss;
      if (this.reg !== 0) {
        for (let i = 1; i <= L; i++) {
          const W = p[`W${i}`]!;
          loss = add(loss, mul(sum(square(W)), 0.5 * this.reg));
          grads[`W${i}`] = add(grads[`W${i}`]!, mul(W, this.reg));
        }
      }
      return { loss, grads: sortLike(grads, p) };
    });
  }

  /** Batch norm running statistics and the stream's state, as JSON (params are saved by the optimizer's checkpoint). */
  getState(): FullyConnectedNetState {
    return { rng: this.rng.getState(), bnParams: this.#bnParams.map(bnStateOf) };
  }

  /** Restores what {@link getState} returned, e.g. when resuming from a checkpoint. */
  setState(state: FullyConnectedNetState): void {
    const next = restoreBnParams(state, this.#bnParams, this.backend);
    try {
      this.rng.setState(state.rng);
    } catch (err) {
      for (const bn of next) [bn.runningMean, bn.runningVar].forEach((t) => t?.dispose());
      throw err;
    }
    for (const old of this.#bnParams) [old.runningMean, old.runningVar].forEach((t) => t?.dispose());
    this.#bnParams = next;
  }

  /** Frees the parameters and running statistics. */
  dispose(): void {
    for (const t of Object.values(this.params)) t.dispose();
    for (const bn of this.#bnParams) [bn.runningMean, bn.runningVar].forEach((t) => t?.dispose());
  }

  #updateRunningStats(index: number, next: BatchnormParam): void {
    const old = this.#bnParams[index]!;
    this.#bnParams[index] = { ...next, mode: 'train', runningMean: keep(next.runningMean!), runningVar: keep(next.runningVar!) };
    old.runningMean?.dispose();
    old.runningVar?.dispose();
  }

  #checkInput(X: Tensor, y: Labels | undefined): void {
    assertTensor('FullyConnectedNet.loss', `X [N, ${this.inputDim}]`, X);
    const perRow = X.rank >= 2 ? X.size / X.shape[0]! : NaN;
    if (perRow !== this.inputDim) {
      throw new Error(
        `FullyConnectedNet.loss: X has shape ${formatShape(X.shape)} (${perRow} values per row) but the model's inputDim is ${this.inputDim}; ` +
          `pass X as [N, ${this.inputDim}] (or [N, d1, …] with that many values per row) or build the model with inputDim: ${perRow}`,
      );
    }
    if (X.backend !== this.backend) {
      throw new Error(
        `FullyConnectedNet.loss: X lives on ${X.backend.name} but the model's parameters on ${this.backend.name}; ` +
          'move X with toBackend(X, model.backend) or build the model with that backend',
      );
    }
    for (const [name, t] of Object.entries(this.params)) assertTensor('FullyConnectedNet.loss', `params.${name}`, t);
    // ReLU maps NaN to 0, so a NaN pixel would not show in the loss. Where reads are asynchronous,
    // the Solver's guard finds it in the gradients instead.
    if (X.backend.syncRead) assertFinite(X, 'FullyConnectedNet.loss: X');
    // Checked before the forward pass, which would already have updated batch norm's running statistics.
    if (y !== undefined) checkLabels(y, { op: 'FullyConnectedNet.loss', rows: X.shape[0]!, rowsOf: 'X', numClasses: this.numClasses, numClassesName: 'numClasses' });
  }
}

/** `grads` with its keys in the order of `params` (W1, b1, gamma1, beta1, W2, …). */
function sortLike(grads: Record<string, Tensor>, params: Record<string, Tensor>): Record<string, Tensor> {
  return Object.fromEntries(Object.keys(params).filter((k) => k in grads).map((k) => [k, grads[k]!]));
}
