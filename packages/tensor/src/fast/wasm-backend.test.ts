import { describe, expect, it } from 'vitest';
import { getBackend, loadBackend } from '../registry.js';
import { createRng } from '../rng/seedrandom-rng.js';
import { abs, add, div, greater, less, maximum, mul, sqrt, sub } from '../ops/elementwise.js';
import { matMul } from '../ops/linalg.js';
import { mean, sum } from '../ops/reduce.js';
import { reshape, sliceRows, transpose } from '../ops/shape.js';
import { randn } from '../ops/random.js';
import { updateStep } from '../ops/fused.js';
import { fromArray } from '../ops/creation.js';
import { expectClose, expectNoLeaks } from '../testing/index.js';
import { tidy } from '../tracker.js';
import type { Tensor } from '../tensor.js';
import type { WasmBackend } from './wasm-backend.js';
import { parseRuntimeOptions } from './index.js';
import { chooseSharing } from './runtime.js';

const cpu64 = getBackend('cpu64');
// Products above 4 MFLOP are split over threads; the shapes below cover both paths, every
// transpose, and sizes that are not multiples of the register tile (6×8 float32, 6×4 float64).
// N % 8 of 4 (and N % 4 of 2) take the narrow last-panel kernels, other remainders the edge path; M % 6 ≠ 0 the packed last rows.
const shapes: Array<[number, number, number]> = [[1, 1, 1], [3, 5, 7], [37, 29, 23], [100, 300, 70], [130, 64, 260], [9, 600, 13], [51, 40, 28], [30, 20, 500]];
// Elementwise ops on 2^18 elements or more are split across threads too.
const big = [600, 500];

