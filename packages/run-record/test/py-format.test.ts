import { describe, expect, it } from 'vitest';
import { pyExp, pyFloat, pyNumber, pyPrint, pyShape } from '../src/py-format.js';

// Expected strings are what Python 3 prints: repr(x), '%.2e' % x, str(tuple).
describe('pyFloat (Python repr of a float)', () => {
  it.each([
    [0, '0.0'], [-0, '-0.0'], [1, '1.0'], [10.000207878477502, '10.000207878477502'], [0.749784, '0.749784'],
    [0.30074, '0.30074'], [1e-4, '0.0001'], [1e-5, '1e-05'], [5.44560814873387e-11, '5.44560814873387e-11'],
    [1.5e-7, '1.5e-07'], [1e16, '1e+16'], [123456789012345680000, '1.2345678901234568e+20'], [1e15, '1000000000000000.0'],
    [Number.NaN, 'nan'], [Number.POSITIVE_INFINITY, 'inf'], [-2.5, '-2.5'],
  ])('%s → %s', (x, expected) => {
    expect(pyFloat(x)).toBe(expected);
  });
});

describe('pyExp (Python %.Ne)', () => {
  it.each([
    [1.03e-7, 2, '1.03e-07'], [2.21e-5, 2, '2.21e-05'], [1.69e-10, 2, '1.69e-10'], [0, 2, '0.00e+00'], [123.456, 2, '1.23e+02'],
    [1e-100, 1, '1.0e-100'],
  ])('%s with %i digits → %s', (x, digits, expected) => {
    expect(pyExp(x, digits)).toBe(expected);
  });
});

describe('pyNumber, pyShape, pyPrint', () => {
  it('prints list literals as Python does (int 1, float 0.25)', () => {
    expect([1, 0.25, 0.75].map(pyNumber)).toEqual(['1', '0.25', '0.75']);
  });
  it('prints tuples with the trailing comma of a 1-tuple', () => {
    expect(pyShape([49000, 3, 32, 32])).toBe('(49000, 3, 32, 32)');
    expect(pyShape([49000])).toBe('(49000,)');
  });
  it('joins print() arguments with one space', () => {
    expect(pyPrint('Mean of input: ', '10.0')).toBe('Mean of input:  10.0');
  });
});
