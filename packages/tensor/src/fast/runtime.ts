import { kernelModules } from './generated/kernel-modules.js';
import { workerSource } from './generated/worker-source.js';
import { WasmHeap } from './heap.js';
import { kernelNames, kernelTable, type Kernel, type KernelName } from './kernel-names.js';
import { MAX_TASK_ARGS, TASK_BYTES, type WorkerReply, type WorkerStart } from './protocol.js';
import { chunkStarts, runSharedGemm, SHARED_GEMM_TASK } from './shared-gemm.js';
import { GEMM_SHARED_MIN_FLOPS, gemmShapes, workBytes } from './tiles.js';

/** What `loadBackend('wasm32:…')` options can ask for. */
export interface RuntimeOptions {
  /** Threads for large matrix products, main thread included (default: cores, at most 8). */
  threads?: number;
  /** Relaxed-SIMD fused multiply-add: 'auto' uses it where the engine has it. */
  fma?: 'auto' | 'off';
  /** Size of the fixed heap when SharedArrayBuffer is unavailable, in MiB. */
  memoryMiB?: number;
  /** false: a private, fixed-size heap and one thread, as in a page without cross-origin isolation. */
  shared?: boolean;
}

/** What the runtime chose and why: shown as `backend.info`, named in run records. */
export interface RuntimeChoice {
  /** Threads for large kernels, main thread included. */
  threads: number;
  /** True when the heap is a SharedArrayBuffer that workers read. */
  sharedMemory: boolean;
  /** Why these settings, in words (e.g. 'page is not cross-origin isolated: one thread on a private heap'). */
  reason: string;
}

/** The kernels exported by the module, by typed name. */
export type KernelExports = Record<KernelName, Kernel>;

/** A whole B operand packed for the GEMM (see {@link WasmRuntime.packB}). */
export interface PackedB {
  ptr: number;
  bytes: number;
  /** N rounded up to the register tile's width: the packed layout's row length. */
  nPad: number;
}

/** One thread's share of a parallel call: a kernel and its arguments (shared: a shared GEMM's, see shared-gemm.ts). */
export interface KernelTask {
  fn: KernelName;
  args: number[];
  shared?: boolean;
}

interface WorkerHandle {
  post(message: WorkerStart): void;
  next(): Promise<WorkerReply>;
}

/** Elementwise ops on fewer elements than this stay on one thread (waking a worker costs ~10–50 µs). */
const PARALLEL_MIN_ELEMENTS = 1 << 18;
/** How long the main thread polls for the workers to finish before it sleeps on the futex, in ms. */
const MAIN_SPIN_MS = 1;

/**
 * Smallest chunk of a shared GEMM, in register tiles. Guided chunks (1/(2·threads) of what is
 * left, at least this) instead of two equal chunks per thread: in the regularization
 * experiment on 2 cores the main thread's waits for the worker at the end of the products fell
 * from ~80 to ~23 ms, and the products alone are as fast (within noise) at every experiment shape.
 */
const GEMM_MIN_CHUNK_TILES = 2;

/** No kernel call takes this long; a worker that has not answered by then is gone. */
const WORKER_TIMEOUT_MS = 120_000;

const isNode = typeof process !== 'undefined' && !!process.versions?.node;
/** Built at run time so browser bundlers do not try to resolve Node built-ins. */
const nodeModule = (name: string): Promise<any> => import(/* @vite-ignore */ ['node', name].join(':'));