for (const name of ['wasm32', 'wasm64', 'wasm32:threads=1,fma=off', 'wasm64:threads=3', 'wasm32:shared=off,memory=64']) {
  describe(`fast backend ${name}`, async () => {
    const backend = (await loadBackend(name)) as WasmBackend;

    it('multiplies like cpu64 for every transpose and awkward shape', () => {
      const rng = createRng(231);
      for (const [M, K, N] of shapes) {
        for (const [ta, tb] of [[false, false], [true, false], [false, true], [true, true]] as const) {
          const a = randn(rng, ta ? [K, M] : [M, K], cpu64);
          const b = randn(rng, tb ? [N, K] : [K, N], cpu64);
          const expected = matMul(a, b, { transposeA: ta, transposeB: tb });
          const actual = matMul(fromArray(a.read(), a.shape, backend), fromArray(b.read(), b.shape, backend), { transposeA: ta, transposeB: tb });
          expect(actual.shape).toEqual([M, N]);
          // Sums of K products: the error grows like sqrt(K) float roundings.
          expectClose(actual, expected, backend, Math.sqrt(K) * 10);
        }
      }
    });

    it('reads a row-major A in place with the same sums as a packed (transposed) A: bit-identical', () => {
      // matMul(a, b) reads A's rows in place; matMul(aᵀ, b, transposeA) packs A first. Same order of
      // multiply-adds, so the same bits — over tile remainders (M % 6, N % 8) and two k blocks (K > 384).
      const rng = createRng(5);
      for (const [M, K, N] of [[100, 500, 70], [7, 3072, 25], [130, 64, 260], [100, 400, 500], [12, 390, 28]] as const) {
        const a = randn(rng, [M, K], cpu64);
        const b = fromArray(randn(rng, [K, N], cpu64).read(), [K, N], backend);
        const inPlace = matMul(fromArray(a.read(), [M, K], backend), b);
        const packed = matMul(fromArray(transpose(a).read(), [K, M], backend), b, { transposeA: true });
        const bytes = (t: Tensor) => { const v = t.read() as Float32Array | Float64Array; return Buffer.from(v.buffer, v.byteOffset, v.byteLength); };
        expect(bytes(inPlace).equals(bytes(packed)), `${M}×${K}×${N}`).toBe(true);
      }
    });

    it('returns zeros for an empty inner dimension', () => {
      expectClose(matMul(fromArray([], [2, 0], backend), fromArray([], [0, 3], backend)), [0, 0, 0, 0, 0, 0], backend);
    });

    it('broadcasts rows, columns and scalars on either side like cpu64', () => {
      const rng = createRng(7);
      const x = randn(rng, [5, 11], cpu64);
      const row = randn(rng, [11], cpu64);
      const col = randn(rng, [5, 1], cpu64);
      const on = (t: typeof x) => fromArray(t.read(), t.shape, backend);
      for (const op of [add, sub, mul, div, maximum, less, greater]) {
        expectClose(op(on(x), on(row)), op(x, row), backend);
        expectClose(op(on(row), on(x)), op(row, x), backend);
        expectClose(op(on(x), on(col)), op(x, col), backend);
        expectClose(op(on(col), on(x)), op(col, x), backend);
        expectClose(op(on(x), 0.25), op(x, 0.25), backend);
        expectClose(op(0.25, on(x)), op(0.25, x), backend);
        expectClose(op(on(x), on(x)), op(x, x), backend);
      }
    });

    it('splits large elementwise ops across threads with the same results', () => {
      const rng = createRng(11);
      const x = randn(rng, big, cpu64);
      const row = randn(rng, [big[1]!], cpu64);
      const col = randn(rng, [big[0]!, 1], cpu64);
      const on = (t: typeof x) => fromArray(t.read(), t.shape, backend);
      const [X, R, C] = [on(x), on(row), on(col)];
      expectClose(sub(X, R), sub(x, row), backend);
      expectClose(div(X, C), div(x, col), backend);
      expectClose(mul(0.5, X), mul(0.5, x), backend);
      expectClose(maximum(X, X), maximum(x, x), backend);
      expectClose(sqrt(abs(X)), sqrt(abs(x)), backend);
      for (const t of [X, R, C]) t.dispose();
    });

    it('sums along each axis and overall like cpu64', () => {
      const x = randn(createRng(3), [7, 13, 5], cpu64);
      const y = fromArray(x.read(), x.shape, backend);
      for (const axis of [null, 0, 1, 2]) {
        expectClose(sum(y, { axis }), sum(x, { axis }), backend, 10);
        expectClose(mean(y, { axis, keepDims: true }), mean(x, { axis, keepDims: true }), backend, 10);
      }
    });

    it('shares storage between reshapes and frees it after the last one', () => {
      const heapBefore = backend.info.heapBytes;
      expectNoLeaks(backend, () => {
        const x = fromArray([1, 2, 3, 4, 5, 6], [2, 3], backend);
        const y = reshape(x, [3, 2]);
        x.dispose();
        expectClose(y, [1, 2, 3, 4, 5, 6], backend);
        const rows = sliceRows(y, 1, 3);
        expectClose(rows, [3, 4, 5, 6], backend);
        rows.dispose();
        y.dispose();
      });
      expect(backend.info.heapBytes).toBe(heapBefore);
    });

    it('writes a donated update step over the old weights and state: no new heap block, same values', () => {
      const rng = createRng(4);
      const [w, dw, m, v] = [0, 1, 2, 3].map((k) => tidy(() => (k === 3 ? mul(randn(rng, big, backend), randn(rng, big, backend)) : randn(rng, big, backend))));
      const vAbs = tidy(() => abs(v!));
      v!.dispose();
      const step = { rule: 'adam', learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, t: 2 } as const;
      const kept = updateStep(step, w!, dw!, [m!, vAbs]);
      const inUse = backend.info.heapBytes;
      const pointer = (t: Tensor) => (backend.data(t) as Float32Array).byteOffset;
      const before = [w!, m!, vAbs].map(pointer);
      const donated = updateStep(step, w!, dw!, [m!, vAbs], { donate: true });
      expect(backend.info.heapBytes).toBe(inUse);
      expect([donated.w, ...donated.state].map(pointer)).toEqual(before);
      expect(Array.from(donated.w.read())).toEqual(Array.from(kept.w.read()));
      expect(Array.from(donated.state[1]!.read())).toEqual(Array.from(kept.state[1]!.read()));
      for (const t of [dw!, kept.w, ...kept.state, donated.w, ...donated.state]) t.dispose();
    });

    it('slices rows as views of the block (no copy), which outlive the tensor and are never written by a donated step', () => {
      const heapBefore = backend.info.heapBytes;
      expectNoLeaks(backend, () => {
        const x = fromArray([1, 2, 3, 4, 5, 6, 7, 8], [4, 2], backend);
        const inUse = backend.info.heapBytes;
        const rows = sliceRows(x, 1, 3);
        const inner = sliceRows(rows, 1, 2);
        expect(backend.info.heapBytes).toBe(inUse); // views: no new block
        expectClose(inner, [5, 6], backend);
        // Donating a slice must not write over the other rows of its block.
        const ones = fromArray([1, 1], [1, 2], backend);
        const { w } = updateStep({ rule: 'sgd', learningRate: 1 }, inner, ones, [], { donate: true });
        expectClose(w, [4, 5], backend);
        expectClose(x, [1, 2, 3, 4, 5, 6, 7, 8], backend);
        x.dispose();
        expectClose(rows, [3, 4, 5, 6], backend);
        expect(backend.info.heapBytes).toBeGreaterThanOrEqual(inUse); // the block lives while a slice does
        for (const t of [rows, w, ones]) t.dispose();
      });
      expect(backend.info.heapBytes).toBe(heapBefore);
    });

    it('packs a B used by several large products once, with the same bits, and frees the copy with B', () => {
      const rng = createRng(12);
      const bits = (t: Tensor) => Array.from(t.read());
      // K > 384 (two depth blocks), N % 8 ≠ 0 (a padded last panel); 100 rows split by columns, 900 by rows.
      for (const [K, N, transposeB] of [[500, 203, false], [400, 182, true]] as const) {
        const heapBefore = backend.info.heapBytes;
        const b = fromArray(randn(rng, transposeB ? [N, K] : [K, N], cpu64).read(), transposeB ? [N, K] : [K, N], backend);
        const as = [100, 900, 100].map((M) => fromArray(randn(rng, [M, K], cpu64).read(), [M, K], backend));
        const base = backend.info.heapBytes;
        const first = matMul(as[0]!, b, { transposeB }); // packs B block by block, as usual
        const later = as.map((a) => matMul(a, b, { transposeB })); // B packed whole once, then read
        // Each against a product with a fresh copy of B (its first use: packed block by block).
        for (const [i, t] of later.entries()) {
          const fresh = fromArray(b.read(), b.shape, backend);
          const want = matMul(as[i]!, fresh, { transposeB });
          expect(bits(t), `${K}×${N} product ${i}`).toEqual(bits(want));
          want.dispose();
          fresh.dispose();
        }
        expect(bits(later[0]!)).toEqual(bits(first));
        for (const t of [first, ...later]) t.dispose();
        // What is left is the packed copy of B: K rows of N rounded up to the tile width.
        const copy = backend.info.heapBytes - base;
        expect(copy).toBeGreaterThanOrEqual(K * N * (backend.floatBits / 8));
        expect(copy).toBeLessThan(K * (N + 8) * (backend.floatBits / 8) + 256);
        b.dispose();
        for (const a of as) a.dispose();
        expect(backend.info.heapBytes).toBe(heapBefore);
      }
    });

    it('frees the packed copy of a B when B is next used the other way round (transposed)', () => {
      const rng = createRng(13);
      const b = fromArray(randn(rng, [300, 300], cpu64).read(), [300, 300], backend);
      const a = fromArray(randn(rng, [60, 300], cpu64).read(), [60, 300], backend);
      const product = (transposeB: boolean) => matMul(a, b, { transposeB }).dispose();
      const base = backend.info.heapBytes;
      product(false);
      product(false); // packs B whole
      expect(backend.info.heapBytes).toBeGreaterThan(base);
      product(true); // the copy for B as it is no longer serves
      expect(backend.info.heapBytes).toBe(base);
      a.dispose();
      b.dispose();
    });

    it('reuses freed blocks instead of growing the heap in a training-like loop', () => {
      const w = randn(createRng(1), [300, 200], backend);
      const step = () => tidy(() => sum(maximum(matMul(randn(createRng(2), [50, 300], backend), w), 0)).item());
      step();
      const reserved = backend.info.heapBytes;
      for (let i = 0; i < 5; i++) step();
      expect(backend.info.heapBytes).toBe(reserved);
      w.dispose();
    });
  });
}

