import type { Backend } from './backend.js';

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
