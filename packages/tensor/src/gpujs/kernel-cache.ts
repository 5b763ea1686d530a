import type { GPU } from 'gpu.js';
import { kernelClass, kernelClassName, type GpujsModeChoice } from './modes.js';
import type { KernelSource } from './kernels/kernel-this.js';

/** A compiled gpu.js kernel as this backend calls it. */
export interface GpuKernel {
  (...args: unknown[]): unknown;
  build(...args: unknown[]): unknown;
  destroy(removeCanvasReferences?: boolean): void;
  kernel: { constructor: { mode?: string; name: string }; fallbackReason?: string | null; _lastRunPath?: string | null };
}

/** How one kernel is made: its body, the output, constants and helper, and the return type. */
export interface KernelSpec {
  /** The kernel's source text (see {@link KernelSource}: never a function's `toString()`). */
  body: KernelSource;
  output: number[];
  constants?: Record<string, number>;
  helper?: KernelSource;
  returnType?: 'Number' | 'Array(4)';
  /** Longest loop the body runs; GL needs loopMaxIterations at least this large. */
  loop?: number;
}

/** Per-op counters: kernels compiled and run, and milliseconds spent on each. */
export interface OpStats {
  compiles: number;
  compileMs: number;
  runs: number;
  runMs: number;
}

/** What {@link GpujsBackend.stats} reports: totals, per-op counters, and how webasm ran. */
export interface GpujsStats {
  kernelsCompiled: number;
  compileMs: number;
  runs: number;
  runMs: number;
  byOp: Record<string, OpStats>;
  /** Kernels destroyed to stay under {@link WEBASM_KERNEL_CAP} (webasm only; rebuilt on next use). */
  kernelsEvicted: number;
  /** webasm's `_lastRunPath` per run: 'simd', 'scalar' or 'threaded'. */
  runPaths: Record<string, number>;
  /**
   * Threaded webasm only: values that `read()` needed before the worker pool delivered them,
   * computed on the calling thread instead (same kernel, bit-identical result).
   */
  forcedSyncReads?: number;
}

/** Cells at which gpu.js's webasm backend splits a run across worker threads. */
export const THREAD_CELLS = 4096;

interface Entry {
  fn: GpuKernel;
  op: string;
  async: boolean;
  built: boolean;
  building: Promise<void> | null;
  /** Runs started and not yet finished (an entry is evicted only when idle). */
  running: number;
  /** Creates the gpu.js kernel again after an eviction destroyed it. */
  make: () => GpuKernel;
  destroyed: boolean;
}

/**
 * Most kernels kept compiled on webasm, where each holds its own WebAssembly.Memory: a page's
 * renderer can reserve only so many (Chromium failed with "WebAssembly.Memory(): could not
 * allocate memory" after a few hundred), so the least recently used idle kernel is destroyed
 * past this count and rebuilt if needed again.
 */
export const WEBASM_KERNEL_CAP = 64;

const now = (): number => performance.now();

/**
 * Builds each kernel once per op and shape, caches it under a key, counts compilations and
 * times them apart from runs, and checks on first build that gpu.js really used the mode
 * asked for (gpu.js otherwise degrades to its CPU kernels with only a console warning).
 */
export class KernelCache {
  readonly #entries = new Map<string, Entry>();
  readonly #byOp: Record<string, OpStats> = {};
  readonly #runPaths: Record<string, number> = {};
  #evicted = 0;

  constructor(
    private readonly gpu: GPU,
    private readonly mode: GpujsModeChoice,
    private readonly backendName: string,
  ) {}

  /** The kernel for `key`, created from `spec()` on first use. */
  get(op: string, key: string, spec: () => KernelSpec, sync = false): Entry {
    const full = `${op}|${key}${sync ? '|sync' : ''}`;
    let entry = this.#entries.get(full);
    if (entry) {
      // Map order is the LRU order: refresh on hit.
      this.#entries.delete(full);
      this.#entries.set(full, entry);
      return entry;
    }
    if (this.mode.kernelMode === 'webasm') this.#evict(WEBASM_KERNEL_CAP - 1);
    const s = spec();
    const cells = s.output.reduce((p, d) => p * d, 1);
    const async = !sync && (this.mode.kernelMode === 'webgpu' || (this.mode.async && cells >= THREAD_CELLS));
    const make = (): GpuKernel => this.gpu.createKernel(s.body as never, {
      output: s.output,
      constants: s.constants ?? {},
      functions: s.helper ? [s.helper] : [],
      returnType: s.returnType ?? 'Number',
      loopMaxIterations: Math.max(1000, (s.loop ?? 0) + 8),
      pipeline: true,
      immutable: true,
      precision: 'single',
      tactic: 'precision',
      asyncMode: async,
    } as never) as unknown as GpuKernel;
    const fn = make();
    entry = { fn, op, async, built: false, building: null, running: 0, make, destroyed: false };
    this.#entries.set(full, entry);
    return entry;
  }

