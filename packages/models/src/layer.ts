import type { Rng, Tensor } from '@dropout/tensor';

/** What a layer's forward pass sees besides its input. */
export interface ForwardContext {
  /** 'train': batch norm uses the minibatch and updates its running statistics; 'test': the running statistics. */
  mode: 'train' | 'test';
  /**
   * Whether stochastic layers sample (dropout draws a mask): true in train mode, false in test
   * mode, and true in test mode for Monte Carlo dropout, where a layer's fixed `seed` (kept for
   * gradient checks) must be ignored so that the passes differ.
   */
  stochastic: boolean;
  /** The stream masks come from. */
  rng: Rng;
  /** The model's live parameters by name (an optimizer may have replaced entries since the last pass). */
  params: Readonly<Record<string, Tensor>>;
}

/** What a layer's backward pass sees besides the upstream gradient and its cache. */
export interface BackwardContext {
  /** False for the first layer: nobody needs the gradient with respect to the input images. */
  computeDx: boolean;
  params: Readonly<Record<string, Tensor>>;
}

/** Result of {@link Layer.backward}: the input gradient (null when not asked for) and one gradient per parameter. */
export interface LayerGrads {
  dx: Tensor | null;
  /** Gradients by the model-wide parameter names (`W1`, `b1`); omitted by layers without parameters. */
  grads?: Record<string, Tensor>;
}

/**
 * One layer of a {@link Sequential} model. A user's own layer needs only `type`, `forward` and
 * `backward`; parameters, L2 weights, running statistics and a saved configuration are optional.
 * Tensors a pass creates are freed by the model's `tidy`; tensors a layer keeps across passes
 * (running statistics) must be `keep()`-ed by it.
 * @example
 *   const tanhLayer: Layer<Tensor> = {
 *     type: 'tanh',
 *     forward: (x) => { const out = tanh(x); return { out, cache: out }; },
 *     backward: (dout, out) => ({ dx: mul(dout, sub(1, square(out))) }),
 *   };
 */
export interface Layer<C = unknown> {
  /** Name of the kind of layer ('affine', 'relu', …); the saved model file names layers by it. */
  readonly type: string;
  /** Creates the layer's parameters by model-wide name; called once, in layer order, by the model's constructor. */
  createParams?(): Record<string, Tensor>;
  /** Parameters the model's L2 term `0.5·reg·ΣW²` applies to (the weights, not the biases). */
  readonly regularized?: readonly string[];
  forward(x: Tensor, ctx: ForwardContext): { out: Tensor; cache: C };
  /**
   * This layer and `next` (the layer after it) in one pass, where the layer knows a fused
   * kernel for the pair (ReLU then dropout: one pass instead of two); null otherwise. The result
   * holds one cache per layer, in order, for their own `backward`; it must equal running the two
   * `forward`s one after the other. A {@link Sequential} asks before every layer but the last.
   */
  forwardWith?(next: Layer, x: Tensor, ctx: ForwardContext): { out: Tensor; caches: [C, unknown] } | null;
  backward(dout: Tensor, cache: C, ctx: BackwardContext): LayerGrads;
  /** Tensors that are state but not parameters (batch norm's running statistics), by name. */
  getBuffers?(): Record<string, Tensor>;
  /** Replaces the buffers (the layer keeps the given tensors and frees its old ones). */
  setBuffers?(buffers: Record<string, Tensor>): void;
  /** JSON configuration from which the layer's factory rebuilds it when a saved model is loaded. */
  toConfig?(): Record<string, unknown>;
  /** Frees the buffers (parameters belong to the model). */
  dispose?(): void;
}
