import type { RunRecord, TrainingRun } from '@dropout/run-record';
import { renderChart, type ChartSpec, type PlotSeries } from '../charts.js';
import { html, type SafeHtml } from '../escape.js';
import {
  accuracyPerEpoch, finalAccuracyByKeepRatio, generalizationGapByKeepRatio, keepLabel, keepRatiosOf, lossPerIteration,
  regularizationCell, bucketSize, type AggregateSeries,
} from '../series.js';
import { acc, badge, cellNotice, duration, perRecord, section } from './common.js';

/** Turns per-record series into plotted ones: colour by keep ratio (shared across runs), dash by run. */
function plotted(records: RunRecord[], build: (r: RunRecord) => AggregateSeries[], colorOf: (s: AggregateSeries, i: number) => number): PlotSeries[] {
  return records.flatMap((record, ri) =>
    build(record).map((s, i) => ({ ...s, name: records.length > 1 ? `${record.name} · ${s.label}` : s.label, colorIndex: colorOf(s, i), dashIndex: ri })),
  );
}

/**
 * The regularisation experiment's charts as specs: the notebook's two panels, loss, final
 * accuracies and the gap. The report renders them to SVG; the web page draws them live.
 * @example
 *   regularizationChartSpecs([record]).map((s) => s.id); // ['train-acc', 'val-acc', 'loss', 'final-acc', 'gap']
 */
export function regularizationChartSpecs(records: RunRecord[]): ChartSpec[] {
  const keeps = [...new Set(records.flatMap(keepRatiosOf))];
  const byKeep = (s: AggregateSeries) => keeps.indexOf(s.keepRatio ?? -1);
  const maxEpochs = Math.max(1, ...records.map((r) => r.config.numEpochs));
  const seeds = Math.max(...records.map((r) => r.config.seeds.length));
  const band = seeds > 1 ? ` (mean over ${seeds} seeds, band: min–max)` : '';
  const longest = Math.max(0, ...records.flatMap((r) => (regularizationCell(r)?.runs ?? []).map((run) => run.lossHistory.length)));
  const bucket = bucketSize(longest);
  const bucketNote = bucket > 1 ? ` (each point: mean of ${bucket} iterations, band: their min–max)` : '';
  return [
    { id: 'train-acc', title: `Train accuracy per epoch${band}`, xName: 'Epoch', yName: 'Accuracy', symbols: true, xMin: 0, xMax: maxEpochs, xMinInterval: 1,
      series: plotted(records, (r) => accuracyPerEpoch(r, 'train'), byKeep) },
    { id: 'val-acc', title: `Val accuracy per epoch${band}`, xName: 'Epoch', yName: 'Accuracy', symbols: true, xMin: 0, xMax: maxEpochs, xMinInterval: 1,
      series: plotted(records, (r) => accuracyPerEpoch(r, 'val'), byKeep) },
    { id: 'loss', title: `Training loss per iteration${band}${bucketNote}`, xName: 'Iteration', yName: 'Loss', symbols: false, xMin: 0, xMax: 'dataMax', xMinInterval: 1,
      series: plotted(records, lossPerIteration, byKeep) },
    { id: 'final-acc', title: 'Final accuracy vs keep ratio', xName: 'Keep ratio p', yName: 'Accuracy', symbols: true, xMin: 0, xMax: 1, yMin: 0, yMax: 1,
      series: plotted(records, (r) => [finalAccuracyByKeepRatio(r, 'train'), finalAccuracyByKeepRatio(r, 'val')], (_s, i) => 5 + 2 * i) },
    { id: 'gap', title: 'Generalization gap (train − val) vs keep ratio', xName: 'Keep ratio p', yName: 'Train − val accuracy', symbols: true, xMin: 0, xMax: 1, yMin: 0,
      series: plotted(records, (r) => [generalizationGapByKeepRatio(r)], () => 4) },
  ];
}

/** The regularisation experiment's charts, rendered to inline SVG. */
export function regularizationCharts(records: RunRecord[]): SafeHtml {
  return html`<div class="charts">${regularizationChartSpecs(records).map((spec) => renderChart(spec))}</div>`;
}

/** Most Solver log lines shown per run: the first and last half of them, with the count left out between. */
export const MAX_LOG_LINES = 400;

function shownLog(lines: string[]): string {
  if (lines.length <= MAX_LOG_LINES) return lines.join('\n');
  const half = MAX_LOG_LINES / 2;
  return [...lines.slice(0, half), `… ${lines.length - MAX_LOG_LINES} lines left out (all of them are in record.json) …`, ...lines.slice(-half)].join('\n');
}

const pts = (x: number) => `${(100 * x).toFixed(1)} points`;

/**
 * Inline question 2 answered from a record's own final accuracies: the train–val gap without
 * dropout (or at the largest keep ratio) against the smallest keep ratio, averaged over seeds.
 * @example
 *   inlineQuestion2(record); // "Without dropout (keep 1.00) the final train–val gap is 0.690 …"
 */
