import { pyNumber, type RunRecord, type TrainingRun } from '@dropout/run-record';

function stats(values: number[]): { mean: number; std: number; min: number; max: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.length > 1 ? values.reduce((a, v) => a + (v - mean) ** 2, 0) / (values.length - 1) : 0;
  return { mean, std: Math.sqrt(variance), min: Math.min(...values), max: Math.max(...values) };
}

function cellText(values: number[]): string {
  if (values.length === 0) return '—';
  const s = stats(values);
  return values.length === 1 ? s.mean.toFixed(3) : `${s.mean.toFixed(3)} ± ${s.std.toFixed(3)}`;
}

/** Final and best accuracies per keep ratio over the completed seeds, as plain numbers. */
export interface KeepRatioSummary {
  keepRatio: number;
  seeds: number[];
  finalTrainAcc: number[];
  finalValAcc: number[];
  bestValAcc: number[];
}

/**
 * Groups the completed training runs by keep ratio.
 * @example
 *   summarizeRuns(cell.runs)[0]; // { keepRatio: 1, seeds: [231], finalTrainAcc: [0.97], … }
 */
export function summarizeRuns(runs: TrainingRun[], keepRatios: number[]): KeepRatioSummary[] {
  return keepRatios.map((keepRatio) => {
    const done = runs.filter((r) => r.keepRatio === keepRatio && r.status === 'complete');
    return {
      keepRatio,
      seeds: done.map((r) => r.seed),
      finalTrainAcc: done.map((r) => r.finalTrainAcc ?? Number.NaN),
      finalValAcc: done.map((r) => r.finalValAcc ?? Number.NaN),
      bestValAcc: done.map((r) => r.bestValAcc),
    };
  });
}

/**
 * The closing table: per keep ratio, final train and validation accuracy and the best
 * validation accuracy, as mean ± sample std over seeds when there are several.
 * @example
 *   summaryLines(record); // ['Regularization (final epoch, mean ± std over seeds 231):', 'keep  train acc  …', …]
 */
export function summaryLines(record: RunRecord): string[] {
  const cell = record.cells.find((c) => c.kind === 'regularization');
  if (!cell || cell.kind !== 'regularization' || cell.runs.length === 0) return [];
  const rows = summarizeRuns(cell.runs, record.config.keepRatios);
  const seeds = record.config.seeds.join(', ');
  const table = [['keep', 'train acc', 'val acc', 'best val acc', 'gap (train - val)', 'seeds done']];
  for (const row of rows) {
    const gaps = row.finalTrainAcc.map((t, i) => t - row.finalValAcc[i]!);
    table.push([pyNumber(row.keepRatio), cellText(row.finalTrainAcc), cellText(row.finalValAcc), cellText(row.bestValAcc), cellText(gaps), String(row.seeds.length)]);
  }
  const widths = table[0]!.map((_, j) => Math.max(...table.map((r) => r[j]!.length)));
  return [
    `Regularization summary (final epoch; mean ± std over seeds ${seeds}):`,
    ...table.map((r) => r.map((c, j) => c.padEnd(widths[j]!)).join('  ').trimEnd()),
  ];
}
