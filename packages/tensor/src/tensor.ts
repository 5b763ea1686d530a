import type { BackendInfo, BinaryOp, ReduceOp, Tolerance, UnaryOp, UpdateStep } from './backend.js';

// A Tensor and the Backend that owns its storage need each other's types, so they live in one
// module; the op vocabulary they use is in backend.ts.

/** A tensor's dimensions, outermost first (`[N, D]` for a minibatch of rows). */
export type Shape = readonly number[];
/** Element type; a backend stores exactly one of them (`cpu64` float64, the others float32). */
export type DType = 'float32' | 'float64';

/** Number of elements a shape holds (1 for the scalar shape `[]`). */
export function shapeSize(shape: Shape): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** Formats a shape the way error messages print it: `[2, 3]`. */
export function formatShape(shape: Shape): string {
  return `[${shape.join(', ')}]`;
}

/**
 * An n-dimensional array: a shape, a dtype and a storage handle owned by one backend.
 * Tensors are immutable; every operation returns a new one. Free memory with `dispose()`
 * or let `tidy()` do it.
 * @example
 *   const t = fromArray([1, 2, 3, 4], [2, 2], getBackend('cpu64'));
 *   t.shape; // [2, 2]
 */
export class Tensor {
  readonly size: number;
  #disposed = false;

  constructor(
    readonly backend: Backend,
    readonly shape: Shape,
    /** Backend-private storage (a typed array on the CPU, a texture or buffer on a GPU). */
    readonly handle: unknown,
  ) {
    this.size = shapeSize(shape);
  }

  /** Element type, set by the backend that owns this tensor. */
  get dtype(): DType {
    return this.backend.dtype;
  }

  /** Number of dimensions. */
  get rank(): number {
    return this.shape.length;
  }

  /** True once `dispose()` has run; using a disposed tensor throws. */
  get isDisposed(): boolean {
    return this.#disposed;
  }

  /**
   * Copies the values to the host, synchronously. Backends without synchronous readback
   * (`backend.syncRead === false`: gpujs:webgpu, and values still in flight on
   * gpujs:webasm-async) throw and name `readAsync()`, which works everywhere.
   */
  read(): Float64Array | Float32Array {
    this.assertLive('read');
    return this.backend.read(this);
  }

  /** Copies the values to the host without blocking where the backend supports it. */
  readAsync(): Promise<Float64Array | Float32Array> {
    this.assertLive('readAsync');
    return this.backend.readAsync(this);
  }

  /** The single value of a size-1 tensor, as a JS number. */
  item(): number {
    if (this.size !== 1) {
      throw new Error(`item: expected a tensor with one element, got shape ${formatShape(this.shape)}; use read() for arrays`);
    }
    return this.read()[0]!;
  }

  /** Nested JS arrays, handy for printing and tests. */
  toNested(): unknown {
    const flat = Array.from(this.read());
    const build = (dim: number, offset: number): unknown => {
      if (dim === this.shape.length) return flat[offset];
      const stride = shapeSize(this.shape.slice(dim + 1));
      return Array.from({ length: this.shape[dim]! }, (_, i) => build(dim + 1, offset + i * stride));
    };
    return build(0, 0);
  }

  /** Frees the storage now. Safe to call twice. */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.backend.disposeTensor(this);
  }

  /** Throws a clear error if this tensor was already disposed. */
  assertLive(op: string): void {
    if (this.#disposed) {
      throw new Error(`${op}: tensor of shape ${formatShape(this.shape)} was already disposed (freed by dispose() or by tidy()); keep() it or create it outside tidy()`);
    }
  }

  toString(): string {
    return `Tensor(${formatShape(this.shape)}, ${this.dtype}, ${this.backend.name})`;
  }
}

/** New weights and new state tensors of {@link Backend.updateStep} (inputs not donated are left untouched). */
export interface UpdateStepResult {
  w: Tensor;
  state: Tensor[];
}

/**
 * The seam between the maths and the hardware. Layers call the free functions in
 * `@dropout/tensor` (`matMul`, `add`, …); those validate shapes and dispatch here.
 * A backend implements every method; a missing one is a compile error.
 */
export interface Backend {
  /** Identifier as accepted by `loadBackend`, e.g. 'cpu64', 'cpu32', 'gpujs:webasm'. */
  readonly name: string;
  readonly floatBits: 64 | 32;
  readonly dtype: DType;
  readonly tolerance: Tolerance;
  /** True when `read` works synchronously (false for async-only modes; use `readAsync`). */
  readonly syncRead: boolean;
  /** Most elements one tensor may hold here (typed-array length, heap or texture limit). */
  readonly maxElements: number;
  /** How the backend runs where it was loaded (threads, shared memory and why), where it has a choice. */
  readonly info?: BackendInfo;

