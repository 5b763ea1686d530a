import { describe, expect, it } from 'vitest';
import { formatFixed } from './py-format.js';

describe('formatFixed (Python %f)', () => {
  it.each([
    // [value, Python's '%f' % value]
    [7.856644123, '7.856644'],
    [0.26, '0.260000'],
    [1, '1.000000'],
    [0.0078125, '0.007812'], // exact tie: half to even (toFixed would give 0.007813)
    [0.0234375, '0.023438'], // exact tie, odd digit rounds up
    [-0, '-0.000000'],
    [-1e-9, '-0.000000'],
    [123456.5, '123456.500000'],
    [Infinity, 'inf'],
    [Number.NaN, 'nan'],
  ])('formats %s as %s', (x, expected) => {
    expect(formatFixed(x)).toBe(expected);
  });

  it('rounds ties to even at other precisions too', () => {
    expect(formatFixed(2.5, 0)).toBe('2');
    expect(formatFixed(3.5, 0)).toBe('4');
    expect(formatFixed(0.125, 2)).toBe('0.12');
  });
});
