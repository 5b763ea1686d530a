import { describe, expect, it } from 'vitest';
import { forEachBackend } from '../testing/index.js';
import { assertFinite, assertFiniteAsync, assertTensor, checkLabels, fromArray, gatherRows, getBackend, nonFiniteMessage, reshape, sliceRows } from '../index.js';

forEachBackend('assertFinite', (backend) => {
  it('names the first NaN or Infinity by its index, and passes finite tensors', async () => {
    const ok = fromArray([1, -2, 3, 4, 5, 6], [2, 3], backend);
    const bad = fromArray([1, 2, 3, 4, Infinity, Number.NaN], [2, 3], backend);
    await expect(assertFiniteAsync(ok, 'X')).resolves.toBeUndefined();
    await expect(assertFiniteAsync(bad, 'data.XTrain')).rejects.toThrow(/^data\.XTrain\[1, 1\] is Infinity; every value must be a finite number/);
    if (backend.syncRead) {
      expect(() => assertFinite(ok, 'X')).not.toThrow();
      expect(() => assertFinite(bad, 'X')).toThrow(/X\[1, 1\] is Infinity/);
    }
    ok.dispose();
    bad.dispose();
  });
});

describe('assertFinite remembers', () => {
  it('a tensor found finite, and its row slices, gathers and reshapes, without summing them again', async () => {
    const backend = getBackend('cpu32');
    const X = fromArray([1, 2, 3, 4, 5, 6, 7, 8], [4, 2], backend);
    const other = fromArray([1, 2], [1, 2], backend);
    let sums = 0;
    const reduce = backend.reduce.bind(backend);
    backend.reduce = (...args) => { sums++; return reduce(...args); };
    try {
      assertFinite(X, 'X');
      expect(sums).toBe(1);
      assertFinite(X, 'X');
      assertFinite(sliceRows(X, 1, 3), 'batch');
      assertFinite(gatherRows(X, [3, 0]), 'batch');
      await assertFiniteAsync(reshape(X, [8]), 'flat');
      expect(sums).toBe(1);
      assertFinite(other, 'other'); // never checked: summed
      expect(sums).toBe(2);
    } finally {
      backend.reduce = reduce;
    }
  });
});

describe('nonFiniteMessage', () => {
  it('reports values whose sum overflows although each is finite', () => {
    const t = fromArray([3e38, 3e38], [2], getBackend('cpu32'));
    expect(nonFiniteMessage('W1', t, t.read(), Infinity)).toBe('W1 (shape [2]) sums to Infinity: its values are too large for float32');
    expect(nonFiniteMessage('W1', t, [1, 2], 3)).toBeNull();
  });
});

describe('checkLabels', () => {
  it('returns an Int32Array and names the first bad label', () => {
    expect(checkLabels([2, 0], { op: 'f', rows: 2, numClasses: 3 })).toEqual(new Int32Array([2, 0]));
    expect(() => checkLabels([0, 3], { op: 'f', rows: 2, numClasses: 3 })).toThrow(/^f: label y\[1\] = 3 is outside \[0, 3\)/);
    expect(() => checkLabels([0, 3], { op: 'm', rows: 2, numClasses: 3, numClassesName: 'numClasses' })).toThrow(/outside \[0, numClasses = 3\)/);
    expect(() => checkLabels([0, 1.5], { op: 'S', name: 'data.yVal', rows: 2, rowsOf: 'X' })).toThrow(/^S: data\.yVal\[1\] is 1\.5; labels must be integers ≥ 0/);
    expect(() => checkLabels([0], { op: 'S', rows: 2, rowsOf: 'X' })).toThrow(/^S: y has 1 labels but X has 2 rows/);
    expect(() => checkLabels('012', { op: 'S', rows: 3 })).toThrow(/y must be an Int32Array or an array of class indices, got string/);
  });
});

describe('assertTensor', () => {
  it('names the op and the argument', () => {
    expect(() => assertTensor('relu', 'x', [1, 2])).toThrow(/^relu: x must be a Tensor, got object/);
    const t = fromArray([1], [1], getBackend('cpu64'));
    t.dispose();
    expect(() => assertTensor('relu', 'x', t)).toThrow(/already disposed/);
  });
});