describe('fast backend options', () => {
  it('parses threads, fma and memory, and names the fix for a bad option', () => {
    expect(parseRuntimeOptions('threads=2,fma=off')).toEqual({ threads: 2, fma: 'off' });
    expect(parseRuntimeOptions(undefined)).toEqual({});
    expect(() => parseRuntimeOptions('threads=0')).toThrow(/bad option 'threads=0'; use threads=N/);
    expect(() => parseRuntimeOptions('simd=yes')).toThrow(/wasm32:threads=1,fma=off/);
  });

  it('runs on a private fixed heap without SharedArrayBuffer, and says how to get more memory', async () => {
    const backend = (await loadBackend('wasm64:shared=off,memory=16')) as WasmBackend;
    expect(backend.info).toMatchObject({ threads: 1, sharedMemory: false });
    const held: Tensor[] = [];
    expect(() => {
      for (let i = 0; i < 40; i++) held.push(fromArray(new Float64Array(65536), [65536], backend));
    }).toThrow(/out of memory \(16 MiB without SharedArrayBuffer\).*wasm32:memory=2048/);
    for (const t of held) t.dispose();
  });

  it('takes shared memory and workers only in Node or a cross-origin-isolated page', () => {
    expect(chooseSharing({}, { node: true, isolated: undefined })).toMatchObject({ shared: true });
    expect(chooseSharing({}, { node: false, isolated: true })).toMatchObject({ shared: true });
    const plain = chooseSharing({}, { node: false, isolated: false });
    expect(plain.shared).toBe(false);
    expect(plain.reason).toMatch(/not cross-origin isolated.*one thread on a private heap/);
    expect(chooseSharing({}, { node: false, isolated: undefined }).shared).toBe(false);
    expect(chooseSharing({ shared: false }, { node: true, isolated: true })).toMatchObject({ shared: false, reason: expect.stringMatching(/shared=off/) });
  });

  it('accepts threads=1 and says why it runs on one thread', async () => {
    expect(parseRuntimeOptions('threads=1')).toEqual({ threads: 1 });
    const backend = (await loadBackend('wasm32:threads=1')) as WasmBackend;
    expect(backend.info).toMatchObject({ threads: 1, sharedMemory: true, reason: expect.stringMatching(/threads=1 requested/) });
    const off = (await loadBackend('wasm64:shared=off,memory=16')) as WasmBackend;
    expect(off.info.reason).toMatch(/shared=off requested/);
  });

  it('reports how it runs', async () => {
    const backend = (await loadBackend('wasm32:threads=1,fma=off')) as WasmBackend;
    expect(backend.info).toMatchObject({ threads: 1, fma: false, sharedMemory: true });
    expect(backend.name).toBe('wasm32');
    expect(backend.dtype).toBe('float32');
  });
});
