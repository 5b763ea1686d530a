import { describe, expect, it } from 'vitest';
import {
  add, argMax, div, exp, fromArray, full, gatherRows, getBackend, greater, less, log, matMul, max, maximum,
  maximum0, mean, mul, ones, reshape, sliceRows, step, sub, sum, sumRows, maxCols, tidy, keep, toBackend,
  transpose, zeros, scale, createRng, randn,
} from '../index.js';
import { expectClose, expectNoLeaks, forEachBackend } from '../testing/index.js';

forEachBackend('tensor ops', (backend) => {
  const t = (values: number[], shape: number[]) => fromArray(values, shape, backend);

  it('reports its dtype and float width', () => {
    const x = t([1, 2], [2]);
    expect(x.dtype).toBe(backend.floatBits === 64 ? 'float64' : 'float32');
    expect(x.read()).toBeInstanceOf(backend.floatBits === 64 ? Float64Array : Float32Array);
  });

  it('adopts a float array of either width as a tensor of its values and shape', () => {
    for (const values of [new Float64Array([1.5, -2, 3, 0.25]), new Float32Array([1.5, -2, 3, 0.25])]) {
      const x = backend.adopt(values, [2, 2]);
      expect(x.shape).toEqual([2, 2]);
      expect(x.read()).toBeInstanceOf(backend.floatBits === 64 ? Float64Array : Float32Array);
      expectClose(add(x, x), [3, -4, 6, 0.5], backend);
      // cpu wraps an array of its own type (no copy); wasm copies it into its heap.
      values[0] = 99;
      if (/^cpu/.test(backend.name)) expect(x.read()[0]).toBe(values.BYTES_PER_ELEMENT * 8 === backend.floatBits ? 99 : 1.5);
      if (/^wasm/.test(backend.name)) expect(x.read()[0]).toBe(1.5);
    }
  });

  it('creates zeros, ones and full tensors', () => {
    expectClose(zeros([2, 2], backend), [0, 0, 0, 0], backend);
    expectClose(ones([3], backend), [1, 1, 1], backend);
    expectClose(full([2], 2.5, backend), [2.5, 2.5], backend);
  });

  it('multiplies matrices, with either operand read transposed', () => {
    const a = t([1, 2, 3, 4, 5, 6], [2, 3]);
    const b = t([7, 8, 9, 10, 11, 12], [3, 2]);
    // [[1,2,3],[4,5,6]]·[[7,8],[9,10],[11,12]] = [[58,64],[139,154]] by hand.
    expectClose(matMul(a, b), [58, 64, 139, 154], backend);
    const aT = t([1, 4, 2, 5, 3, 6], [3, 2]);
    expectClose(matMul(aT, b, { transposeA: true }), [58, 64, 139, 154], backend);
    const bT = t([7, 9, 11, 8, 10, 12], [2, 3]);
    expectClose(matMul(a, bT, { transposeB: true }), [58, 64, 139, 154], backend);
    expectClose(matMul(aT, bT, { transposeA: true, transposeB: true }), [58, 64, 139, 154], backend);
    expect(matMul(a, b).shape).toEqual([2, 2]);
  });

  it('broadcasts rows, columns and scalars', () => {
    const x = t([1, 2, 3, 4, 5, 6], [2, 3]);
    expectClose(add(x, t([10, 20, 30], [3])), [11, 22, 33, 14, 25, 36], backend);
    expectClose(sub(x, t([1, 4], [2, 1])), [0, 1, 2, 0, 1, 2], backend);
    expectClose(mul(x, 2), [2, 4, 6, 8, 10, 12], backend);
    expectClose(sub(1, x), [0, -1, -2, -3, -4, -5], backend);
    expectClose(div(x, t([1, 2, 3], [1, 3])), [1, 1, 1, 4, 2.5, 2], backend);
    expectClose(add(t([1, 2], [2, 1]), t([10, 20, 30], [1, 3])), [11, 21, 31, 12, 22, 32], backend);
    expectClose(scale(x, 0.5), [0.5, 1, 1.5, 2, 2.5, 3], backend);
  });

  it('applies exp, log, maximum, relu and step elementwise', () => {
    const x = t([-1, 0, 2], [3]);
    expectClose(exp(x), [Math.exp(-1), 1, Math.exp(2)], backend);
    expectClose(log(t([1, Math.E, 10], [3])), [0, 1, Math.log(10)], backend);
    expectClose(maximum(x, 0.5), [0.5, 0.5, 2], backend);
    expectClose(maximum0(x), [0, 0, 2], backend);
    expectClose(step(x), [0, 0, 1], backend);
  });

  it('makes comparison masks', () => {
    const u = t([0.1, 0.5, 0.9], [3]);
    expectClose(less(u, 0.5), [1, 0, 0], backend);
    expectClose(greater(u, t([0, 0.5, 1], [3])), [1, 0, 0], backend);
  });

  it('reduces along an axis, with and without keepDims', () => {
    const x = t([1, 5, 3, 4, 2, 6], [2, 3]);
    expectClose(sum(x), [21], backend);
    expect(sum(x).shape).toEqual([]);
    expectClose(sum(x, { axis: 0 }), [5, 7, 9], backend);
    expectClose(sum(x, { axis: 1, keepDims: true }), [9, 12], backend);
    expect(sum(x, { axis: 1, keepDims: true }).shape).toEqual([2, 1]);
    expectClose(mean(x, { axis: -1 }), [3, 4], backend);
    expectClose(max(x, { axis: 0 }), [4, 5, 6], backend);
    expectClose(sumRows(x), [9, 12], backend);
    expectClose(maxCols(x), [5, 6], backend);
    expectClose(argMax(x, 1), [1, 2], backend);
    expectClose(argMax(t([2, 2, 1], [3]), 0), [0], backend);
    expectClose(mean(t([1, 2, 3, 4, 5, 6, 7, 8], [2, 2, 2]), { axis: 1 }), [2, 3, 6, 7], backend);
  });

  it('reshapes, transposes, gathers and slices rows', () => {
    const x = t([1, 2, 3, 4, 5, 6], [2, 3]);
    expect(reshape(x, [3, -1]).shape).toEqual([3, 2]);
    expectClose(transpose(x), [1, 4, 2, 5, 3, 6], backend);
    const rows = t([0, 1, 10, 11, 20, 21], [3, 2]);
    const g = gatherRows(rows, [2, 0, 2]);
    expect(g.shape).toEqual([3, 2]);
    expectClose(g, [20, 21, 0, 1, 20, 21], backend);
    expectClose(sliceRows(rows, 1, 3), [10, 11, 20, 21], backend);
  });

  it('names the operation and both shapes when shapes do not fit', () => {
    const a = t([1, 2, 3, 4, 5, 6], [2, 3]);
    expect(() => matMul(a, a)).toThrow(/matMul: inner dimensions differ: a \[2, 3\] · b \[2, 3\]/);
    expect(() => add(a, t([1, 2], [2]))).toThrow(/add: shapes \[2, 3\] and \[2\] cannot be broadcast/);
    expect(() => reshape(a, [4, 2])).toThrow(/reshape: cannot reshape \[2, 3\]/);
    expect(() => fromArray([1, 2, 3], [2, 2], backend)).toThrow(/3 values do not fill shape \[2, 2\]/);
    expect(() => gatherRows(a, [2])).toThrow(/index 2 at position 0 is outside \[0, 2\)/);
    expect(() => sum(a, { axis: 2 })).toThrow(/axis 2 is out of range for shape \[2, 3\]/);
  });

  it('refuses to mix backends (and so dtypes) in one call', () => {
    const other = getBackend(backend.name === 'cpu64' ? 'cpu32' : 'cpu64');
    const a = t([1, 2], [2]);
    const b = fromArray([1, 2], [2], other);
    expect(() => add(a, b)).toThrow(/different backends: a \[2\] .* on .*, b \[2\]/);
    expectClose(add(a, toBackend(b, backend)), [2, 4], backend);
  });

  it('tidy frees everything but the result, and liveCount tracks it', () => {
    const x = t([1, 2, 3], [3]);
    const before = backend.liveCount();
    const y = tidy(() => add(mul(x, 2), 1));
    expect(backend.liveCount()).toBe(before + 1);
    expectClose(y, [3, 5, 7], backend);
    y.dispose();
    expect(backend.liveCount()).toBe(before);
    expect(() => y.read()).toThrow(/already disposed/);
    const kept = tidy(() => {
      const inner = keep(exp(x));
      return sum(inner).item();
    });
    expect(kept).toBeCloseTo(Math.exp(1) + Math.exp(2) + Math.exp(3), 4);
    expectNoLeaks(backend, () => tidy(() => { matMul(reshape(x, [3, 1]), reshape(x, [1, 3])); }));
  });

  it('draws the same random tensor for the same seed', () => {
    const a = randn(createRng(231), [4, 5], backend, { mean: 10 });
    const b = randn(createRng(231), [4, 5], backend, { mean: 10 });
    expect(Array.from(a.read())).toEqual(Array.from(b.read()));
    expect(mean(a).item()).toBeGreaterThan(9);
  });
});

describe('backend registry', () => {
  it('names the available backends when one is unknown', () => {
    expect(() => getBackend('tpu')).toThrow(/Unknown backend 'tpu'. Available: cpu64, cpu32/);
  });
});
