import { softmaxLoss, type Labels } from '@dropout/layers';
import { add, assertFinite, assertTensor, checkLabels, createRng, mul, square, sum, tidy, type Backend, type Rng, type Tensor } from '@dropout/tensor';
import type { ForwardContext, Layer } from './layer.js';

/**
 * Result of a training-mode {@link Sequential.loss}: the loss (a one-element Tensor, so that no
 * backend is read synchronously: `loss.item()`, or `await loss.readAsync()`) and one gradient per parameter.
 */
export interface LossAndGrads {
  loss: Tensor;
  grads: Record<string, Tensor>;
}

/** Options of {@link Sequential}. */
export interface SequentialOptions {
  /** Backend holding the parameters; inputs must live on it. */
  backend: Backend;
  /** Number of classes of the softmax on top (labels are checked against it before a pass). */
  numClasses: number;
  /** L2 strength: the loss adds 0.5·reg·ΣW² over every layer's `regularized` parameters (default 0). */
  reg?: number;
  /** Stream the dropout masks come from (default `createRng(0)`). */
  rng?: Rng;
}

/** How {@link Sequential.scores} runs the layers. */
export interface ScoresOptions {
  /** Dropout on in test mode, ignoring fixed seeds (one Monte Carlo pass); default false. */
  stochastic?: boolean;
  /** Stream for the masks of a stochastic pass (default the model's). */
  rng?: Rng;
}

/**
 * A stack of {@link Layer}s with a softmax loss on top, the course's `loss(X, y)` contract:
 * `loss(X)` returns the scores (test mode), `loss(X, y)` the loss and gradients (train mode).
 * `params` holds every layer's parameters by name, in layer order; an optimizer may replace entries.
 * @example
 *   const model = new Sequential([new AffineLayer({ index: 1, inputDim: 4, outputDim: 3, backend, rng })], { backend, numClasses: 3 });
 *   const { loss, grads } = model.loss(X, y); loss.item(); // e.g. 1.0986
 */
export class Sequential {
  /** Parameters by name; an optimizer may replace entries with new tensors. */
  params: Record<string, Tensor> = {};
  /** L2 strength (0.5·reg·ΣW² in the loss). */
  reg: number;
  readonly layers: readonly Layer[];
  readonly numClasses: number;
  readonly backend: Backend;
  /** Stream the dropout masks come from. */
  readonly rng: Rng;

  constructor(layers: readonly Layer[], options: SequentialOptions) {
    if (!Array.isArray(layers) || layers.length === 0) throw new Error(`${this.constructor.name}: layers must be a non-empty array of layers`);
    layers.forEach((layer, i) => {
      if (!layer || typeof layer.forward !== 'function' || typeof layer.backward !== 'function' || typeof layer.type !== 'string') {
        throw new TypeError(`${this.constructor.name}: layers[${i}] must have type, forward(x, ctx) and backward(dout, cache, ctx)`);
      }
    });
    this.layers = [...layers];
    this.backend = options.backend;
    this.numClasses = options.numClasses;
    this.reg = options.reg ?? 0;
    this.rng = options.rng ?? createRng(0);
    for (const [i, layer] of this.layers.entries()) {
      for (const [name, t] of Object.entries(layer.createParams?.() ?? {})) {
        if (name in this.params) throw new Error(`${this.constructor.name}: layers[${i}] (${layer.type}) creates parameter ${name}, which another layer already has; give each layer its own index`);
        this.params[name] = t;
      }
    }
  }

