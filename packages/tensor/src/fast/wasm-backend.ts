import { updateStepScalars, updateStepStates, type BinaryOp, type ReduceOp, type UnaryOp, type UpdateStep } from '../backend.js';
import { CpuBackend } from '../cpu/cpu-backend.js';
import { shapeSize, type Backend, type Shape, type Tensor, type UpdateStepResult } from '../tensor.js';
import type { KernelExports, PackedB, WasmRuntime } from './runtime.js';
import { GEMM_SHARED_MIN_FLOPS } from './tiles.js';
import { simdBinaryOps, simdUnaryOps } from './wat/elementwise-wat.js';

type FloatArray = Float64Array | Float32Array;

/** Products that may read a B packed once (see WasmBackend.#packed): the threaded ones, with B of 64 Ki elements or more. */
const PACK_MIN_ELEMENTS = 1 << 16;
/**
 * A sum over all of this many elements or more is cut into fixed blocks of SUM_BLOCK elements,
 * summed in float64 by the threads and added up in block order here: the same bits on any
 * number of threads. The Solver's finiteness check of the 3072×500 gradient in the experiment
 * went 0.50 → 0.28 ms per step on 2 cores.
 */
const BLOCKED_SUM_MIN = 1 << 18;
const SUM_BLOCK = 1 << 12;

/**
 * A block of the heap holding one tensor's values; reshapes share it, hence the count. A row
 * slice is a Storage inside its parent's block (`parent` set), which it keeps alive.
 */
class Storage {
  refs = 1;
  constructor(readonly ptr: number, readonly bytes: number, readonly view: FloatArray, readonly parent: Storage | null = null) {}
}

type SimdUnaryOp = (typeof simdUnaryOps)[number];
const unaryKernels = new Set<string>(simdUnaryOps);
const hasUnaryKernel = (op: UnaryOp): op is SimdUnaryOp => unaryKernels.has(op);
/** `b ∘ a` written as `a ∘' b`, for swapping a broadcast left operand to the right. */
const mirrored: Partial<Record<BinaryOp, BinaryOp>> = {
  add: 'add', mul: 'mul', maximum: 'maximum', minimum: 'minimum', equal: 'equal', notEqual: 'notEqual',
  less: 'greater', greater: 'less', lessEqual: 'greaterEqual', greaterEqual: 'lessEqual',
};

/** How `b` broadcasts against an `outShape` that `a` already has: as a scalar, a row or a column. */
function broadcastKind(b: Shape, out: Shape): 'same' | 'scalar' | 'rows' | 'cols' | null {
  if (shapeSize(b) === shapeSize(out)) return 'same';
  if (shapeSize(b) === 1) return 'scalar';
  const padded = [...new Array<number>(out.length - b.length).fill(1), ...b];
  const last = out.length - 1;
  if (padded.every((d, i) => (i === last ? d === out[i] : d === 1))) return 'rows';
  if (padded.every((d, i) => (i === last ? d === 1 : d === out[i]))) return 'cols';
  return null;
}

/**
 * The fast CPU backend: tensors live in a WebAssembly heap shared with worker threads,
 * matrix products run as blocked SIMD GEMMs (threads for large ones), and the ops a network
 * uses (elementwise with row/column broadcasting, ReLU, masks, sums) are SIMD loops over
 * that heap. Every other op falls back to the reference loops of {@link CpuBackend}, run on
 * views of the same memory, so no op copies tensors in or out.
 */
export class WasmBackend extends CpuBackend implements Backend {
  override readonly name: string;
  readonly #runtime: WasmRuntime;
  readonly #k: KernelExports;
  readonly #type: 'f32' | 'f64';
  readonly #es: number;
  readonly #Array: Float32ArrayConstructor | Float64ArrayConstructor;
  readonly #storage = new WeakMap<FloatArray, Storage>();
  /** Frees the heap block of a tensor that was dropped without dispose() once it is collected. */
  readonly #finalizer = new FinalizationRegistry<Storage>((s) => this.#release(s));
  /**
   * B operands of large products seen before: on a second product with the same B (the weights,
   * over the batches of an accuracy check) B is packed whole once and every later product reads
   * that instead of packing B again. Tensors never change, so the copy stays valid until B is
   * freed (dispose, or collection) and the copy with it.
   */
  readonly #packed = new WeakMap<Tensor, { transposed: boolean; packed: PackedB | null }>();
  readonly #packedFinalizer = new FinalizationRegistry<PackedB>((p) => this.#runtime.heap.free(p.ptr, p.bytes));

