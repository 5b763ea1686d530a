import { assertTensor, formatShape, type DType, type Tensor } from '@dropout/tensor';
import type { Labels } from '@dropout/layers';
import type { Layer } from './layer.js';
import { AffineLayer } from './layers/affine-layer.js';
import { DropoutLayer } from './layers/dropout-layer.js';
import { BatchnormLayer, LayernormLayer } from './layers/norm-layers.js';
import { ReluLayer } from './layers/relu-layer.js';
import { resolveOptions, type FullyConnectedNetOptions, type Normalization, type ResolvedOptions } from './options.js';
import { Sequential } from './sequential.js';
import { bnStateOf, bnStateOfAsync, restoreBnParams, type FullyConnectedNetState } from './state.js';

/** The course's layers: `{affine - [norm] - relu - [dropout]} × (L − 1) - affine`, weights drawn W1, W2, … in order. */
function courseLayers(o: ResolvedOptions): Layer[] {
  const dims = [o.inputDim, ...o.hiddenDims, o.numClasses];
  const layers: Layer[] = [];
  const L = o.hiddenDims.length + 1;
  for (let i = 1; i <= L; i++) {
    layers.push(new AffineLayer({ index: i, inputDim: dims[i - 1]!, outputDim: dims[i]!, backend: o.backend, rng: o.rng, weightScale: o.weightScale }));
    if (i === L) break;
    const norm = { index: i, dim: dims[i]!, backend: o.backend };
    if (o.normalization === 'batchnorm') layers.push(new BatchnormLayer(norm));
    if (o.normalization === 'layernorm') layers.push(new LayernormLayer(norm));
    layers.push(new ReluLayer());
    if (o.dropoutKeepRatio !== 1) layers.push(new DropoutLayer({ p: o.dropoutKeepRatio, ...(o.seed === undefined ? {} : { seed: o.seed }) }));
  }
  return layers;
}

/**
 * The course's fully connected net: `{affine - [batch/layer norm] - relu - [dropout]} × (L − 1)
 * - affine - softmax`, with parameters `W1, b1, gamma1, beta1, …` in `params` and L2 on the weights.
 * It is a {@link Sequential} of the built-in layers; `layers` shows them.
 * `loss(X)` returns the scores (test mode); `loss(X, y)` the loss and gradients (train mode).
 * X: `[N, d1, …, dk]` with d1·…·dk = inputDim; y: N labels in [0, numClasses).
 * @example
 *   const model = new FullyConnectedNet({ hiddenDims: [100, 100], dropoutKeepRatio: 0.5, rng: createRng(231) });
 *   const { loss, grads } = model.loss(X, y); loss.item(); // e.g. 2.302
 */
export class FullyConnectedNet extends Sequential {
  readonly hiddenDims: readonly number[];
  readonly inputDim: number;
  /** Dropout KEEP probability (1: no dropout layers). */
  readonly dropoutKeepRatio: number;
  readonly normalization: Normalization;
  readonly numLayers: number;
  readonly dtype: DType;
  /** Dropout seed; when set, every forward pass uses the same masks. */
  readonly seed: number | undefined;
  /** Weight standard deviation the net was initialised with. */
  readonly weightScale: number;

  constructor(options: FullyConnectedNetOptions) {
    const o = resolveOptions(options);
    super(courseLayers(o), { backend: o.backend, numClasses: o.numClasses, reg: o.reg, rng: o.rng });
    this.hiddenDims = o.hiddenDims;
    this.inputDim = o.inputDim;
    this.dropoutKeepRatio = o.dropoutKeepRatio;
    this.normalization = o.normalization;
    this.numLayers = o.hiddenDims.length + 1;
    this.dtype = o.dtype;
    this.seed = o.seed;
    this.weightScale = o.weightScale;
  }

  /** The options that rebuild this net's architecture (what a saved model records). */
  get options(): Omit<FullyConnectedNetOptions, 'rng' | 'backend'> {
    const { hiddenDims, inputDim, numClasses, dropoutKeepRatio, normalization, reg, weightScale, dtype, seed } = this;
    return { hiddenDims: [...hiddenDims], inputDim, numClasses, dropoutKeepRatio, normalization, reg, weightScale, dtype, ...(seed === undefined ? {} : { seed }) };
  }

  /** Batch norm running statistics and the stream's state, as JSON (params are saved by the optimizer's checkpoint). */
  getState(): FullyConnectedNetState {
    return { rng: this.rng.getState(), bnParams: this.#batchnorms().map((l) => bnStateOf(l.bnParam)) };
  }

  /** {@link getState} reading the running statistics with `readAsync`: works on every backend (the Solver's `checkpointAsync` uses it). */
  async getStateAsync(): Promise<FullyConnectedNetState> {
    const rng = this.rng.getState();
    return { rng, bnParams: await Promise.all(this.#batchnorms().map((l) => bnStateOfAsync(l.bnParam))) };
  }

  /** Restores what {@link getState} returned, e.g. when resuming from a checkpoint. */
  setState(state: FullyConnectedNetState): void {
    const layers = this.#batchnorms();
    const next = restoreBnParams(state, layers.map((l) => l.bnParam), this.backend);
    try {
      this.rng.setState(state.rng);
    } catch (err) {
      for (const bn of next) [bn.runningMean, bn.runningVar].forEach((t) => t?.dispose());
      throw err;
    }
    layers.forEach((l, i) => l.setBuffers({ runningMean: next[i]!.runningMean!, runningVar: next[i]!.runningVar! }));
  }

  #batchnorms(): BatchnormLayer[] {
    return this.layers.filter((l): l is BatchnormLayer => l instanceof BatchnormLayer);
  }

  protected override checkInput(X: Tensor, y: Labels | undefined): void {
    assertTensor('FullyConnectedNet.loss', `X [N, ${this.inputDim}]`, X);
    const perRow = X.rank >= 2 ? X.size / X.shape[0]! : NaN;
    if (perRow !== this.inputDim) {
      throw new Error(
        `FullyConnectedNet.loss: X has shape ${formatShape(X.shape)} (${perRow} values per row) but the model's inputDim is ${this.inputDim}; ` +
          `pass X as [N, ${this.inputDim}] (or [N, d1, …] with that many values per row) or build the model with inputDim: ${perRow}`,
      );
    }
    super.checkInput(X, y);
  }
}

