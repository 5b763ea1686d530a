import { createRng } from '@dropout/tensor';
import { describe, expect, it } from 'vitest';
import { meanRows, meanRowsPlain, subtractRows, subtractRowsPlain } from './byte-kernels.js';

function randomBytes(n: number, seed: number): Uint8Array {
  return Uint8Array.from(createRng(seed).randint(0, 256, n));
}

describe('byte kernels', () => {
  it('mean of rows by hand', () => {
    expect(Array.from(meanRows(Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]), 2, 4))).toEqual([3, 4, 5, 6]);
  });

  it('word-wise mean equals the plain float64 mean bit for bit, across the 256-row flush and at 255', () => {
    const D = 12;
    const X = randomBytes(600 * D, 231);
    X.fill(255, 0, 300 * D); // lanes would overflow without the flush
    expect(Array.from(meanRows(X, 600, D))).toEqual(Array.from(meanRowsPlain(X, 600, D)));
  });

  it('falls back to the plain loops for unaligned views and row lengths not divisible by 4', () => {
    const X = randomBytes(1 + 5 * 8, 7).subarray(1);
    expect(Array.from(meanRows(X, 5, 8))).toEqual(Array.from(meanRowsPlain(X, 5, 8)));
    const Y = randomBytes(6 * 7, 8);
    expect(Array.from(meanRows(Y, 6, 7))).toEqual(Array.from(meanRowsPlain(Y, 6, 7)));
  });

  it('word-wise subtraction equals the plain loop in float32 and float64', () => {
    const D = 16;
    const X = randomBytes(9 * D, 3);
    const mean = meanRowsPlain(X, 9, D);
    for (const Out of [Float32Array, Float64Array]) {
      const fast = new Out(9 * D);
      const plain = new Out(9 * D);
      subtractRows(fast, X, 9, mean);
      subtractRowsPlain(plain, X, 9, mean);
      expect(Array.from(fast)).toEqual(Array.from(plain));
      expect(fast[5 * D + 3]).toBe(Out.from([X[5 * D + 3]! - mean[3]!])[0]);
    }
  });
});
