import type { GPU } from 'gpu.js';
import type { BinaryOp, ReduceOp, Tolerance, UnaryOp, UpdateStep } from '../backend.js';
import { reducedShape } from '../cpu/cpu-backend.js';
import { formatShape, shapeSize, type Backend, type Shape, type Tensor, type UpdateStepResult } from '../tensor.js';
import { BackendBase } from '../tracker.js';
import { collapseBroadcast } from './broadcast.js';
import { KernelCache, type GpujsStats, type KernelSpec } from './kernel-cache.js';
import { argMax } from './kernels/arg-max.js';
import { binaryBroadcast, binaryHelpers, binarySameShape } from './kernels/binary.js';
import { binaryScalarLeft, binaryScalarRight } from './kernels/binary-scalar.js';
import { plainDropout, reluDropout } from './kernels/dropout.js';
import { gatherRows } from './kernels/gather-rows.js';
import { matMulUnroll4, matMulUnroll4Bias, matMulVec4, matMulVec4Bias, unpackVec4 } from './kernels/matmul.js';
import { reduce, reduceChunk, reduceHelpers } from './kernels/reduce.js';
import { sliceRows } from './kernels/slice-rows.js';
import { softmaxGrad, softmaxRowStats } from './kernels/softmax-loss.js';
import { transpose } from './kernels/transpose.js';
import { unary, unaryHelpers } from './kernels/unary.js';
import { updateKernels } from './kernels/update-step.js';
import { upload } from './kernels/upload.js';
import type { GpujsModeChoice } from './modes.js';
import { flattenHost, readValue, readValueSync, Storage, unpackVec4Host, type DeviceHandle, type StorageValue } from './storage.js';

type Finish = (raw: unknown) => StorageValue | Promise<StorageValue>;

/** Longest stretch one thread folds in a reduction (GL drivers cap loop lengths near 65536). */
const REDUCE_CHUNK = 1024;

/**
 * The gpu.js backend: every primitive is a gpu.js kernel (see `kernels/`), built once per op
 * and shape. Tensors stay where gpu.js computed them — textures on GL, buffers on WebGPU,
 * Float32Arrays on webasm/cpu — until read. In the async modes (threaded webasm, webgpu)
 * ops return at once and their values arrive later: read them with `readAsync`.
 * @example
 *   const gpu = await loadBackend('gpujs:webasm');
 *   matMul(fromArray([1, 2], [1, 2], gpu), fromArray([3, 4], [2, 1], gpu)).read(); // [11]
 */
export class GpujsBackend extends BackendBase implements Backend {
  readonly name: string;
  readonly floatBits = 32 as const;
  readonly tolerance: Tolerance = { rtol: 1e-4, atol: 1e-5 };
  override readonly syncRead: boolean;
  readonly #kernels: KernelCache;
  #storages = 0;
  #forced = 0;
  readonly #inFlight = new Set<Promise<void>>();

  constructor(
    /** The mode that runs: gpu.js kernel class, sync or async, device or host memory. */
    readonly mode: GpujsModeChoice,
    private readonly gpu: GPU,
  ) {
    super();
    this.name = `gpujs:${mode.name}`;
    this.syncRead = !mode.async;
    this.#kernels = new KernelCache(gpu, mode, this.name);
  }

  /** Kernel compilations, runs and their times (compile time apart from run time). */
  stats(): GpujsStats {
    return { ...this.#kernels.stats(), forcedSyncReads: this.#forced };
  }

  /** The gpu.js kernel classes that ran this backend's kernels; one class, matching the mode. */
  kernelClasses(): string[] {
    return this.#kernels.kernelClasses();
  }

  /** Storages (textures, buffers or arrays) currently held; a leak-free step leaves it unchanged. */
  storageCount(): number {
    return this.#storages;
  }

  /**
   * Resolves once every value launched so far has arrived (at once in the sync modes), so
   * `read()` works again; the awaitable end of a training step in the async modes.
   */
  async flush(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.all(this.#inFlight);
  }

  /** Destroys every kernel and the gpu.js instance; the backend is unusable afterwards. */
  destroy(): void {
    this.#kernels.destroy();
    this.gpu.destroy();
  }

  #storage(t: Tensor): Storage {
    return t.handle as Storage;
  }

  #free = (s: Storage): void => {
    const v = s.value;
    if (v && !(v instanceof Float32Array)) v.delete();
    s.value = null;
    this.#storages--;
  };

