/** A gpu.js texture (GL) or buffer handle (WebGPU) holding a pipeline result on the device. */
export interface DeviceHandle {
  toArray(): unknown;
  delete(): void;
}

/** What a tensor's storage holds once computed: a host array (webasm, cpu) or a device handle. */
export type StorageValue = Float32Array | DeviceHandle;

const swallow = (): void => {};

/**
 * One tensor's memory, shared by tensors that view it (reshape). While an asynchronous kernel
 * computes it, `pending` is set; kernels that read it register in `users`, and the memory is
 * released only after the last tensor lets go and every reader has finished.
 */
export class Storage {
  value: StorageValue | null = null;
  pending: Promise<void> | null = null;
  error: unknown = null;
  /** While pending in threaded webasm: computes the same value on the calling thread. */
  recipe: (() => StorageValue) | null = null;
  #refs = 1;
  #users: Promise<unknown>[] = [];

  constructor(value: StorageValue | null, private readonly onFree: (s: Storage) => void) {
    this.value = value;
  }

  /** Storage whose value arrives later; failures are kept and rethrown on read. */
  static later(work: Promise<StorageValue>, onFree: (s: Storage) => void, recipe: (() => StorageValue) | null = null): Storage {
    const s = new Storage(null, onFree);
    s.recipe = recipe;
    s.pending = work.then(
      (v) => {
        if (s.pending === null) return; // already computed by force(); the two are bit-identical
        s.value = v;
        s.pending = null;
        s.recipe = null;
      },
      (err: unknown) => {
        if (s.pending === null) return;
        s.error = err;
        s.pending = null;
        s.recipe = null;
      },
    );
    return s;
  }

  /** The value now: computed on the calling thread by the recipe if it is still in flight. */
  force(): StorageValue {
    if (this.pending === null) return this.get();
    if (this.recipe === null) throw new Error('this value is computed asynchronously and has no synchronous path');
    this.value = this.recipe();
    this.pending = null;
    this.recipe = null;
    return this.value;
  }

  /** True when the value can be read without waiting. */
  get settled(): boolean {
    return this.pending === null;
  }

  /** The value, or the failure of the kernel that was to compute it. */
  get(): StorageValue {
    if (this.error !== null) throw this.error;
    return this.value!;
  }

  /** Another tensor now views this storage. */
  retain(): this {
    this.#refs++;
    return this;
  }

  /** Records an in-flight kernel that reads this storage, so freeing waits for it. */
  use(reader: Promise<unknown>): void {
    this.#users.push(reader.then(swallow, swallow));
  }

  /** A viewing tensor was disposed; frees the memory once nobody needs it. */
  release(): void {
    if (--this.#refs > 0) return;
    const waits = this.#users;
    if (this.pending) waits.push(this.pending);
    if (waits.length === 0) this.onFree(this);
    else void Promise.all(waits).then(() => this.onFree(this));
  }
}

/** Flattens what a gpu.js kernel returned on the host (1-D, or rows of one 2-D output) to one array. */
export function flattenHost(result: unknown, size: number): Float32Array {
  if (result instanceof Float32Array) return ownCopy(result.length === size ? result : result.subarray(0, size));
  const rows = result as Float32Array[];
  const first = rows[0]!;
  const row = first.length;
  const contiguous = rows.every((r, i) => r.buffer === first.buffer && r.byteOffset === first.byteOffset + i * row * 4);
  if (contiguous && rows.length * row === size) return ownCopy(new Float32Array(first.buffer, first.byteOffset, size));
  const out = new Float32Array(size);
  rows.forEach((r, i) => out.set(r, i * row));
  return out;
}

/**
 * `view` itself if it owns its buffer, else a copy: a view into a kernel's WebAssembly memory
 * would keep that memory reserved for as long as the tensor lives, and a page can hold only
 * about 125 of them (Chromium: "WebAssembly.Memory(): could not allocate memory").
 */
function ownCopy(view: Float32Array): Float32Array {
  return view.byteOffset === 0 && view.byteLength === view.buffer.byteLength && !isShared(view.buffer) ? view : view.slice();
}

const isShared = (b: ArrayBufferLike): boolean => typeof SharedArrayBuffer === 'function' && b instanceof SharedArrayBuffer;

/** Unpacks a host-side vec4 matMul result (`M` rows of `ceil(N/4)` Float32Array(4)) into `[M·N]`. */
export function unpackVec4Host(result: unknown, M: number, N: number): Float32Array {
  const rows = result as Float32Array[][];
  const out = new Float32Array(M * N);
  for (let m = 0; m < M; m++) {
    const quads = rows[m]!;
    for (let n = 0; n < N; n++) out[m * N + n] = quads[n >> 2]![n & 3]!;
  }
  return out;
}

/** Host copy of a storage value, flattened to `size` float32 values. */
export async function readValue(value: StorageValue, size: number): Promise<Float32Array> {
  if (value instanceof Float32Array) return value.slice(0, size);
  return Float32Array.from(flattenHost(await value.toArray(), size));
}

/** Synchronous host copy; only for host arrays and GL textures (whose toArray is synchronous). */
export function readValueSync(value: StorageValue, size: number): Float32Array {
  if (value instanceof Float32Array) return value.slice(0, size);
  const arr = value.toArray();
  if (arr instanceof Promise) throw new Error('this device answers reads asynchronously; use readAsync()');
  return Float32Array.from(flattenHost(arr, size));
}
