import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { calibration, type Calibration } from '../index.js';

interface Case {
  numClasses: number;
  numBins: number;
  probs: number[];
  labels: number[];
  expected: Calibration;
}
const { cases } = JSON.parse(readFileSync(new URL('../../fixtures/calibration.json', import.meta.url), 'utf8')) as { cases: Case[] };

describe('calibration (expected calibration error, reliability diagram)', () => {
  it('matches the NumPy reference (fixtures/gen_calibration.py), bin edges and ties included', () => {
    expect(cases).toHaveLength(4);
    for (const [i, c] of cases.entries()) {
      const got = calibration(Float64Array.from(c.probs), c.labels, c.numClasses, { numBins: c.numBins });
      expect(Math.abs(got.ece - c.expected.ece), `case ${i} ece`).toBeLessThan(1e-12);
      expect(got.accuracy).toBeCloseTo(c.expected.accuracy, 14);
      expect(got.meanConfidence).toBeCloseTo(c.expected.meanConfidence, 12);
      expect(got.bins.map((b) => b.count)).toEqual(c.expected.bins.map((b) => b.count));
      got.bins.forEach((b, k) => {
        const e = c.expected.bins[k]!;
        expect([b.lower, b.upper]).toEqual([e.lower, e.upper]);
        for (const key of ['accuracy', 'confidence'] as const) {
          if (e[key] === null) expect(b[key]).toBeNull();
          else expect(Math.abs(b[key]! - e[key]), `case ${i} bin ${k} ${key}`).toBeLessThan(1e-12);
        }
      });
    }
  });

  it('is 0.14 on the hand-worked edge case and rejects malformed input', () => {
    // (0.4,0.6]: two rows, accuracy 1/2, confidence 0.55; (0.6,0.8]: two rows, 1/2 vs 0.8; (0.8,1]: one right at 1.
    const probs = Float64Array.from([0.5, 0.5, 0.8, 0.2, 1, 0, 0.4, 0.6, 0.2, 0.8]);
    expect(calibration(probs, [1, 0, 0, 1, 0], 2, { numBins: 5 }).ece).toBeCloseTo((2 / 5) * 0.05 + (2 / 5) * 0.3, 15);
    expect(() => calibration(probs, [1, 0], 2)).toThrow(/probs holds 10 values but 2 labels × 2 classes need 4/);
    expect(() => calibration(probs, [1, 0, 0, 1, 2], 2)).toThrow(/labels\[4\] = 2 is outside \[0, 2\)/);
    expect(() => calibration([], [], 2)).toThrow(/labels is empty/);
  });
});
