import { updateStepStates, type BinaryOp, type ReduceOp, type Tolerance, type UnaryOp, type UpdateStep } from '../backend.js';
import { BackendBase } from '../tracker.js';
import { shapeSize, type Backend, type Shape, type Tensor, type UpdateStepResult } from '../tensor.js';
import { binaryFn, unaryFn } from './elementwise.js';
import { addRowsInPlace, dropoutInto, softmaxLossInto } from './fused.js';
import { matMulInto } from './matmul.js';
import { updateStepInto, type Round } from './update-step.js';
import { broadcastStrides } from '../ops/validate.js';

type FloatArray = Float64Array | Float32Array;
type FloatArrayCtor = Float64ArrayConstructor | Float32ArrayConstructor;

/**
 * The reference backend: plain loops over typed arrays, readable before fast.
 * `new CpuBackend(64)` is `cpu64`, `new CpuBackend(32)` is `cpu32` — the same code over
 * `Float32Array`, which tells precision problems apart from GPU bugs.
 */
export class CpuBackend extends BackendBase implements Backend {
  readonly name: string;
  readonly tolerance: Tolerance;
  readonly #Array: FloatArrayCtor;
  /** Rounds an intermediate to this backend's dtype, where an unfused op would store it. */
  protected readonly round: Round;

  constructor(readonly floatBits: 64 | 32) {
    super();
    this.name = `cpu${floatBits}`;
    this.#Array = floatBits === 64 ? Float64Array : Float32Array;
    this.round = floatBits === 64 ? (x) => x : Math.fround;
    this.tolerance = floatBits === 64 ? { rtol: 1e-10, atol: 1e-12 } : { rtol: 1e-4, atol: 1e-5 };
  }

  data(t: Tensor): FloatArray {
    return t.handle as FloatArray;
  }

  /** Wraps an array this backend allocated (no copy). */
  wrap(values: FloatArray, shape: Shape): Tensor {
    return this.make(shape, values);
  }

  alloc(size: number): FloatArray {
    return new this.#Array(size);
  }

