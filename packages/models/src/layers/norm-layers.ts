import {
  batchnormBackward, batchnormForward, layernormBackward, layernormForward,
  type BatchnormCache, type BatchnormParam, type LayernormCache,
} from '@dropout/layers';
import { keep, ones, zeros, type Backend, type Tensor } from '@dropout/tensor';
import type { ForwardContext, Layer, LayerGrads } from '../layer.js';

/** Options of {@link BatchnormLayer} and {@link LayernormLayer}. */
export interface NormLayerOptions {
  /** Suffix of the parameter names: index 1 owns `gamma1` and `beta1`. */
  index: number;
  /** Features per row. */
  dim: number;
  backend: Backend;
}

function normParams(o: NormLayerOptions): Record<string, Tensor> {
  return { [`gamma${o.index}`]: keep(ones([o.dim], o.backend)), [`beta${o.index}`]: keep(zeros([o.dim], o.backend)) };
}

/**
 * Batch normalisation with learned `gamma`, `beta` (starting at 1 and 0) and running statistics
 * (buffers `runningMean`, `runningVar`, starting at 0) updated by every train-mode pass.
 * @example
 *   new BatchnormLayer({ index: 1, dim: 100, backend });
 */
export class BatchnormLayer implements Layer<BatchnormCache> {
  readonly type = 'batchnorm';
  readonly gamma: string;
  readonly beta: string;
  #param: BatchnormParam;

  constructor(readonly options: NormLayerOptions) {
    this.gamma = `gamma${options.index}`;
    this.beta = `beta${options.index}`;
    const stat = () => keep(zeros([options.dim], options.backend));
    this.#param = { mode: 'train', runningMean: stat(), runningVar: stat() };
  }

  /** The current batch norm param (running statistics included). */
  get bnParam(): BatchnormParam {
    return this.#param;
  }

  createParams(): Record<string, Tensor> {
    return normParams(this.options);
  }

  forward(x: Tensor, ctx: ForwardContext): { out: Tensor; cache: BatchnormCache } {
    const r = batchnormForward(x, ctx.params[this.gamma]!, ctx.params[this.beta]!, { ...this.#param, mode: ctx.mode });
    if (ctx.mode === 'train') this.setBuffers({ runningMean: keep(r.bnParam.runningMean!), runningVar: keep(r.bnParam.runningVar!) });
    return r;
  }

  backward(dout: Tensor, cache: BatchnormCache): LayerGrads {
    const g = batchnormBackward(dout, cache);
    return { dx: g.dx, grads: { [this.gamma]: g.dgamma, [this.beta]: g.dbeta } };
  }

  getBuffers(): Record<string, Tensor> {
    return { runningMean: this.#param.runningMean!, runningVar: this.#param.runningVar! };
  }

  setBuffers(buffers: Record<string, Tensor>): void {
    const old = this.#param;
    this.#param = { ...old, runningMean: buffers.runningMean!, runningVar: buffers.runningVar! };
    old.runningMean?.dispose();
    old.runningVar?.dispose();
  }

  toConfig(): Record<string, unknown> {
    return { index: this.options.index, dim: this.options.dim };
  }

  dispose(): void {
    this.#param.runningMean?.dispose();
    this.#param.runningVar?.dispose();
  }
}

/**
 * Layer normalisation (each row over its features) with learned `gamma`, `beta`; the same in
 * train and test mode.
 * @example
 *   new LayernormLayer({ index: 1, dim: 100, backend });
 */
export class LayernormLayer implements Layer<LayernormCache> {
  readonly type = 'layernorm';
  readonly gamma: string;
  readonly beta: string;

  constructor(readonly options: NormLayerOptions) {
    this.gamma = `gamma${options.index}`;
    this.beta = `beta${options.index}`;
  }

  createParams(): Record<string, Tensor> {
    return normParams(this.options);
  }

  forward(x: Tensor, ctx: ForwardContext): { out: Tensor; cache: LayernormCache } {
    return layernormForward(x, ctx.params[this.gamma]!, ctx.params[this.beta]!);
  }

  backward(dout: Tensor, cache: LayernormCache): LayerGrads {
    const g = layernormBackward(dout, cache);
    return { dx: g.dx, grads: { [this.gamma]: g.dgamma, [this.beta]: g.dbeta } };
  }

  toConfig(): Record<string, unknown> {
    return { index: this.options.index, dim: this.options.dim };
  }
}
