import type { CellResult, RunRecord, TrainingRun } from '@dropout/run-record';

/** One x position of a series: the mean over seeds, their min and max, and how many seeds had it. */
export interface SeriesPoint {
  x: number;
  mean: number;
  min: number;
  max: number;
  n: number;
}

/** One plotted line (one keep ratio of one record, or one quantity), aggregated over seeds. */
export interface AggregateSeries {
  label: string;
  recordName: string;
  /** The keep ratio the line belongs to, or null when x is the keep ratio. */
  keepRatio: number | null;
  seeds: number[];
  points: SeriesPoint[];
}

/**
 * Mean, min, max and count of a non-empty list of numbers.
 * @example
 *   aggregate([0.2, 0.4, 0.3]); // { mean: 0.3, min: 0.2, max: 0.4, n: 3 } (mean up to rounding)
 */
export function aggregate(values: number[]): Omit<SeriesPoint, 'x'> {
  if (values.length === 0) throw new Error('aggregate() needs at least one value');
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  return { mean, min: Math.min(...values), max: Math.max(...values), n: values.length };
}

/**
 * The regularisation cell of a record, if it ran (possibly only partly).
 * @example
 *   regularizationCell(record)?.runs.length; // 2 for the default experiment
 */
export function regularizationCell(record: RunRecord): Extract<CellResult, { kind: 'regularization' }> | undefined {
  return record.cells.find((c): c is Extract<CellResult, { kind: 'regularization' }> => c.kind === 'regularization');
}

/**
 * Keep ratios of a record's training runs: the config's order first, then any others, descending.
 * @example
 *   keepRatiosOf(record); // [1, 0.25]
 */
export function keepRatiosOf(record: RunRecord): number[] {
  const runs = regularizationCell(record)?.runs ?? [];
  const seen = new Set(runs.map((r) => r.keepRatio));
  const ordered = record.config.keepRatios.filter((k) => seen.has(k));
  const extra = [...seen].filter((k) => !ordered.includes(k)).sort((a, b) => b - a);
  return [...ordered, ...extra];
}

/**
 * Label of one keep ratio in legends, as the notebook's `'%.2f dropout_keep_ratio'`.
 * @example
 *   keepLabel(0.25); // 'keep 0.25'
 */
export function keepLabel(keepRatio: number): string {
  return `keep ${keepRatio.toFixed(2)}`;
}

function byKeepRatio(record: RunRecord): Array<{ keepRatio: number; runs: TrainingRun[] }> {
  const runs = regularizationCell(record)?.runs ?? [];
  return keepRatiosOf(record).map((keepRatio) => ({ keepRatio, runs: runs.filter((r) => r.keepRatio === keepRatio) }));
}

/** Most points a plotted line gets; longer series are drawn as buckets of consecutive x (see {@link bucketSize}). */
export const MAX_SERIES_POINTS = 1000;

/**
 * How many consecutive positions one plotted point stands for in a series of `length`
 * positions: 1 up to {@link MAX_SERIES_POINTS}, then `ceil(length / MAX_SERIES_POINTS)`.
 * @example
 *   bucketSize(125); // 1
 *   bucketSize(3_000_000); // 3000
 */
export function bucketSize(length: number): number {
  return Math.max(1, Math.ceil(length / MAX_SERIES_POINTS));
}

/**
 * Aggregates `histories[seed][i]` position by position (seeds whose history is shorter drop
 * out of later points). Past {@link MAX_SERIES_POINTS} positions, consecutive positions are
 * grouped into buckets of {@link bucketSize}: a bucket's point sits at its last x, its mean is
 * the mean of the positions' means over seeds, its band spans the bucket's min to max, and n is
 * the fewest seeds any of its positions had. So a 3M-iteration loss curve is 1,000 points, and
 * a short one is drawn exactly.
 */