  fromArray(values: ArrayLike<number>, shape: Shape): Tensor;
  /**
   * A tensor over `values` (row-major; its length is the size of `shape`, already checked), taking ownership:
   * a host backend whose float type matches wraps the array without copying (the caller
   * must not write to it afterwards); others copy it into their memory (wasm heap, GPU).
   * @example
   *   const t = backend.adopt(new Float64Array([1, 2, 3, 4]), [2, 2]);
   */
  adopt(values: Float64Array | Float32Array, shape: Shape): Tensor;
  read(t: Tensor): Float64Array | Float32Array;
  readAsync(t: Tensor): Promise<Float64Array | Float32Array>;
  disposeTensor(t: Tensor): void;

  /** `a·b` for 2-D tensors, reading `a` or `b` transposed in place when asked. */
  matMul(a: Tensor, b: Tensor, transposeA: boolean, transposeB: boolean): Tensor;
  /** Elementwise op with NumPy broadcasting to `outShape` (already validated). */
  binary(op: BinaryOp, a: Tensor, b: Tensor, outShape: Shape): Tensor;
  /** Elementwise op with a scalar; `scalarFirst` computes `s op a` instead of `a op s`. */
  binaryScalar(op: BinaryOp, a: Tensor, s: number, scalarFirst: boolean): Tensor;
  unary(op: UnaryOp, a: Tensor): Tensor;
  /** Reduction along `axis` (null: all); the result keeps the axis with size 1 when `keepDims`. */
  reduce(op: ReduceOp, a: Tensor, axis: number | null, keepDims: boolean): Tensor;
  /** Index of the largest value along `axis` (first one on ties), as a float tensor. */
  argMax(a: Tensor, axis: number): Tensor;
  reshape(a: Tensor, shape: Shape): Tensor;
  /** Swaps the two axes of a 2-D tensor. */
  transpose(a: Tensor): Tensor;
  /** Rows `indices` of `a` along axis 0, in that order (repeats allowed). */
  gatherRows(a: Tensor, indices: ArrayLike<number>): Tensor;
  /** Rows `start` (inclusive) to `end` (exclusive) along axis 0. */
  sliceRows(a: Tensor, start: number, end: number): Tensor;

  /** A tensor of `shape` filled with `value`, allocated once in the backend's own dtype. */
  fill(shape: Shape, value: number): Tensor;

  /**
   * `x·w + b` for `x: [N, D]`, `w: [D, M]`, `b: [M]` (already validated): the matrix product
   * with the bias added as it is written (no separate broadcast-add tensor).
   */
  affine(x: Tensor, w: Tensor, b: Tensor): Tensor;
  /**
   * One update-rule step over `w`, `dw` and the rule's state (see `updateStepStates` in backend.ts;
   * null entries mean zeros, the first step) in one pass. Returns new tensors. With `donate`, the
   * caller disposes `w` and the state tensors right after this call (the `updateStep` op does), so
   * the backend may write the results over their storage where no other tensor shares it; the
   * results are then new Tensor objects on that storage, and `dw` is never written.
   */
  updateStep(step: UpdateStep, w: Tensor, dw: Tensor, state: readonly (Tensor | null)[], donate?: boolean): UpdateStepResult;
  /**
   * Inverted dropout in one pass: `mask = (u < p) / p` (u: x.size uniforms drawn on the host),
   * `out = x · mask`, or `max(x, 0) · mask` with `relu` (ReLU and dropout fused). The mask is
   * returned for the backward pass.
   */
  dropout(x: Tensor, u: ArrayLike<number>, p: number, relu: boolean): { out: Tensor; mask: Tensor };
  /**
   * Softmax loss and its gradient in one pass over `x: [N, C]` with labels in [0, C) (already
   * validated): `lossSum` is a scalar tensor, `−Σᵢ log softmax(x)[i, yᵢ]` (divide by N for the mean),
   * and `dx = (softmax(x) − Y) / N`.
   */
  softmaxLoss(x: Tensor, labels: ArrayLike<number>): { lossSum: Tensor; dx: Tensor };

  /** Runs `fn` and frees every tensor it created, except those in its result. */
  tidy<T>(fn: () => T): T;
  /** Tensors of this backend currently holding memory. */
  liveCount(): number;
}