export function inlineQuestion2(record: RunRecord): SafeHtml {
  const gap = generalizationGapByKeepRatio(record).points;
  const train = finalAccuracyByKeepRatio(record, 'train').points;
  const val = finalAccuracyByKeepRatio(record, 'val').points;
  if (gap.length < 2) {
    return html`<p>Not enough finished training runs to compare (need two keep ratios with final accuracies; this run has ${gap.length}).</p>`;
  }
  const hi = gap.reduce((a, b) => (b.x > a.x ? b : a));
  const lo = gap.reduce((a, b) => (b.x < a.x ? b : a));
  const at = (list: typeof train, x: number) => list.find((p) => p.x === x)!.mean;
  const seedsNote = hi.n > 1 || lo.n > 1 ? ` (means over ${Math.max(hi.n, lo.n)} seeds)` : '';
  const narrowed = hi.mean - lo.mean;
  const dVal = at(val, lo.x) - at(val, hi.x);
  const valText = Math.abs(dVal) < 0.005 ? 'validation accuracy stays about the same' : dVal > 0 ? `validation accuracy rises by ${pts(dVal)}` : `validation accuracy falls by ${pts(-dVal)}`;
  const first = hi.x === 1 ? `Without dropout (${keepLabel(1)})` : `At the largest keep ratio (${keepLabel(hi.x)})`;
  const verdictText = narrowed > 0
    ? `Dropout narrows the gap by ${pts(narrowed)}: training accuracy drops by ${pts(at(train, hi.x) - at(train, lo.x))} while ${valText}, which is what a regularizer does: the net fits the 500 training examples less closely.`
    : `Here dropout does not narrow the gap (it changes by ${pts(-narrowed)}), so this run shows no regularizing effect.`;
  return html`<p>${first} the final train–val gap is <strong>${hi.mean.toFixed(3)}</strong> (train ${acc(at(train, hi.x))}, val ${acc(at(val, hi.x))}); with ${keepLabel(lo.x)} it is <strong>${lo.mean.toFixed(3)}</strong> (train ${acc(at(train, lo.x))}, val ${acc(at(val, lo.x))})${seedsNote}. ${verdictText}</p>`;
}

function runStatus(run: TrainingRun): SafeHtml {
  if (run.status === 'complete') return badge('pass', 'complete');
  return badge('fail', `${run.status}: ${run.epochsDone} of ${run.numEpochs} epochs`);
}

function runsTable(runs: TrainingRun[]): SafeHtml {
  return html`<table class="runs"><thead><tr><th>run</th><th>keep p</th><th>seed</th><th>status</th><th>final train</th><th>final val</th><th>gap</th><th>best val</th><th>iterations</th><th>time</th></tr></thead>
<tbody>${runs.map((r) => html`<tr><td>${r.name}</td><td class="num">${r.keepRatio}</td><td class="num">${r.seed}</td><td>${runStatus(r)}</td>
<td class="num">${acc(r.finalTrainAcc)}</td><td class="num">${acc(r.finalValAcc)}</td><td class="num">${r.finalTrainAcc !== null && r.finalValAcc !== null ? (r.finalTrainAcc - r.finalValAcc).toFixed(3) : '—'}</td>
<td class="num">${acc(r.bestValAcc)}</td><td class="num">${r.iterations}</td><td class="num">${duration(r.timings.totalMs)}</td></tr>`)}</tbody></table>`;
}

function logs(runs: TrainingRun[]): SafeHtml {
  return html`${runs.map((r) => html`<details class="log"><summary>Solver log: ${keepLabel(r.keepRatio)}, seed ${r.seed} (${r.logLines.length} lines)</summary><pre>${shownLog(r.logLines)}</pre></details>`)}`;
}

/** The regularisation experiment cell: charts for every record, then per record the runs, question 2 and the logs. */
export function regularizationSection(records: RunRecord[]): SafeHtml {
  const anyRuns = records.some((r) => (regularizationCell(r)?.runs.length ?? 0) > 0);
  const body = perRecord(records, (record) => {
    const cell = regularizationCell(record);
    const runs = cell?.runs ?? [];
    const unfinished = runs.filter((r) => r.status !== 'complete' || r.finalTrainAcc === null || r.finalValAcc === null);
    return html`${cellNotice(record, 'regularization', cell)}${runs.length ? runsTable(runs) : ''}
${unfinished.length ? html`<p class="notice">${badge('warn', 'left out')} Final-accuracy charts and the answer below leave out unfinished runs: ${unfinished.map((r) => r.name).join(', ')}.</p>` : ''}
<div class="question"><h3>Inline Question 2</h3><p class="q">Compare the validation and training accuracies with and without dropout – what do your results suggest about dropout as a regularizer?</p>${inlineQuestion2(record)}</div>
${logs(runs)}`;
  });
  const sizes = [...new Set(records.map((r) => `${r.config.numTrain} training examples, hidden ${JSON.stringify(r.config.hiddenDims)}, ${r.config.updateRule} at ${r.config.learningRate}, ${r.config.numEpochs} epochs, batch ${r.config.batchSize}`))];
  return section('regularization', 'Regularization experiment',
    html`<p class="intro">Identical nets trained with and without dropout: ${sizes.join('; ')}. Mean of the run's seeds as a line${records.some((r) => r.config.seeds.length > 1) ? ', min–max over seeds as a band' : ''}; hover a point for its exact value.</p>`,
    html`${anyRuns ? regularizationCharts(records) : ''}${body}`);
}
