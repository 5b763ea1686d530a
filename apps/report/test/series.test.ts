import { describe, expect, it } from 'vitest';
import {
  accuracyPerEpoch, aggregate, finalAccuracyByKeepRatio, generalizationGapByKeepRatio, keepRatiosOf, lossPerIteration, regularizationCell,
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
    expect(s.seeds).toEqual([1, 2, 3]);
    for (const epoch of [0, 7, 25]) {
      const a = run(sweep, 0.5, 1).trainAccHistory[epoch]!;
      const b = run(sweep, 0.5, 2).trainAccHistory[epoch]!;
      const c = run(sweep, 0.5, 3).trainAccHistory[epoch]!;
      const p = s.points[epoch]!;
      expect(p.x).toBe(epoch);
      expect(p.mean).toBeCloseTo((a + b + c) / 3, 14);
      expect(p.min).toBe(a < b ? (a < c ? a : c) : b < c ? b : c);
      expect(p.max).toBe(a > b ? (a > c ? a : c) : b > c ? b : c);
      expect(p.n).toBe(3);
    }
    // Spot check with literal numbers, so the test does not only mirror the code.
    expect([run(sweep, 0.5, 1).trainAccHistory[7], run(sweep, 0.5, 2).trainAccHistory[7], run(sweep, 0.5, 3).trainAccHistory[7]]).toEqual([0.698, 0.686, 0.716]);
    expect(s.points[7]!.mean).toBeCloseTo((0.698 + 0.686 + 0.716) / 3, 14);
    expect([s.points[7]!.min, s.points[7]!.max]).toEqual([0.686, 0.716]);
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
    const at = (seed: number) => run(sweep, 0.25, seed).lossHistory[60]!;
    expect(s.points[60]!.mean).toBeCloseTo((at(1) + at(2) + at(3)) / 3, 12);
    expect(s.points[60]!.x).toBe(61);
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
    expect(p.mean).toBeCloseTo((g(1) + g(2) + g(3)) / 3, 14);
    expect(p.min).toBe(Math.min(g(1), g(2), g(3)));
    expect(p.max).toBe(Math.max(g(1), g(2), g(3)));
  });

  it('leaves out runs without a final accuracy (interrupted)', () => {
    expect(finalAccuracyByKeepRatio(partial, 'val').points.map((p) => p.x)).toEqual([1]);
    expect(generalizationGapByKeepRatio(partial).points).toHaveLength(1);
  });

  it('orders keep ratios as the config lists them, then others descending', () => {
    const r = structuredClone(complete);
    r.config.keepRatios = [0.25];
    expect(keepRatiosOf(r)).toEqual([0.25, 1]);
  });
});