function aggregateByIndex(histories: number[][], xOf: (i: number) => number): SeriesPoint[] {
  let length = 0;
  for (const h of histories) length = Math.max(length, h.length);
  const bucket = bucketSize(length);
  const points: SeriesPoint[] = [];
  for (let start = 0; start < length; start += bucket) {
    const end = Math.min(length, start + bucket);
    let sumOfMeans = 0;
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    let n = Number.POSITIVE_INFINITY;
    for (let i = start; i < end; i++) {
      let sum = 0;
      let k = 0;
      for (const h of histories) {
        if (i >= h.length) continue;
        const v = h[i]!;
        sum += v;
        k++;
        if (v < min) min = v;
        if (v > max) max = v;
      }
      sumOfMeans += sum / k;
      n = Math.min(n, k);
    }
    points.push({ x: xOf(end - 1), mean: sumOfMeans / (end - start), min, max, n });
  }
  return points;
}

/**
 * Train or validation accuracy per epoch, one series per keep ratio (x = epoch 0, 1, …,
 * as the Solver checks accuracy before training and after every epoch), averaged over seeds.
 * @example
 *   accuracyPerEpoch(record, 'val')[0].points.length; // 26 for 25 epochs
 */
export function accuracyPerEpoch(record: RunRecord, which: 'train' | 'val'): AggregateSeries[] {
  return byKeepRatio(record).map(({ keepRatio, runs }) => ({
    label: keepLabel(keepRatio),
    recordName: record.name,
    keepRatio,
    seeds: runs.map((r) => r.seed),
    points: aggregateByIndex(runs.map((r) => (which === 'train' ? r.trainAccHistory : r.valAccHistory)), (i) => i),
  }));
}

/**
 * Training loss per iteration (x = 1, 2, …, as the Solver's log counts), one series per keep ratio.
 * @example
 *   lossPerIteration(record)[0].points.length; // 125 for 25 epochs of 5 batches
 */
export function lossPerIteration(record: RunRecord): AggregateSeries[] {
  return byKeepRatio(record).map(({ keepRatio, runs }) => ({
    label: keepLabel(keepRatio),
    recordName: record.name,
    keepRatio,
    seeds: runs.map((r) => r.seed),
    points: aggregateByIndex(runs.map((r) => r.lossHistory), (i) => i + 1),
  }));
}

function byKeepRatioSeries(record: RunRecord, label: string, valueOf: (run: TrainingRun) => number | null): AggregateSeries {
  const points: SeriesPoint[] = [];
  const seeds = new Set<number>();
  for (const { keepRatio, runs } of byKeepRatio(record)) {
    // Only completed runs: an interrupted run's last accuracy is not a final one.
    const finished = runs.filter((r) => r.status === 'complete' && valueOf(r) !== null);
    finished.forEach((r) => seeds.add(r.seed));
    if (finished.length > 0) points.push({ x: keepRatio, ...aggregate(finished.map((r) => valueOf(r)!)) });
  }
  return { label, recordName: record.name, keepRatio: null, seeds: [...seeds], points };
}

/**
 * Final train or validation accuracy against keep ratio (x = keep ratio), averaged over
 * seeds; runs that did not complete are left out.
 * @example
 *   finalAccuracyByKeepRatio(record, 'train').points; // [{ x: 1, mean: 0.996, … }, { x: 0.25, … }]
 */
export function finalAccuracyByKeepRatio(record: RunRecord, which: 'train' | 'val'): AggregateSeries {
  return byKeepRatioSeries(record, which === 'train' ? 'final train accuracy' : 'final val accuracy', (r) =>
    which === 'train' ? r.finalTrainAcc : r.finalValAcc,
  );
}

/**
 * Generalisation gap (final train minus final val accuracy) against keep ratio, the gap
 * taken per seed before averaging; unfinished runs are left out.
 * @example
 *   generalizationGapByKeepRatio(record).points[0].mean; // e.g. 0.69 without dropout
 */
export function generalizationGapByKeepRatio(record: RunRecord): AggregateSeries {
  return byKeepRatioSeries(record, 'train − val gap', (r) =>
    r.finalTrainAcc === null || r.finalValAcc === null ? null : r.finalTrainAcc - r.finalValAcc,
  );
}