function decode(base64: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/** Relaxed SIMD is on by default from V8 11.4 (Chrome 114, Node 22); Node 20 has it behind a flag. */
async function relaxedSimd(bytes: Uint8Array<ArrayBuffer>): Promise<boolean> {
  if (WebAssembly.validate(bytes)) return true;
  if (!isNode) return false;
  (await nodeModule('v8')).setFlagsFromString('--experimental-wasm-relaxed-simd');
  return WebAssembly.validate(bytes);
}

/**
 * Shared memory and workers only where they work: Node, or a cross-origin-isolated page.
 * Chromium lets any page create shared memory but not post it to a worker, so without
 * isolation the backend takes one thread on a private heap instead of failing.
 */
export function chooseSharing(
  options: RuntimeOptions,
  where: { node: boolean; isolated: boolean | undefined } = { node: isNode, isolated: (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated },
): { shared: boolean; reason: string } {
  const isolated = where.isolated;
  if (options.shared === false) return { shared: false, reason: 'shared=off requested: one thread on a private heap' };
  if (where.node) return { shared: true, reason: 'Node: shared memory and worker_threads' };
  if (isolated === true) return { shared: true, reason: 'page is cross-origin isolated: shared memory and Web Workers' };
  return {
    shared: false,
    reason: 'page is not cross-origin isolated (no COOP/COEP headers): one thread on a private heap',
  };
}

async function defaultThreads(): Promise<number> {
  const cores = isNode
    ? (await nodeModule('os')).availableParallelism()
    : ((globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency ?? 1);
  return Math.max(1, Math.min(8, cores));
}

/** A worker that never answers within this time did not start (blocked, or the page is closing). */
const WORKER_START_MS = 15_000;

function blockedWorker(detail: string): string {
  return (
    `fast backend: a kernel worker failed to start (${detail}). A Content-Security-Policy that does not allow ` +
    "blob: workers (worker-src / script-src without 'blob:') blocks them: allow \"worker-src blob:\" in the page's policy, " +
    "or load the backend on one thread: loadBackend('wasm32:threads=1')"
  );
}

async function spawn(): Promise<WorkerHandle> {
  const queue: Array<(m: any) => void> = [];
  // Node: the worker is ref'd only while a reply is awaited, so a pending task keeps the
  // program alive but an idle kernel pool never keeps a finished program from exiting.
  let hold: { ref(): void; unref(): void } | null = null;
  const deliver = (m: unknown): void => {
    queue.shift()?.(m);
    if (queue.length === 0) hold?.unref();
  };
  const next = (): Promise<any> =>
    new Promise((resolve) => {
      queue.push(resolve);
      hold?.ref();
    });
  if (isNode) {
    const { Worker } = await nodeModule('worker_threads');
    const worker = new Worker(workerSource, { eval: true });
    worker.on('message', deliver);
    worker.on('error', (err: Error) => deliver({ error: err.message }));
    worker.unref();
    hold = worker;
    return { post: (m) => worker.postMessage(m), next };
  }
  const url = URL.createObjectURL(new Blob([workerSource], { type: 'text/javascript' }));
  let worker: Worker;
  try {
    worker = new Worker(url);
  } catch (err) {
    throw new Error(blockedWorker(err instanceof Error ? err.message : String(err)));
  }
  worker.onmessage = (e) => deliver(e.data);
  // A worker blocked by a Content-Security-Policy fires an error event without a message.
  worker.onerror = (e) => deliver({ error: e.message || 'the worker script was refused (no message)' });
  return { post: (m) => worker.postMessage(m), next };
}

/**
 * The compiled kernels, their heap and the worker threads that share it. One runtime
 * serves both fast backends (float32 and float64 tensors live in the same heap).
 */
export class WasmRuntime {
  readonly #ctrl: number;
  readonly #index: Map<KernelName, number>;
  readonly #work: number[];
  readonly #canBlock: boolean;
  readonly #tiles: { f32: { mr: number; nr: number }; f64: { mr: number; nr: number } };

  readonly threads: number;

  private constructor(
    readonly heap: WasmHeap,
    readonly kernels: KernelExports,
    readonly fma: boolean,
    /** The threads and memory chosen, and why. */
    readonly choice: RuntimeChoice,
  ) {
    const threads = choice.threads;
    this.threads = threads;
    this.#ctrl = heap.alloc(16 + TASK_BYTES * threads);
    new Int32Array(heap.buffer, this.#ctrl, (16 + TASK_BYTES * threads) / 4).fill(0);
    this.#index = new Map(kernelNames.map((n, i) => [n, i + 1]));
    this.#work = Array.from({ length: threads }, () => heap.alloc(workBytes(fma)));
    const shapes = gemmShapes(fma);
    this.#tiles = {
      f32: { mr: shapes.f32.mr, nr: shapes.f32.nv * 4 },
      f64: { mr: shapes.f64.mr, nr: shapes.f64.nv * 2 },
    };
    let canBlock = isNode;
    try {
      Atomics.wait(new Int32Array(heap.buffer), this.#ctrl >> 2, 1, 0);
    } catch {
      canBlock = false; // a browser's main thread may not block; it spins instead
    }
    this.#canBlock = canBlock;
  }

  /** Compiles the kernels, sets up the heap and starts `threads − 1` workers. */
  static async create(options: RuntimeOptions = {}): Promise<WasmRuntime> {
    const fma = options.fma !== 'off' && (await relaxedSimd(decode(kernelModules.fmaShared)));
    const sharing = chooseSharing(options);
    const heap = new WasmHeap(options.memoryMiB, sharing.shared);
    const variant = `${fma ? 'fma' : 'plain'}${heap.shared ? 'Shared' : 'Private'}` as const;
    const module = await WebAssembly.compile(decode(kernelModules[variant]));
    const instance = await WebAssembly.instantiate(module, { env: { memory: heap.memory } });
    const wanted = options.threads ?? (await defaultThreads());
    const threads = heap.shared ? Math.max(1, Math.floor(wanted)) : 1;
    let reason = sharing.reason;
    if (sharing.shared && !heap.shared) reason = 'SharedArrayBuffer unavailable here: one thread on a private heap';
    else if (heap.shared && threads === 1) reason = `${reason}; one thread${options.threads === 1 ? ' (threads=1 requested)' : ''}`;
    else if (heap.shared) reason = `${reason}; ${threads} threads${options.threads ? ' (requested)' : ' (one per core, at most 8)'}`;
    const choice: RuntimeChoice = { threads, sharedMemory: heap.shared, reason };
    const runtime = new WasmRuntime(heap, kernelTable(instance.exports), fma, choice);
    const workers = await Promise.all(Array.from({ length: threads - 1 }, spawn));
    await Promise.all(
      workers.map(async (worker, i) => {
        const reply = worker.next();
        worker.post({ module, memory: heap.memory, ctrl: runtime.#ctrl, tid: i + 1, names: kernelNames });
        let timer: ReturnType<typeof setTimeout> | undefined;
        const timeout = new Promise<WorkerReply>((resolve) => {
          timer = setTimeout(() => resolve({ error: `no answer within ${WORKER_START_MS / 1000} s` }), WORKER_START_MS);
        });
        const message = await Promise.race([reply, timeout]);
        clearTimeout(timer);
        if (!message.ready) {
          if (isNode) throw new Error(`fast backend: worker ${i + 1} failed to start (${message.error}); load the backend with threads=1 to run without workers`);
          throw new Error(blockedWorker(`worker ${i + 1}: ${message.error}`));
        }
      }),
    );
    return runtime;
  }

  /**
   * C[M×N] (+)= op(A)·op(B) on the heap, split over the threads by row or column panels
   * when the product is large enough to repay waking them. Strides are in elements. With
   * `packedB` (from {@link WasmRuntime.packB} of this B), B is read from there, not packed again.
   */
  gemm(
    type: 'f32' | 'f64', M: number, N: number, K: number,
    a: number, rsA: number, csA: number, b: number, rsB: number, csB: number,
    c: number, ldc: number, accumulate: boolean, packedB: PackedB | null = null,
  ): void {
    const [pb, nPad] = packedB ? [packedB.ptr, packedB.nPad] : [0, 0];
    const { mr, nr } = this.#tiles[type];
    const es = type === 'f32' ? 4 : 8;
    const mTiles = Math.ceil(M / mr);
    const nTiles = Math.ceil(N / nr);
    const byRows = mTiles >= nTiles;
    const tiles = byRows ? mTiles : nTiles;
    const fn = `${type}_gemm` as const;
    if (2 * M * N * K < GEMM_SHARED_MIN_FLOPS || this.threads === 1 || tiles === 1) {
      this.kernels[fn](M, N, K, a, rsA, csA, b, rsB, csB, c, ldc, accumulate ? 1 : 0, this.#work[0]!, pb, 0, nPad);
      return;
    }
    // Guided chunks (see chunkStarts), claimed dynamically: large ones first, small ones last,
    // so the threads end within a small chunk of each other.
    const chunks = chunkStarts(tiles, this.threads, GEMM_MIN_CHUNK_TILES).length - 1;
    const shape = [this.#index.get(fn)!, tiles, byRows ? mr : nr, byRows ? 1 : 0, es, M, N, K, a, rsA, csA, b, rsB, csB, c, ldc, accumulate ? 1 : 0];
    const parts = Math.min(this.threads, chunks);
    this.run(Array.from({ length: parts }, (_, t) => ({ fn, args: [...shape, this.#work[t]!, pb, nPad, this.threads, GEMM_MIN_CHUNK_TILES, t === 1 ? 1 : 0], shared: true })));
  }

  /**
   * All of a K×N operand B (strides in elements) packed the way the GEMM packs it block by block,
   * in a new heap block, for products that use the same B again (see WasmBackend.matMul); free
   * it with `heap.free(ptr, bytes)`.
   */
  packB(type: 'f32' | 'f64', K: number, N: number, b: number, rsB: number, csB: number): PackedB {
    const { nr } = this.#tiles[type];
    const nPad = Math.ceil(N / nr) * nr;
    const bytes = K * nPad * (type === 'f32' ? 4 : 8);
    const ptr = this.heap.alloc(bytes);
    this.kernels[`${type}_pack_b`](K, N, b, rsB, csB, ptr);
    return { ptr, bytes, nPad };
  }

  /**
   * Runs kernel `fn` over units [0, total), in contiguous ranges split across the threads when
   * `work` (elements touched) is large enough to repay waking them; range starts are multiples
   * of 16 units so threads never share a cache line. `args(from, to)` builds a range's arguments.
   */
  parallelFor(fn: KernelName, total: number, work: number, args: (from: number, to: number) => number[]): void {
    const parts = work < PARALLEL_MIN_ELEMENTS ? 1 : Math.min(this.threads, Math.ceil(total / 16));
    if (parts <= 1) {
      this.kernels[fn](...args(0, total));
      return;
    }
    const bound = (t: number): number => (t === parts ? total : Math.floor((total * t) / parts / 16) * 16);
    this.run(Array.from({ length: parts }, (_, t) => ({ fn, args: args(bound(t), bound(t + 1)) })));
  }

  /**
   * Runs `tasks[0]` on this thread and the others on workers 1…, all at once, and returns
   * when every one has finished. Tasks must write disjoint memory.
   */
  run(tasks: KernelTask[]): void {
    if (tasks.length > this.threads) throw new Error(`fast backend: ${tasks.length} tasks for ${this.threads} threads`);
    const buffer = this.heap.buffer;
    const i32 = new Int32Array(buffer);
    const f64 = new Float64Array(buffer);
    const gen = this.#ctrl >> 2;
    for (let t = 1; t < this.threads; t++) {
      const base = this.#ctrl + 16 + t * TASK_BYTES;
      const task = tasks[t];
      if (task && task.args.length > MAX_TASK_ARGS) throw new Error(`fast backend: ${task.fn} has more than ${MAX_TASK_ARGS} arguments`);
      i32[base >> 2] = task ? (task.shared ? SHARED_GEMM_TASK : this.#index.get(task.fn)!) : 0;
      i32[(base >> 2) + 1] = 0;
      i32[(base >> 2) + 2] = task ? task.args.length : 0;
      if (task) f64.set(task.args, (base + 16) >> 3);
    }
    Atomics.store(i32, gen + 2, 0);
    Atomics.store(i32, gen + 3, 0);
    Atomics.store(i32, gen + 1, this.threads - 1);
    Atomics.add(i32, gen, 1);
    Atomics.notify(i32, gen);
    let failure: unknown;
    try {
      const first = tasks[0]!;
      if (first.shared) runSharedGemm(this.kernels[first.fn], first.args, i32, gen + 2);
      else this.kernels[first.fn](...first.args);
    } catch (err) {
      failure = err; // still wait: the workers are writing into the heap
    }
    let spins = 0;
    const started = Date.now();
    const spinUntil = performance.now() + MAIN_SPIN_MS;
    for (let left = Atomics.load(i32, gen + 1); left !== 0; left = Atomics.load(i32, gen + 1)) {
      // Spin first: the workers' last chunks end within about a chunk's time, and waking from
      // the futex costs this thread ~0.1 ms on a VM, a few percent of a 3 ms product.
      if (this.#canBlock && (++spins & 255) === 0 && performance.now() > spinUntil) Atomics.wait(i32, gen + 1, left, 50);
      // A worker that died (e.g. killed by the host) would otherwise hang this thread forever.
      if ((spins & 1023) === 0 && Date.now() - started > WORKER_TIMEOUT_MS) {
        throw new Error(`fast backend: ${left} worker(s) did not finish ${tasks[0]!.fn} within ${WORKER_TIMEOUT_MS / 1000} s; load the backend with threads=1 to run without workers`);
      }
    }
    if (failure !== undefined) throw failure;
    for (let t = 1; t < tasks.length; t++) {
      if (i32[((this.#ctrl + 16 + t * TASK_BYTES) >> 2) + 1]) throw new Error(`fast backend: ${tasks[t]!.fn} failed in worker ${t}`);
    }
  }
}