  fromArray(values: ArrayLike<number>, shape: Shape): Tensor {
    return this.make(shape, this.#Array.from(values));
  }

  /** Wraps `values` when it is this backend's array type (no copy); converts it otherwise. */
  adopt(values: FloatArray, shape: Shape): Tensor {
    return values instanceof this.#Array ? this.make(shape, values) : this.fromArray(values, shape);
  }

  read(t: Tensor): FloatArray {
    return this.data(t).slice();
  }

  readAsync(t: Tensor): Promise<FloatArray> {
    return Promise.resolve(this.read(t));
  }

  matMul(a: Tensor, b: Tensor, transposeA: boolean, transposeB: boolean): Tensor {
    const M = transposeA ? a.shape[1]! : a.shape[0]!;
    const K = transposeA ? a.shape[0]! : a.shape[1]!;
    const N = transposeB ? b.shape[0]! : b.shape[1]!;
    const out = this.alloc(M * N);
    matMulInto(out, this.data(a), this.data(b), M, K, N, transposeA, transposeB);
    return this.make([M, N], out);
  }

  binary(op: BinaryOp, a: Tensor, b: Tensor, outShape: Shape): Tensor {
    const f = binaryFn(op);
    const x = this.data(a);
    const y = this.data(b);
    const out = this.alloc(shapeSize(outShape));
    if (a.size === out.length && b.size === out.length) {
      for (let i = 0; i < out.length; i++) out[i] = f(x[i]!, y[i]!);
      return this.make(outShape, out);
    }
    const sa = broadcastStrides(a.shape, outShape);
    const sb = broadcastStrides(b.shape, outShape);
    const rank = outShape.length;
    const index = new Array<number>(rank).fill(0);
    let ia = 0;
    let ib = 0;
    for (let i = 0; i < out.length; i++) {
      out[i] = f(x[ia]!, y[ib]!);
      for (let d = rank - 1; d >= 0; d--) {
        index[d]!++;
        ia += sa[d]!;
        ib += sb[d]!;
        if (index[d]! < outShape[d]!) break;
        ia -= sa[d]! * outShape[d]!;
        ib -= sb[d]! * outShape[d]!;
        index[d] = 0;
      }
    }
    return this.make(outShape, out);
  }

  binaryScalar(op: BinaryOp, a: Tensor, s: number, scalarFirst: boolean): Tensor {
    const f = binaryFn(op);
    const x = this.data(a);
    const out = this.alloc(x.length);
    if (scalarFirst) for (let i = 0; i < x.length; i++) out[i] = f(s, x[i]!);
    else for (let i = 0; i < x.length; i++) out[i] = f(x[i]!, s);
    return this.make(a.shape, out);
  }

  unary(op: UnaryOp, a: Tensor): Tensor {
    const f = unaryFn(op);
    const x = this.data(a);
    const out = this.alloc(x.length);
    for (let i = 0; i < x.length; i++) out[i] = f(x[i]!);
    return this.make(a.shape, out);
  }

  reduce(op: ReduceOp, a: Tensor, axis: number | null, keepDims: boolean): Tensor {
    const x = this.data(a);
    const [outer, len, inner] = axis === null ? [1, a.size, 1] : this.#split(a.shape, axis);
    const out = this.alloc(outer * inner);
    for (let o = 0; o < outer; o++) {
      for (let i = 0; i < inner; i++) {
        const base = o * len * inner + i;
        let acc = op === 'max' ? -Infinity : op === 'min' ? Infinity : 0;
        for (let k = 0; k < len; k++) {
          const v = x[base + k * inner]!;
          if (op === 'max') acc = v > acc || Number.isNaN(v) ? v : acc;
          else if (op === 'min') acc = v < acc || Number.isNaN(v) ? v : acc;
          else acc += v;
        }
        out[o * inner + i] = op === 'mean' ? acc / len : acc;
      }
    }
    return this.make(reducedShape(a.shape, axis, keepDims), out);
  }

  argMax(a: Tensor, axis: number): Tensor {
    const x = this.data(a);
    const [outer, len, inner] = this.#split(a.shape, axis);
    const out = this.alloc(outer * inner);
    for (let o = 0; o < outer; o++) {
      for (let i = 0; i < inner; i++) {
        const base = o * len * inner + i;
        let best = 0;
        for (let k = 1; k < len; k++) if (x[base + k * inner]! > x[base + best * inner]!) best = k;
        out[o * inner + i] = best;
      }
    }
    return this.make(reducedShape(a.shape, axis, false), out);
  }

  reshape(a: Tensor, shape: Shape): Tensor {
    return this.make(shape, this.data(a));
  }

  transpose(a: Tensor): Tensor {
    const [R, C] = a.shape as [number, number];
    const x = this.data(a);
    const out = this.alloc(R * C);
    for (let r = 0; r < R; r++) for (let c = 0; c < C; c++) out[c * R + r] = x[r * C + c]!;
    return this.make([C, R], out);
  }

  gatherRows(a: Tensor, indices: ArrayLike<number>): Tensor {
    const row = a.size / a.shape[0]!;
    const x = this.data(a);
    const out = this.alloc(indices.length * row);
    for (let i = 0; i < indices.length; i++) {
      const start = indices[i]! * row;
      out.set(x.subarray(start, start + row), i * row);
    }
    return this.make([indices.length, ...a.shape.slice(1)], out);
  }

  sliceRows(a: Tensor, start: number, end: number): Tensor {
    const row = a.size / a.shape[0]!;
    return this.make([end - start, ...a.shape.slice(1)], this.data(a).slice(start * row, end * row));
  }

  fill(shape: Shape, value: number): Tensor {
    return this.make(shape, this.allocUninitialized(shapeSize(shape)).fill(value));
  }

  /** Storage for `size` elements whose contents the caller overwrites (zeros here; undefined on wasm). */
  protected allocUninitialized(size: number): FloatArray {
    return this.alloc(size);
  }

  affine(x: Tensor, w: Tensor, b: Tensor): Tensor {
    const out = this.matMul(x, w, false, false);
    addRowsInPlace(this.data(out), this.data(b));
    return out;
  }

  updateStep(step: UpdateStep, w: Tensor, dw: Tensor, state: readonly (Tensor | null)[]): UpdateStepResult {
    const count = updateStepStates[step.rule];
    const outW = this.allocUninitialized(w.size);
    const outState = Array.from({ length: count }, () => this.allocUninitialized(w.size));
    const inState = Array.from({ length: count }, (_, k) => (state[k] ? this.data(state[k]) : null));
    updateStepInto(step, this.round, this.data(w), this.data(dw), inState, outW, outState);
    return { w: this.make(w.shape, outW), state: outState.map((a) => this.make(w.shape, a)) };
  }

  dropout(x: Tensor, u: ArrayLike<number>, p: number, relu: boolean): { out: Tensor; mask: Tensor } {
    const out = this.allocUninitialized(x.size);
    const mask = this.allocUninitialized(x.size);
    dropoutInto(this.data(x), u, p, relu, out, mask);
    return { out: this.make(x.shape, out), mask: this.make(x.shape, mask) };
  }

  softmaxLoss(x: Tensor, labels: ArrayLike<number>): { lossSum: Tensor; dx: Tensor } {
    const [N, C] = x.shape as [number, number];
    const dx = this.allocUninitialized(x.size);
    const scratch = this.allocUninitialized(x.size);
    const loss = softmaxLossInto(this.data(x), labels, N, C, this.round, dx, scratch);
    this.release(scratch);
    return { lossSum: this.fromArray([loss], []), dx: this.make(x.shape, dx) };
  }

  /** Returns scratch memory from {@link alloc} that never became a tensor (no-op: the collector owns it). */
  protected release(_scratch: FloatArray): void {}

  /** [product of axes before, length of axis, product of axes after]. */
  #split(shape: Shape, axis: number): [number, number, number] {
    return [shapeSize(shape.slice(0, axis)), shape[axis]!, shapeSize(shape.slice(axis + 1))];
  }
}

/** Shape after reducing `axis` (null: every axis). */
export function reducedShape(shape: Shape, axis: number | null, keepDims: boolean): number[] {
  if (axis === null) return keepDims ? shape.map(() => 1) : [];
  return keepDims ? shape.map((d, i) => (i === axis ? 1 : d)) : shape.filter((_, i) => i !== axis);
}
