/** Bytes per WebAssembly page. */
const PAGE = 65536;
/** Every block starts on a cache line, which also aligns Float64Array views. */
const ALIGN = 64;

/**
 * The fast backends' memory: one WebAssembly.Memory that every kernel and worker thread
 * reads, with a small allocator on top. Blocks are recycled through exact-size free lists
 * (a training step asks for the same sizes every time), and the memory grows when none fits.
 * Shared memory never detaches its old buffers when it grows, so views made earlier stay valid;
 * a non-shared memory (a browser page without cross-origin isolation) is sized once and
 * does not grow, for the same reason.
 */
export class WasmHeap {
  readonly memory: WebAssembly.Memory;
  readonly shared: boolean;
  /** The most bytes the heap can ever hold (its memory's maximum size). */
  readonly maxBytes: number;
  #top = ALIGN;
  #inUse = 0;
  readonly #free = new Map<number, number[]>();

  /**
   * A heap over shared memory when the platform allows it (and `shared` is not false), else
   * `fixedMiB` of private memory.
   */
  constructor(fixedMiB = 1024, shared = true) {
    let memory: WebAssembly.Memory | undefined;
    let pages = (fixedMiB * 1024 * 1024) / PAGE;
    for (const maximum of shared ? [65536, 32768, 16384] : []) {
      try {
        memory = new WebAssembly.Memory({ initial: 256, maximum, shared: true });
        pages = maximum;
        break;
      } catch {
        memory = undefined;
      }
    }
    this.shared = memory !== undefined;
    this.memory = memory ?? new WebAssembly.Memory({ initial: pages, maximum: pages });
    this.maxBytes = pages * PAGE;
  }

  /** Byte offset of a fresh block of at least `bytes` bytes (contents undefined). */
  alloc(bytes: number): number {
    const size = Math.max(ALIGN, Math.ceil(bytes / ALIGN) * ALIGN);
    const list = this.#free.get(size);
    const reused = list?.pop();
    this.#inUse += size;
    if (reused !== undefined) return reused;
    const ptr = this.#top;
    const end = ptr + size;
    const capacity = this.memory.buffer.byteLength;
    if (end > capacity) this.#grow(end - capacity);
    this.#top = end;
    return ptr;
  }

  /** Returns a block from {@link alloc} (same `bytes`) to its free list. */
  free(ptr: number, bytes: number): void {
    const size = Math.max(ALIGN, Math.ceil(bytes / ALIGN) * ALIGN);
    this.#inUse -= size;
    const list = this.#free.get(size);
    if (list) list.push(ptr);
    else this.#free.set(size, [ptr]);
  }

  /** Bytes held by live blocks. */
  get bytesInUse(): number {
    return this.#inUse;
  }

  /** Bytes of memory reserved so far (live blocks, free lists and never-used space). */
  get bytesReserved(): number {
    return this.memory.buffer.byteLength;
  }

  /** The current buffer (replaced, but for shared memory never detached, by growth). */
  get buffer(): ArrayBuffer | SharedArrayBuffer {
    return this.memory.buffer;
  }

  #grow(missing: number): void {
    // Grow by at least a quarter of the current size so that growth stays rare.
    const current = this.memory.buffer.byteLength;
    const pages = Math.ceil(Math.max(missing, current / 4) / PAGE);
    if (!this.shared) {
      throw new RangeError(
        `fast backend: out of memory (${(current / 2 ** 20).toFixed(0)} MiB without SharedArrayBuffer); dispose tensors (tidy), ` +
          'serve the page cross-origin isolated so memory can grow, or ask for more, e.g. loadBackend("wasm32:memory=2048")',
      );
    }
    try {
      this.memory.grow(pages);
    } catch {
      try {
        this.memory.grow(Math.ceil(missing / PAGE));
      } catch {
        throw new RangeError(`fast backend: out of memory: cannot grow the heap past ${(current / 2 ** 20).toFixed(0)} MiB; dispose tensors (tidy) you no longer need`);
      }
    }
  }
}