  #store(value: StorageValue | Promise<StorageValue>, recipe: (() => StorageValue) | null = null): Storage {
    this.#storages++;
    if (!(value instanceof Promise)) return new Storage(value, this.#free);
    const s = Storage.later(value, this.#free, recipe);
    const pending = s.pending!;
    this.#inFlight.add(pending);
    void pending.then(() => this.#inFlight.delete(pending));
    return s;
  }

  protected override free(handle: unknown): void {
    (handle as Storage).release();
  }

  /** Runs one kernel over the inputs' storages once they are ready, returning the output storage. */
  #launch(op: string, key: string, spec: () => KernelSpec, inputs: Storage[], extra: unknown[], finish: Finish): Storage {
    const entry = this.#kernels.get(op, key, spec);
    if (!entry.async && inputs.every((s) => s.settled)) {
      return this.#store(finish(this.#kernels.runSync(entry, [...inputs.map((s) => s.get()), ...extra])));
    }
    const work = (async () => {
      await Promise.all(inputs.map((s) => s.pending));
      const args = [...inputs.map((s) => s.get()), ...extra];
      return finish(entry.async ? await this.#kernels.runAsync(entry, args) : this.#kernels.runSync(entry, args));
    })();
    for (const s of inputs) s.use(work);
    // Threaded webasm also keeps the single-threaded SIMD path at hand, so read() can still answer.
    const recipe = this.mode.kernelMode !== 'webasm' ? null : (): StorageValue => {
      this.#forced++;
      const v = finish(this.#kernels.runSync(this.#kernels.get(op, key, spec, true), [...inputs.map((s) => s.force()), ...extra]));
      return v as StorageValue;
    };
    return this.#store(work, recipe);
  }

  /** Flat 1-D kernel over `size` cells whose result needs no reshaping. */
  #elementwise(op: string, key: string, spec: () => KernelSpec, inputs: Tensor[], extra: unknown[], shape: Shape): Tensor {
    const size = shapeSize(shape);
    if (size === 0) return this.make(shape, this.#store(new Float32Array(0)));
    const finish: Finish = (raw) => (this.mode.device ? (raw as DeviceHandle) : flattenHost(raw, size));
    return this.make(shape, this.#launch(op, key, spec, inputs.map((t) => this.#storage(t)), extra, finish));
  }

  fromArray(values: ArrayLike<number>, shape: Shape): Tensor {
    return this.#upload(Float32Array.from(values), shape);
  }

  /** Uploads `values` (device modes) or keeps a float32 array as the host copy without copying it. */
  adopt(values: Float64Array | Float32Array, shape: Shape): Tensor {
    return this.#upload(values instanceof Float32Array ? values : Float32Array.from(values), shape);
  }

  #upload(host: Float32Array, shape: Shape): Tensor {
    if (!this.mode.device || host.length === 0) return this.make(shape, this.#store(host));
    const spec = (): KernelSpec => ({ body: upload, output: [host.length] });
    return this.make(shape, this.#launch('upload', `${host.length}`, spec, [], [host], (raw) => raw as DeviceHandle));
  }

  read(t: Tensor): Float32Array {
    const s = this.#storage(t);
    if (this.mode.kernelMode === 'webgpu') {
      throw new Error(`read: ${this.name} reads GPU buffers only asynchronously (WebGPU has no synchronous readback); use \`await t.readAsync()\``);
    }
    if (!s.settled && s.recipe === null) {
      throw new Error(
        `read: the tensor ${formatShape(t.shape)} is still being computed by ${this.name}, which answers asynchronously; ` +
          'use `await t.readAsync()` (or `await backend.flush()` before reading)',
      );
    }
    return readValueSync(s.force(), t.size);
  }

  async readAsync(t: Tensor): Promise<Float32Array> {
    const s = this.#storage(t);
    await s.pending;
    return readValue(s.get(), t.size);
  }

  matMul(a: Tensor, b: Tensor, transposeA: boolean, transposeB: boolean): Tensor {
    return this.#matMul(a, b, transposeA, transposeB, null);
  }

  /** The product, with `bias` (`[N]`, or null) added in the same kernel as each cell is written. */
  #matMul(a: Tensor, b: Tensor, transposeA: boolean, transposeB: boolean, bias: Tensor | null): Tensor {
    const M = transposeA ? a.shape[1]! : a.shape[0]!;
    const K = transposeA ? a.shape[0]! : a.shape[1]!;
    const N = transposeB ? b.shape[0]! : b.shape[1]!;
    if (M * N === 0 || K === 0) {
      const zeros = this.fromArray(new Float32Array(M * N), [M, N]);
      return bias ? this.tidy(() => this.binary('add', zeros, bias, [M, N])) : zeros;
    }
    const strides = { K, aRow: transposeA ? 1 : K, aCol: transposeA ? M : 1, bRow: transposeB ? 1 : N, bCol: transposeB ? K : 1 };
    const op = bias ? 'affine' : 'matMul';
    const key = `${M}x${K}x${N}${transposeA ? ' aT' : ''}${transposeB ? ' bT' : ''}`;
    const inputs = [a, b, ...(bias ? [bias] : [])].map((t) => this.#storage(t));
    // gpu.js's WebGPU backend cannot pass an Array(4) result to another kernel, so webgpu takes
    // the one-cell-per-thread form too; its result is read flat like any 1-D buffer.
    if (this.mode.kernelMode === 'webasm' || this.mode.kernelMode === 'webgpu') {
      const body = bias ? matMulUnroll4Bias : matMulUnroll4;
      const spec = (): KernelSpec => ({ body, output: [N, M], constants: { ...strides, K4: K - (K % 4) }, loop: K });
      const finish: Finish = this.mode.device ? (raw) => raw as DeviceHandle : (raw) => flattenHost(raw, M * N);
      return this.make([M, N], this.#launch(op, key, spec, inputs, [], finish));
    }
    const spec = (): KernelSpec => ({
      body: bias ? matMulVec4Bias : matMulVec4, output: [Math.ceil(N / 4), M], constants: { ...strides, N }, returnType: 'Array(4)', loop: K,
    });
    const finish: Finish = this.mode.device ? (raw) => this.#unpack(raw as DeviceHandle, M, N) : (raw) => unpackVec4Host(raw, M, N);
    return this.make([M, N], this.#launch(op, key, spec, inputs, [], finish));
  }

  /** Turns the vec4 matMul's packed texture into a flat one on the device, then frees the packed one. */
  #unpack(packed: DeviceHandle, M: number, N: number): StorageValue | Promise<StorageValue> {
    const spec = (): KernelSpec => ({ body: unpackVec4, output: [M * N], constants: { N } });
    const entry = this.#kernels.get('matMul.unpack', `${M}x${N}`, spec);
    if (!entry.async) {
      const flat = this.#kernels.runSync(entry, [packed]) as DeviceHandle;
      packed.delete();
      return flat;
    }
    return this.#kernels.runAsync(entry, [packed]).then((flat) => {
      packed.delete();
      return flat as DeviceHandle;
    });
  }

  binary(op: BinaryOp, a: Tensor, b: Tensor, outShape: Shape): Tensor {
    const size = shapeSize(outShape);
    const helper = binaryHelpers[op];
    if (a.size === size && b.size === size) {
      return this.#elementwise(op, `${size}`, () => ({ body: binarySameShape, output: [size], helper }), [a, b], [], outShape);
    }
    const c = collapseBroadcast(a.shape, b.shape, outShape);
    const spec = (): KernelSpec => ({ body: binaryBroadcast, output: [size], constants: { ...c }, helper });
    return this.#elementwise(op, Object.values(c).join(','), spec, [a, b], [], outShape);
  }

  binaryScalar(op: BinaryOp, a: Tensor, s: number, scalarFirst: boolean): Tensor {
    const body = scalarFirst ? binaryScalarLeft : binaryScalarRight;
    const spec = (): KernelSpec => ({ body, output: [a.size], helper: binaryHelpers[op] });
    return this.#elementwise(`${op}.scalar${scalarFirst ? 'Left' : 'Right'}`, `${a.size}`, spec, [a], [s], a.shape);
  }

  unary(op: UnaryOp, a: Tensor): Tensor {
    const spec = (): KernelSpec => ({ body: unary, output: [a.size], helper: unaryHelpers[op] });
    return this.#elementwise(op, `${a.size}`, spec, [a], [], a.shape);
  }

  reduce(op: ReduceOp, a: Tensor, axis: number | null, keepDims: boolean): Tensor {
    const [outer, len, inner] = this.#split(a.shape, axis);
    const shape = reducedShape(a.shape, axis, keepDims);
    if (len === 0 || outer * inner === 0) return this.fromArray(new Float32Array(outer * inner), shape);
    return this.make(shape, this.#reduce(op, this.#storage(a), outer, len, inner, op === 'mean' ? 1 / len : 1, false));
  }

  /**
   * Folds `[outer, len, inner]` over len; long axes go through chunked partial reductions first.
   * `cells` is the input's size when it holds more than the folded view (softmaxLoss folds the
   * first N of its 3N statistics): GL bakes an argument's texture size into the shader, so a
   * kernel must never be reused for an input of another size, and the key says which it was built for.
   */
  #reduce(op: ReduceOp, input: Storage, outer: number, len: number, inner: number, scale: number, owned: boolean, cells = outer * len * inner): Storage {
    const helper = reduceHelpers[op];
    const sized = cells === outer * len * inner ? '' : ` of ${cells}`;
    const host: Finish = (raw) => (this.mode.device ? (raw as DeviceHandle) : flattenHost(raw, outer * inner));
    let out: Storage;
    if (len <= REDUCE_CHUNK) {
      const constants = { len, inner, scale };
      const spec = (): KernelSpec => ({ body: reduce, output: [outer * inner], constants, helper, loop: len });
      out = this.#launch(`reduce.${op}`, `${outer}x${len}x${inner}*${scale}${sized}`, spec, [input], [], host);
    } else {
      const chunks = Math.ceil(len / REDUCE_CHUNK);
      const constants = { len, inner, chunks, chunk: REDUCE_CHUNK };
      const size = outer * chunks * inner;
      const spec = (): KernelSpec => ({ body: reduceChunk, output: [size], constants, helper, loop: REDUCE_CHUNK });
      const partialFinish: Finish = (raw) => (this.mode.device ? (raw as DeviceHandle) : flattenHost(raw, size));
      const partial = this.#launch(`reduce.${op}.chunks`, `${outer}x${len}x${inner}${sized}`, spec, [input], [], partialFinish);
      out = this.#reduce(op === 'mean' ? 'sum' : op, partial, outer, chunks, inner, scale, true);
    }
    if (owned) input.release();
    return out;
  }

  argMax(a: Tensor, axis: number): Tensor {
    const [outer, len, inner] = this.#split(a.shape, axis);
    const spec = (): KernelSpec => ({ body: argMax, output: [outer * inner], constants: { len, inner }, loop: len });
    return this.#elementwise('argMax', `${outer}x${len}x${inner}`, spec, [a], [], reducedShape(a.shape, axis, false));
  }

  reshape(a: Tensor, shape: Shape): Tensor {
    return this.make(shape, this.#storage(a).retain());
  }

  transpose(a: Tensor): Tensor {
    const [rows, cols] = a.shape as [number, number];
    const spec = (): KernelSpec => ({ body: transpose, output: [rows * cols], constants: { rows, cols } });
    return this.#elementwise('transpose', `${rows}x${cols}`, spec, [a], [], [cols, rows]);
  }

  gatherRows(a: Tensor, indices: ArrayLike<number>): Tensor {
    const row = a.size / a.shape[0]!;
    const shape = [indices.length, ...a.shape.slice(1)];
    const spec = (): KernelSpec => ({ body: gatherRows, output: [indices.length * row], constants: { row } });
    return this.#elementwise('gatherRows', `${a.shape[0]}x${row}x${indices.length}`, spec, [a], [Float32Array.from(indices)], shape);
  }

  sliceRows(a: Tensor, start: number, end: number): Tensor {
    const row = a.size / a.shape[0]!;
    const shape = [end - start, ...a.shape.slice(1)];
    const spec = (): KernelSpec => ({ body: sliceRows, output: [(end - start) * row] });
    return this.#elementwise('sliceRows', `${a.size}->${(end - start) * row}`, spec, [a], [start * row], shape);
  }

  // The fused seam methods: each output is one kernel over all of its inputs (kernels/update-step.ts,
  // dropout.ts, softmax-loss.ts; the bias rides in the matMul kernel), so a step launches a few
  // kernels where composing the primitives launched one per elementwise op.
  fill(shape: Shape, value: number): Tensor {
    return this.fromArray(new Float32Array(shapeSize(shape)).fill(value), shape);
  }

  /** One launch on webasm and webgpu; GL and cpu add the vec4 unpacking (device) or unpack on the host. */
  affine(x: Tensor, w: Tensor, b: Tensor): Tensor {
    return this.#matMul(x, w, false, false, b);
  }

  /** One kernel per output (sgd 1, sgdMomentum and rmsprop 2, adam 3), each reading its inputs once. */
  updateStep(step: UpdateStep, w: Tensor, dw: Tensor, state: readonly (Tensor | null)[]): UpdateStepResult {
    const has = [0, 1].map((k) => state[k] != null);
    const tensors = [w, dw, state[0], state[1]];
    const flags = has.map((h) => (h ? 's' : '0')).join('');
    const outs = updateKernels(step, has).map((k) => {
      const op = `updateStep.${step.rule}.${k.output === 'w' ? 'w' : `state${k.output}`}`;
      const spec = (): KernelSpec => ({ body: k.body, output: [w.size] });
      return this.#elementwise(op, `${w.size}|${flags}`, spec, k.inputs.map((i) => tensors[i]!), k.scalars, w.shape);
    });
    return { w: outs[0]!, state: outs.slice(1) };
  }

  /** The mask is built on the host (it holds the uniforms) and uploaded; one kernel applies ReLU and the mask. */
  dropout(x: Tensor, u: ArrayLike<number>, p: number, relu: boolean): { out: Tensor; mask: Tensor } {
    const scale = 1 / p;
    const values = new Float32Array(u.length);
    for (let i = 0; i < u.length; i++) values[i] = u[i]! < p ? scale : 0;
    const mask = this.fromArray(values, x.shape);
    const spec = (): KernelSpec => ({ body: relu ? reluDropout : plainDropout, output: [x.size] });
    const out = this.#elementwise(relu ? 'dropout.relu' : 'dropout', `${x.size}`, spec, [x, mask], [], x.shape);
    return { out, mask };
  }

  /**
   * Three launches for up to 1024 rows: the per-row statistics (`[3N]`: log-probability of the
   * label, max, log-sum-exp), the gradient from them, and the loss as the negated sum of the first N.
   */
  softmaxLoss(x: Tensor, labels: ArrayLike<number>): { lossSum: Tensor; dx: Tensor } {
    const [N, C] = x.shape as [number, number];
    if (N === 0) return { lossSum: this.fromArray([0], []), dx: this.fromArray(new Float32Array(0), x.shape) };
    const y = Float32Array.from(labels);
    const constants = { N, C };
    const statsSpec = (): KernelSpec => ({ body: softmaxRowStats, output: [3 * N], constants, loop: C });
    const host: Finish = (raw) => (this.mode.device ? (raw as DeviceHandle) : flattenHost(raw, 3 * N));
    const stats = this.#launch('softmaxLoss.rows', `${N}x${C}`, statsSpec, [this.#storage(x)], [y], host);
    const gradSpec = (): KernelSpec => ({ body: softmaxGrad, output: [N * C], constants });
    const gradFinish: Finish = (raw) => (this.mode.device ? (raw as DeviceHandle) : flattenHost(raw, N * C));
    const dx = this.make(x.shape, this.#launch('softmaxLoss.dx', `${N}x${C}`, gradSpec, [this.#storage(x), stats], [y], gradFinish));
    // The reduction reads the first N cells (the label log-probabilities) and releases the stats.
    const lossSum = this.make([], this.#reduce('sum', stats, 1, N, 1, -1, true, 3 * N));
    return { lossSum, dx };
  }

  /** [product of axes before, length of axis, product of axes after]; axis null means all. */
  #split(shape: Shape, axis: number | null): [number, number, number] {
    if (axis === null) return [1, shapeSize(shape), 1];
    return [shapeSize(shape.slice(0, axis)), shape[axis]!, shapeSize(shape.slice(axis + 1))];
  }
}
