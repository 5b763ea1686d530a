import { describe, expect, it } from 'vitest';
import {
  accuracyPerEpoch, aggregate, bucketSize, finalAccuracyByKeepRatio, generalizationGapByKeepRatio, keepRatiosOf, lossPerIteration, MAX_SERIES_POINTS,
  regularizationCell,
} from '../src/series.js';
import { loadFixture } from './load-fixture.js';

const complete = loadFixture('complete');
const sweep = loadFixture('sweep');
const partial = loadFixture('partial');
const runsOf = (r: typeof sweep) => regularizationCell(r)!.runs;
const run = (r: typeof sweep, keep: number, seed: number) => runsOf(r).find((x) => x.keepRatio === keep && x.seed === seed)!;

describe('aggregate', () => {
  it('gives mean, min, max and count', () => {
    const a = aggregate([0.2, 0.5, 0.35]);
    expect(a.mean).toBeCloseTo(0.35, 15);
    expect([a.min, a.max, a.n]).toEqual([0.2, 0.5, 3]);
  });
  it('refuses an empty list', () => {
    expect(() => aggregate([])).toThrow(/at least one value/);
  });
});

describe('accuracy per epoch (the notebook\'s two panels)', () => {
  it('has one series per keep ratio, in the config\'s order, with one point per epoch 0..25', () => {
    for (const which of ['train', 'val'] as const) {
      const series = accuracyPerEpoch(complete, which);
      expect(series.map((s) => s.label)).toEqual(['keep 1.00', 'keep 0.25']);
      for (const s of series) {
        expect(s.points.map((p) => p.x)).toEqual(Array.from({ length: 26 }, (_, e) => e));
        expect(s.seeds).toEqual([231]);
      }
    }
  });

  it('with one seed, every point is that seed\'s value and min = mean = max', () => {
    const r = run(complete, 0.25, 231);
    const [, s] = accuracyPerEpoch(complete, 'val');
    expect(s!.points.map((p) => p.mean)).toEqual(r.valAccHistory);
    expect(s!.points.every((p) => p.min === p.mean && p.max === p.mean && p.n === 1)).toBe(true);
  });

  it('with three seeds, gives the mean, min and max across seeds at each epoch', () => {
    const series = accuracyPerEpoch(sweep, 'train');
    expect(series.map((s) => s.keepRatio)).toEqual([1, 0.75, 0.5, 0.25]);
    const s = series[2]!; // keep 0.5
    expect(s.seeds).toEqual([231, 232, 233]);
    for (const epoch of [0, 4, 8]) {
      const a = run(sweep, 0.5, 231).trainAccHistory[epoch]!;
      const b = run(sweep, 0.5, 232).trainAccHistory[epoch]!;
      const c = run(sweep, 0.5, 233).trainAccHistory[epoch]!;
      const p = s.points[epoch]!;
      expect(p.x).toBe(epoch);
      expect(p.mean).toBeCloseTo((a + b + c) / 3, 14);
      expect(p.min).toBe(a < b ? (a < c ? a : c) : b < c ? b : c);
      expect(p.max).toBe(a > b ? (a > c ? a : c) : b > c ? b : c);
      expect(p.n).toBe(3);
    }
    // Spot check with literal numbers, so the test does not only mirror the code.
    expect([run(sweep, 0.5, 231).trainAccHistory[7], run(sweep, 0.5, 232).trainAccHistory[7], run(sweep, 0.5, 233).trainAccHistory[7]]).toEqual([0.996, 0.996, 0.994]);
    expect(s.points[7]!.mean).toBeCloseTo((0.996 + 0.996 + 0.994) / 3, 14);
    expect([s.points[7]!.min, s.points[7]!.max]).toEqual([0.994, 0.996]);
  });

  it('an interrupted run contributes the epochs it finished', () => {
    const [full, cut] = accuracyPerEpoch(partial, 'train');
    expect(full!.points).toHaveLength(26);
    expect(cut!.points).toHaveLength(12);
    expect(cut!.points.at(-1)!.x).toBe(11);
  });
});