  constructor(floatBits: 64 | 32, runtime: WasmRuntime) {
    super(floatBits);
    this.name = `wasm${floatBits}`;
    this.#runtime = runtime;
    this.#k = runtime.kernels;
    this.#type = floatBits === 32 ? 'f32' : 'f64';
    this.#es = floatBits === 32 ? 4 : 8;
    this.#Array = floatBits === 32 ? Float32Array : Float64Array;
  }

  /**
   * What this backend runs on: threads, shared memory or a private heap and why (e.g. a page
   * that is not cross-origin isolated gets one thread), relaxed-SIMD FMA, heap bytes in use.
   */
  get info(): { threads: number; sharedMemory: boolean; reason: string; fma: boolean; heapBytes: number } {
    const { choice, fma, heap } = this.#runtime;
    return { ...choice, fma, heapBytes: heap.bytesInUse };
  }

  /** The heap's maximum size in elements (4 GiB of 32-bit addresses, or the fixed private heap). */
  override get maxElements(): number {
    return Math.floor(this.#runtime.heap.maxBytes / this.#es);
  }

  override data(t: Tensor): FloatArray {
    return (t.handle as Storage).view;
  }

  #ptr(t: Tensor): number {
    return (t.handle as Storage).ptr;
  }

  /** A heap view of `size` elements with undefined contents. */
  #allocRaw(size: number): FloatArray {
    const bytes = size * this.#es;
    const ptr = this.#runtime.heap.alloc(bytes);
    const view = new this.#Array(this.#runtime.heap.buffer as ArrayBuffer, ptr, size);
    this.#storage.set(view, new Storage(ptr, bytes, view));
    return view;
  }

  override alloc(size: number): FloatArray {
    return this.#allocRaw(size).fill(0);
  }

  protected override allocUninitialized(size: number): FloatArray {
    return this.#allocRaw(size);
  }

  protected override release(scratch: FloatArray): void {
    this.#release(this.#storage.get(scratch)!);
  }

  protected override make(shape: Shape, handle: unknown): Tensor {
    let storage = handle instanceof Storage ? handle : this.#storage.get(handle as FloatArray);
    if (!storage) {
      const view = this.#allocRaw((handle as FloatArray).length);
      view.set(handle as FloatArray);
      storage = this.#storage.get(view)!;
    }
    const t = super.make(shape, storage);
    this.#finalizer.register(t, storage, t);
    return t;
  }

  /** B packed whole for this product when it was a large product's B before (see #packed); null the first time. */
  #packedB(b: Tensor, transposed: boolean, K: number, N: number, rsB: number, csB: number): PackedB | null {
    const seen = this.#packed.get(b);
    if (!seen || seen.transposed !== transposed) {
      this.#dropPacked(b); // a copy for the other orientation no longer serves
      this.#packed.set(b, { transposed, packed: null });
      return null;
    }
    if (!seen.packed) {
      try {
        seen.packed = this.#runtime.packB(this.#type, K, N, this.#ptr(b), rsB, csB);
      } catch {
        return null; // no room for the copy: pack per product as usual
      }
      this.#packedFinalizer.register(b, seen.packed, seen);
    }
    return seen.packed;
  }

  /** Frees the packed copy of `t` (see #packed), if any, and forgets `t`. */
  #dropPacked(t: Tensor): void {
    const seen = this.#packed.get(t);
    if (seen?.packed) {
      this.#packedFinalizer.unregister(seen);
      this.#runtime.heap.free(seen.packed.ptr, seen.packed.bytes);
    }
    this.#packed.delete(t);
  }

  override disposeTensor(t: Tensor): void {
    this.#dropPacked(t);
    this.#finalizer.unregister(t);
    super.disposeTensor(t);
  }

  protected override free(handle: unknown): void {
    this.#release(handle as Storage);
  }

  #release(s: Storage): void {
    if (--s.refs > 0) return;
    this.#storage.delete(s.view);
    if (s.parent) this.#release(s.parent);
    else this.#runtime.heap.free(s.ptr, s.bytes);
  }

  override fromArray(values: ArrayLike<number>, shape: Shape): Tensor {
    const view = this.#allocRaw(values.length);
    view.set(values);
    return this.make(shape, view);
  }

  override reshape(a: Tensor, shape: Shape): Tensor {
    const storage = a.handle as Storage;
    storage.refs++;
    return this.make(shape, storage);
  }

  /** Rows [start, end) as a view of `a`'s block (rows are contiguous): no copy, like a reshape. */
  override sliceRows(a: Tensor, start: number, end: number): Tensor {
    const row = a.size / a.shape[0]!;
    const parent = a.handle as Storage;
    const root = parent.parent ?? parent;
    root.refs++;
    const view = this.data(a).subarray(start * row, end * row);
    const storage = new Storage(view.byteOffset, view.byteLength, view, root);
    this.#storage.set(view, storage);
    return this.make([end - start, ...a.shape.slice(1)], storage);
  }

  override gatherRows(a: Tensor, indices: ArrayLike<number>): Tensor {
    const row = a.size / a.shape[0]!;
    const x = this.data(a);
    const out = this.#allocRaw(indices.length * row);
    for (let i = 0; i < indices.length; i++) out.set(x.subarray(indices[i]! * row, (indices[i]! + 1) * row), i * row);
    return this.make([indices.length, ...a.shape.slice(1)], out);
  }

  override matMul(a: Tensor, b: Tensor, transposeA: boolean, transposeB: boolean): Tensor {
    const M = transposeA ? a.shape[1]! : a.shape[0]!;
    const K = transposeA ? a.shape[0]! : a.shape[1]!;
    const N = transposeB ? b.shape[0]! : b.shape[1]!;
    const out = this.#allocRaw(M * N);
    if (K === 0) out.fill(0);
    else if (M > 0 && N > 0) {
      const [rsA, csA] = transposeA ? [1, M] : [K, 1];
      const [rsB, csB] = transposeB ? [1, K] : [N, 1];
      const packed = 2 * M * N * K >= GEMM_SHARED_MIN_FLOPS && K * N >= PACK_MIN_ELEMENTS ? this.#packedB(b, transposeB, K, N, rsB, csB) : null;
      this.#runtime.gemm(this.#type, M, N, K, this.#ptr(a), rsA, csA, this.#ptr(b), rsB, csB, out.byteOffset, N, false, packed);
    }
    return this.make([M, N], out);
  }

  /** The GEMM, then the bias added in place over its output (one SIMD pass, no second tensor). */
  override affine(x: Tensor, w: Tensor, b: Tensor): Tensor {
    const out = this.matMul(x, w, false, false);
    const [rows, cols] = out.shape as [number, number];
    const [po, pb, es] = [this.#ptr(out), this.#ptr(b), this.#es];
    if (out.size > 0) this.#runtime.parallelFor(`${this.#type}_add_rows`, rows, out.size, (s, e) => [e - s, cols, po + s * cols * es, pb, po + s * cols * es]);
    return out;
  }

  /**
   * One SIMD pass per rule (src/fast/wat/update-wat.ts), split across threads for large weights.
   * Donated `w` and state blocks that no other tensor shares (no reshape of them is alive) take
   * the results in place: the kernels read each element before writing it, and the caller
   * disposes the old tensors, so the results become the blocks' only owners.
   */
  override updateStep(step: UpdateStep, w: Tensor, dw: Tensor, state: readonly (Tensor | null)[], donate = false): UpdateStepResult {
    const n = w.size;
    const taken = new Set<Storage>([w.handle as Storage, dw.handle as Storage]);
    const reuse = (t: Tensor | null): Storage | null => {
      const s = t?.handle as Storage | undefined;
      // Not a row slice (its block holds other rows) nor a block another tensor shares.
      if (!donate || !s || s.parent || s.refs !== 1 || (t !== w && taken.has(s))) return null;
      taken.add(s);
      s.refs++;
      return s;
    };
    const fresh = (): Storage => this.#storage.get(this.#allocRaw(n))!;
    const outW = reuse(w) ?? fresh();
    const outState = Array.from({ length: updateStepStates[step.rule] }, (_, k) => reuse(state[k] ?? null) ?? fresh());
    // A missing state is zeros: zero the output block and let the kernel read it in place.
    const prior = (k: number): number => (state[k] ? this.#ptr(state[k]) : outState[k]!.view.fill(0).byteOffset);
    const [pw, pdw, po] = [this.#ptr(w), this.#ptr(dw), outW.ptr];
    const ps = outState.map((a) => a.ptr);
    let kernel: 'sgd' | 'sgd_momentum' | 'rmsprop' | 'adam';
    let pointers: number[];
    switch (step.rule) {
      case 'sgd':
        [kernel, pointers] = ['sgd', [pw, pdw, po]];
        break;
      case 'sgdMomentum':
        [kernel, pointers] = ['sgd_momentum', [pw, pdw, prior(0), po, ps[0]!]];
        break;
      case 'rmsprop':
        [kernel, pointers] = ['rmsprop', [pw, pdw, prior(0), po, ps[0]!]];
        break;
      case 'adam':
        [kernel, pointers] = ['adam', [pw, pdw, prior(0), prior(1), po, ps[0]!, ps[1]!]];
        break;
    }
    // In the kernels' argument order (the WAT update kernels and gpu.js's share it).
    const scalars = Object.values(updateStepScalars(step));
    const es = this.#es;
    if (n > 0) this.#runtime.parallelFor(`${this.#type}_${kernel}`, n, n * (3 + 2 * outState.length), (s, e) => [e - s, ...pointers.map((p) => p + s * es), ...scalars]);
    return { w: this.make(w.shape, outW), state: outState.map((a) => this.make(w.shape, a)) };
  }

  override fill(shape: Shape, value: number): Tensor {
    return this.make(shape, this.#allocRaw(shapeSize(shape)).fill(value));
  }

  override binary(op: BinaryOp, a: Tensor, b: Tensor, outShape: Shape): Tensor {
    const name = simdBinaryOps[op as keyof typeof simdBinaryOps];
    const size = shapeSize(outShape);
    if (!name || size === 0) return super.binary(op, a, b, outShape);
    if (a.size !== size) {
      const flipped = mirrored[op];
      return flipped && b.size === size ? this.binary(flipped, b, a, outShape) : super.binary(op, a, b, outShape);
    }
    const kind = broadcastKind(b.shape, outShape);
    if (kind === null) return super.binary(op, a, b, outShape);
    if (kind === 'scalar') return this.binaryScalar(op, a, this.data(b)[0]!, false, outShape);
    const out = this.#allocRaw(size);
    const cols = outShape[outShape.length - 1]!;
    const [pa, pb, po, es] = [this.#ptr(a), this.#ptr(b), out.byteOffset, this.#es];
    const fn = `${this.#type}_${name}_${kind === 'same' ? 'vv' : kind}` as const;
    if (kind === 'same') this.#runtime.parallelFor(fn, size, size, (s, e) => [e - s, pa + s * es, pb + s * es, po + s * es]);
    else {
      // Split by rows: a row operand is shared, a column operand advances with the rows.
      const step = kind === 'cols' ? es : 0;
      this.#runtime.parallelFor(fn, size / cols, size, (s, e) => [e - s, cols, pa + s * cols * es, pb + s * step, po + s * cols * es]);
    }
    return this.make(outShape, out);
  }

  override binaryScalar(op: BinaryOp, a: Tensor, s: number, scalarFirst: boolean, outShape: Shape = a.shape): Tensor {
    const name = simdBinaryOps[op as keyof typeof simdBinaryOps];
    if (!name) return super.binaryScalar(op, a, s, scalarFirst);
    const out = this.#allocRaw(a.size);
    const [pa, po, es] = [this.#ptr(a), out.byteOffset, this.#es];
    const fn = `${this.#type}_${name}_${scalarFirst ? 'sv' : 'vs'}` as const;
    this.#runtime.parallelFor(fn, a.size, a.size, (from, to) => [to - from, pa + from * es, s, po + from * es]);
    return this.make(outShape, out);
  }

  override unary(op: UnaryOp, a: Tensor): Tensor {
    if (!hasUnaryKernel(op)) return super.unary(op, a);
    const out = this.#allocRaw(a.size);
    const [pa, po, es] = [this.#ptr(a), out.byteOffset, this.#es];
    this.#runtime.parallelFor(`${this.#type}_${op}`, a.size, a.size, (s, e) => [e - s, pa + s * es, po + s * es]);
    return this.make(a.shape, out);
  }

  /**
   * One branch-free SIMD pass (the uniforms copied into the heap as float64 first), split across
   * threads for large tensors; the same bits as the reference loop. 100×500 with ReLU in the experiment: 0.45 → 0.07 ms.
   */
  override dropout(x: Tensor, u: ArrayLike<number>, p: number, relu: boolean): { out: Tensor; mask: Tensor } {
    const n = x.size;
    const [out, mask] = [this.#allocRaw(n), this.#allocRaw(n)];
    const heap = this.#runtime.heap;
    const pu = heap.alloc(n * 8);
    try {
      new Float64Array(heap.buffer, pu, n).set(u);
      const [px, po, pm, es] = [this.#ptr(x), out.byteOffset, mask.byteOffset, this.#es];
      const fn = `${this.#type}_${relu ? 'relu_' : ''}dropout` as const;
      this.#runtime.parallelFor(fn, n, 3 * n, (s, e) => [e - s, px + s * es, pu + s * 8, p, 1 / p, po + s * es, pm + s * es]);
    } finally {
      heap.free(pu, n * 8);
    }
    return { out: this.make(x.shape, out), mask: this.make(x.shape, mask) };
  }

  /** The float64 sum of all of `a` in SUM_BLOCK blocks (see BLOCKED_SUM_MIN), the blocks split evenly over the threads. */
  #blockedSum(a: Tensor): number {
    const [es, pa] = [this.#es, this.#ptr(a)];
    const blocks = Math.ceil(a.size / SUM_BLOCK);
    const heap = this.#runtime.heap;
    const partial = heap.alloc(blocks * 8);
    try {
      const fn = `${this.#type}_sum_blocks` as const;
      const parts = Math.min(this.#runtime.threads, blocks);
      const task = (t: number) => {
        const [from, to] = [Math.floor((blocks * t) / parts), Math.floor((blocks * (t + 1)) / parts)];
        return { fn, args: [to - from, SUM_BLOCK * es, pa + from * SUM_BLOCK * es, pa + a.size * es, partial + from * 8] };
      };
      if (parts === 1) this.#k[fn](...task(0).args);
      else this.#runtime.run(Array.from({ length: parts }, (_, t) => task(t)));
      const sums = new Float64Array(heap.buffer, partial, blocks);
      let total = 0;
      for (let i = 0; i < blocks; i++) total += sums[i]!;
      return total;
    } finally {
      heap.free(partial, blocks * 8);
    }
  }

  override reduce(op: ReduceOp, a: Tensor, axis: number | null, keepDims: boolean): Tensor {
    if ((op !== 'sum' && op !== 'mean') || a.size === 0) return super.reduce(op, a, axis, keepDims);
    const len = axis === null ? a.size : a.shape[axis]!;
    const inner = axis === null ? 1 : shapeSize(a.shape.slice(axis + 1));
    const outer = a.size / (len * inner);
    const shape = axis === null ? (keepDims ? a.shape.map(() => 1) : []) : keepDims ? a.shape.map((d, i) => (i === axis ? 1 : d)) : a.shape.filter((_, i) => i !== axis);
    const out = this.#allocRaw(outer * inner);
    if (outer === 1 && inner === 1 && len >= BLOCKED_SUM_MIN) out[0] = this.#blockedSum(a);
    else if (axis === null || inner === 1) this.#k[`${this.#type}_sum_axis1`](outer, len, this.#ptr(a), out.byteOffset);
    else if (outer === 1) this.#k[`${this.#type}_sum_axis0`](len, inner, this.#ptr(a), out.byteOffset);
    else {
      this.#release(this.#storage.get(out)!);
      return super.reduce(op, a, axis, keepDims);
    }
    if (op === 'mean') for (let i = 0; i < out.length; i++) out[i] = out[i]! / len;
    return this.make(shape, out);
  }
}