  /** Scores `[N, numClasses]` in test mode (dropout off, batch norm on running statistics). */
  loss(X: Tensor): Tensor;
  /** Loss and gradients in train mode. */
  loss(X: Tensor, y: Labels): LossAndGrads;
  loss(X: Tensor, y?: Labels): Tensor | LossAndGrads;
  loss(X: Tensor, y?: Labels): Tensor | LossAndGrads {
    if (y === undefined) return this.scores(X);
    this.checkInput(X, y);
    const { layers, params } = this;
    return tidy(() => {
      const ctx: ForwardContext = { mode: 'train', stochastic: true, rng: this.rng, params };
      const caches: unknown[] = [];
      const h = this.#forward(X, ctx, caches);
      const { loss: dataLoss, dx: dscores } = softmaxLoss(h, y);
      const grads: Record<string, Tensor> = {};
      let d: Tensor | null = dscores;
      for (let i = layers.length - 1; i >= 0; i--) {
        if (d === null) throw new Error(`${this.constructor.name}: layers[${i + 1}] (${layers[i + 1]!.type}) returned no dx`);
        // The first layer's input gradient (with respect to the images) is never needed.
        const r = layers[i]!.backward(d, caches[i], { computeDx: i > 0, params });
        Object.assign(grads, r.grads);
        d = r.dx;
      }
      let loss = dataLoss;
      if (this.reg !== 0) {
        for (const name of layers.flatMap((l) => l.regularized ?? [])) {
          const W = params[name]!;
          loss = add(loss, mul(sum(square(W)), 0.5 * this.reg));
          grads[name] = add(grads[name]!, mul(W, this.reg));
        }
      }
      return { loss, grads: sortLike(grads, params) };
    });
  }

  /**
   * Scores `[N, numClasses]` of a test-mode pass; with `{ stochastic: true }` dropout samples
   * masks (from `rng`), one Monte Carlo pass. Batch norm uses its running statistics either way.
   * @example
   *   const scores = model.scores(X, { stochastic: true, rng: createRng(1) });
   */
  scores(X: Tensor, options: ScoresOptions = {}): Tensor {
    this.checkInput(X, undefined);
    const ctx: ForwardContext = { mode: 'test', stochastic: options.stochastic ?? false, rng: options.rng ?? this.rng, params: this.params };
    return tidy(() => this.#forward(X, ctx, []));
  }

  /** The layers' forward passes in order, a pair at a time where a layer fuses itself with the next (`forwardWith`); pushes one cache per layer. */
  #forward(X: Tensor, ctx: ForwardContext, caches: unknown[]): Tensor {
    const { layers } = this;
    let h = X;
    for (let i = 0; i < layers.length; i++) {
      const next = layers[i + 1];
      const fused = next ? (layers[i]!.forwardWith?.(next, h, ctx) ?? null) : null;
      if (fused) {
        caches.push(...fused.caches);
        h = fused.out;
        i++;
        continue;
      }
      const r = layers[i]!.forward(h, ctx);
      caches.push(r.cache);
      h = r.out;
    }
    return h;
  }

  /** Frees the parameters and every layer's buffers. */
  dispose(): void {
    for (const t of Object.values(this.params)) t.dispose();
    for (const layer of this.layers) layer.dispose?.();
  }

  /** Throws, before any pass, on an input the layers cannot take; subclasses add shape checks. */
  protected checkInput(X: Tensor, y: Labels | undefined): void {
    const who = `${this.constructor.name}.loss`;
    assertTensor(who, 'X', X);
    if (X.backend !== this.backend) {
      throw new Error(
        `${who}: X lives on ${X.backend.name} but the model's parameters on ${this.backend.name}; ` +
          'move X with toBackend(X, model.backend) or build the model with that backend',
      );
    }
    for (const [name, t] of Object.entries(this.params)) assertTensor(who, `params.${name}`, t);
    // ReLU maps NaN to 0, so a NaN pixel would not show in the loss. Where reads are asynchronous,
    // the Solver's guard finds it in the gradients instead.
    if (X.backend.syncRead) assertFinite(X, `${who}: X`);
    // Checked before the forward pass, which would already have updated batch norm's running statistics.
    if (y !== undefined) checkLabels(y, { op: who, rows: X.shape[0]!, rowsOf: 'X', numClasses: this.numClasses, numClassesName: 'numClasses' });
  }
}

/** `grads` with its keys in the order of `params` (W1, b1, gamma1, beta1, W2, …). */
function sortLike(grads: Record<string, Tensor>, params: Record<string, Tensor>): Record<string, Tensor> {
  return Object.fromEntries(Object.keys(params).filter((k) => k in grads).map((k) => [k, grads[k]!]));
}