describe('loss per iteration', () => {
  it('has one point per iteration, numbered from 1 as the Solver logs', () => {
    const [s] = lossPerIteration(complete);
    expect(s!.points).toHaveLength(125);
    expect(s!.points[0]!.x).toBe(1);
    expect(s!.points[124]!.x).toBe(125);
    expect(s!.points[0]!.mean).toBe(run(complete, 1, 231).lossHistory[0]);
  });
  it('averages the seeds at each iteration', () => {
    const s = lossPerIteration(sweep)[3]!; // keep 0.25
    const at = (seed: number) => run(sweep, 0.25, seed).lossHistory[30]!;
    expect(s.points[30]!.mean).toBeCloseTo((at(231) + at(232) + at(233)) / 3, 12);
    expect(s.points[30]!.x).toBe(31);
  });
});

describe('final accuracy and generalization gap against keep ratio', () => {
  it('puts one point per keep ratio, x = keep ratio', () => {
    const train = finalAccuracyByKeepRatio(complete, 'train');
    expect(train.points.map((p) => p.x)).toEqual([1, 0.25]);
    expect(train.points.map((p) => p.mean)).toEqual([run(complete, 1, 231).finalTrainAcc, run(complete, 0.25, 231).finalTrainAcc]);
  });

  it('takes the gap per seed before averaging, so min/max are of per-seed gaps', () => {
    const gap = generalizationGapByKeepRatio(sweep);
    expect(gap.points.map((p) => p.x)).toEqual([1, 0.75, 0.5, 0.25]);
    const g = (seed: number) => run(sweep, 1, seed).finalTrainAcc! - run(sweep, 1, seed).finalValAcc!;
    const p = gap.points[0]!;
    expect(p.mean).toBeCloseTo((g(231) + g(232) + g(233)) / 3, 14);
    expect(p.min).toBe(Math.min(g(231), g(232), g(233)));
    expect(p.max).toBe(Math.max(g(231), g(232), g(233)));
  });

  it('leaves out runs that did not complete (an interrupted run has a last accuracy, not a final one)', () => {
    expect(run(partial, 0.25, 231).status).toBe('partial');
    expect(finalAccuracyByKeepRatio(partial, 'val').points.map((p) => p.x)).toEqual([1]);
    expect(generalizationGapByKeepRatio(partial).points).toHaveLength(1);
  });

  it('orders keep ratios as the config lists them, then others descending', () => {
    const r = structuredClone(complete);
    r.config.keepRatios = [0.25];
    expect(keepRatiosOf(r)).toEqual([0.25, 1]);
  });
});

describe('dense series are drawn as at most MAX_SERIES_POINTS buckets', () => {
  it('a 3M-iteration loss curve becomes 1,000 points: bucket means, min–max bands, x at each bucket\'s end', () => {
    const r = structuredClone(complete);
    const long = regularizationCell(r)!.runs[0]!;
    // Loss i % 3000 / 1000 per iteration: every bucket of 3000 iterations holds 0, 0.001, …, 2.999 once.
    long.lossHistory = Array.from({ length: 3_000_000 }, (_, i) => (i % 3000) / 1000);
    const [s] = lossPerIteration(r);
    expect(bucketSize(3_000_000)).toBe(3000);
    expect(s!.points).toHaveLength(MAX_SERIES_POINTS);
    expect(s!.points[0]!.x).toBe(3000);
    expect(s!.points.at(-1)!.x).toBe(3_000_000);
    for (const p of [s!.points[0]!, s!.points[567]!]) {
      expect(p.mean).toBeCloseTo(2.999 / 2, 9); // mean of 0 … 2.999
      expect([p.min, p.max, p.n]).toEqual([0, 2.999, 1]);
    }
  });

  it('leaves series up to the limit point for point (bucket size 1)', () => {
    expect(bucketSize(MAX_SERIES_POINTS)).toBe(1);
    expect(bucketSize(MAX_SERIES_POINTS + 1)).toBe(2);
  });
});
