import type { CellResult, McPredictionResult, RunRecord } from '@dropout/run-record';
import type { ChartSpec, PlotSeries } from '../charts.js';
import { aggregate, keepLabel, type SeriesPoint } from '../series.js';

export type McDropoutCell = Extract<CellResult, { kind: 'mc-dropout' }>;

/** The record's mc-dropout cell, if it ran. */
export function mcDropoutCell(record: RunRecord): McDropoutCell | undefined {
  return record.cells.find((c): c is McDropoutCell => c.kind === 'mc-dropout');
}

/** One keep ratio's predictions, aggregated over the seeds' nets: per way of predicting (0 = deterministic, T). */
export interface McKeepGroup {
  keepRatio: number;
  seeds: number[];
  /** samples → the predictions of every seed's net. */
  bySamples: Map<number, McPredictionResult[]>;
}

/**
 * Groups a cell's nets by keep ratio (in the cell's order), so seeds aggregate.
 * @example
 *   mcKeepGroups(cell).map((g) => g.keepRatio); // [1, 0.25]
 */
export function mcKeepGroups(cell: McDropoutCell): McKeepGroup[] {
  const groups: McKeepGroup[] = [];
  for (const net of cell.nets) {
    let g = groups.find((x) => x.keepRatio === net.keepRatio);
    if (!g) groups.push((g = { keepRatio: net.keepRatio, seeds: [], bySamples: new Map() }));
    g.seeds.push(net.seed);
    for (const p of net.predictions) g.bySamples.set(p.samples, [...(g.bySamples.get(p.samples) ?? []), p]);
  }
  return groups;
}

/** Mean (and min, max, count) of one field over a group's nets for one way of predicting. */
export function groupValue(g: McKeepGroup, samples: number, value: (p: McPredictionResult) => number | null): Omit<SeriesPoint, 'x'> | null {
  const values = (g.bySamples.get(samples) ?? []).map(value).filter((v): v is number => v !== null);
  return values.length ? aggregate(values) : null;
}

const line = (name: string, colorIndex: number, dashIndex: number, points: SeriesPoint[]): PlotSeries =>
  ({ name, label: name, recordName: '', keepRatio: null, seeds: [], colorIndex, dashIndex, points });

/** Reliability bins of a group's nets pooled: accuracy and confidence weighted by each bin's count. */
function pooledReliability(preds: McPredictionResult[]): SeriesPoint[] {
  const points: SeriesPoint[] = [];
  preds[0]?.reliability.forEach((_, b) => {
    const bins = preds.map((p) => p.reliability[b]!).filter((x) => x.count > 0);
    const n = bins.reduce((a, x) => a + x.count, 0);
    if (n === 0) return;
    const accuracy = bins.reduce((a, x) => a + x.count * x.accuracy!, 0) / n;
    points.push({ x: bins.reduce((a, x) => a + x.count * x.confidence!, 0) / n, mean: accuracy, min: accuracy, max: accuracy, n: 1 });
  });
  return points;
}

/**
 * The mc-dropout cell's charts as specs (the report renders them to SVG): accuracy and ECE
 * against T with the deterministic prediction as a flat line, the reliability diagram, and the
 * entropy histograms of correct and wrong predictions.
 * @example
 *   mcDropoutChartSpecs(record).map((s) => s.id); // ['mc-accuracy', 'mc-ece', 'mc-reliability', 'mc-entropy']
 */
export function mcDropoutChartSpecs(record: RunRecord): ChartSpec[] {
  const cell = mcDropoutCell(record);
  if (!cell || cell.nets.length === 0) return [];
  const groups = mcKeepGroups(cell);
  const Ts = cell.samples;
  const tMax = Math.max(...Ts);
  const dropout = groups.filter((g) => g.keepRatio < 1);
  const versusT = (value: (p: McPredictionResult) => number): PlotSeries[] => groups.flatMap((g, k) => {
    const det = groupValue(g, 0, value);
    const flat = det ? [line(`${keepLabel(g.keepRatio)} · deterministic`, k, 1, [{ x: Math.min(...Ts), ...det }, { x: tMax, ...det }])] : [];
    if (g.keepRatio === 1) return flat;
    const mc = Ts.flatMap((T) => { const v = groupValue(g, T, value); return v ? [{ x: T, ...v }] : []; });
    return [line(`${keepLabel(g.keepRatio)} · MC mean over T`, k, 0, mc), ...flat];
  });
  const reliability: PlotSeries[] = [line('perfect calibration', 7, 2, [0, 1].map((x) => ({ x, mean: x, min: x, max: x, n: 1 })))];
  groups.forEach((g, k) => {
    reliability.push(line(`${keepLabel(g.keepRatio)} · deterministic`, k, 1, pooledReliability(g.bySamples.get(0) ?? [])));
    if (g.keepRatio < 1) reliability.push(line(`${keepLabel(g.keepRatio)} · MC T = ${tMax}`, k, 0, pooledReliability(g.bySamples.get(tMax) ?? [])));
  });
  const lowest = dropout.reduce<McKeepGroup | undefined>((a, g) => (!a || g.keepRatio < a.keepRatio ? g : a), undefined);
  const entropy: PlotSeries[] = [];
  if (lowest) {
    ([[0, 'deterministic', 1], [tMax, `MC T = ${tMax}`, 0]] as const).forEach(([T, how, dash]) => {
      const preds = lowest.bySamples.get(T) ?? [];
      if (!preds.length) return;
      const { edges } = preds[0]!.entropyHistogram;
      for (const [which, color] of [['correct', 2], ['wrong', 4]] as const) {
        const total = preds.reduce((a, p) => a + p.entropyHistogram[which].reduce((s, c) => s + c, 0), 0);
        const points = edges.slice(0, -1).map((lo, b) => {
          const frac = total ? preds.reduce((a, p) => a + p.entropyHistogram[which][b]!, 0) / total : 0;
          return { x: (lo + edges[b + 1]!) / 2, mean: frac, min: frac, max: frac, n: preds.length };
        });
        entropy.push(line(`${how} · ${which}`, color, dash, points));
      }
    });
  }
  const specs: ChartSpec[] = [
    { id: 'mc-accuracy', title: 'Validation accuracy: MC mean over T passes vs deterministic', xName: 'Monte Carlo passes T', yName: 'Accuracy',
      symbols: true, xMin: 0, xMax: tMax, series: versusT((p) => p.accuracy) },
    { id: 'mc-ece', title: 'Expected calibration error: MC mean over T passes vs deterministic', xName: 'Monte Carlo passes T', yName: 'ECE',
      symbols: true, xMin: 0, xMax: tMax, yMin: 0, series: versusT((p) => p.ece) },
    { id: 'mc-reliability', title: `Reliability diagram (${cell.numBins} confidence bins, pooled over seeds)`, xName: 'Confidence', yName: 'Accuracy',
      symbols: true, xMin: 0, xMax: 1, yMin: 0, yMax: 1, series: reliability },
  ];
  if (lowest) {
    specs.push({ id: 'mc-entropy', title: `Predictive entropy of correct and wrong predictions, ${keepLabel(lowest.keepRatio)} (fraction of each group)`,
      xName: 'Predictive entropy (nats)', yName: 'Fraction', symbols: true, xMin: 0, yMin: 0, series: entropy });
  }
  return specs;
}