  /** Destroys least recently used idle kernels until at most `keep` remain. */
  #evict(keep: number): void {
    for (const [key, e] of this.#entries) {
      if (this.#entries.size <= keep) return;
      if (e.running > 0 || e.building) continue;
      this.#entries.delete(key);
      e.fn.destroy();
      e.destroyed = true;
      e.built = false;
      this.#evicted++;
    }
  }

  #stats(op: string): OpStats {
    return (this.#byOp[op] ??= { compiles: 0, compileMs: 0, runs: 0, runMs: 0 });
  }

  #build(entry: Entry, args: unknown[]): void | Promise<void> {
    if (entry.destroyed) {
      // Evicted while a caller still held it (waiting for its inputs): make it again.
      entry.fn = entry.make();
      entry.destroyed = false;
    }
    if (entry.built) return;
    if (entry.building) return entry.building;
    const t0 = now();
    const done = (): void => {
      const s = this.#stats(entry.op);
      s.compiles++;
      s.compileMs += now() - t0;
      entry.built = true;
      entry.building = null;
      this.#verify(entry);
    };
    const pending = entry.fn.build(...args);
    if (!(pending instanceof Promise)) return done();
    // WebGPU builds asynchronously; calls that arrive meanwhile wait for the same build.
    entry.building = pending.then(done, (err: unknown) => {
      entry.building = null;
      throw err;
    });
    return entry.building;
  }

  #verify(entry: Entry): void {
    const inner = entry.fn.kernel;
    const expected = kernelClass(this.mode.kernelMode);
    if (inner.constructor !== expected.cls || inner.fallbackReason) {
      throw new Error(
        `${this.backendName}: gpu.js ran '${entry.op}' on ${kernelClassName(inner.constructor)} instead of ${expected.name}` +
          ` (${inner.fallbackReason ?? 'no reason given'}); refusing to fall back silently`,
      );
    }
  }

  #record(entry: Entry, t0: number): void {
    const s = this.#stats(entry.op);
    s.runs++;
    s.runMs += now() - t0;
    const path = entry.fn.kernel._lastRunPath;
    if (path) this.#runPaths[path] = (this.#runPaths[path] ?? 0) + 1;
  }

  /** Runs a kernel synchronously (it must not be an async one). */
  runSync(entry: Entry, args: unknown[]): unknown {
    this.#build(entry, args);
    const t0 = now();
    const out = entry.fn(...args);
    this.#record(entry, t0);
    return out;
  }

  /** Runs a kernel under the Promise contract (threaded webasm, webgpu). */
  async runAsync(entry: Entry, args: unknown[]): Promise<unknown> {
    entry.running++;
    try {
      await this.#build(entry, args);
      const t0 = now();
      const out = await entry.fn(...args);
      this.#record(entry, t0);
      return out;
    } finally {
      entry.running--;
    }
  }

  /** A snapshot of the counters. */
  stats(): GpujsStats {
    const byOp = structuredClone(this.#byOp);
    const sum = (k: keyof OpStats): number => Object.values(byOp).reduce((p, s) => p + s[k], 0);
    return {
      kernelsCompiled: sum('compiles'),
      compileMs: sum('compileMs'),
      runs: sum('runs'),
      runMs: sum('runMs'),
      byOp,
      runPaths: { ...this.#runPaths },
      kernelsEvicted: this.#evicted,
    };
  }

  /** The gpu.js kernel classes that actually ran the built kernels, e.g. ['WebAssemblyKernel']. */
  kernelClasses(): string[] {
    const names = new Set<string>();
    for (const e of this.#entries.values()) if (e.built) names.add(kernelClassName(e.fn.kernel.constructor));
    return [...names].sort();
  }

  /** Number of distinct kernels built so far. */
  get size(): number {
    return this.#entries.size;
  }

  /** Destroys every cached kernel. */
  destroy(): void {
    for (const e of this.#entries.values()) e.fn.destroy();
    this.#entries.clear();
  }
}
