import { pyNumber } from './py-format.js';
import type { RunRecord, TrainingRun } from './run-record.js';

/**
 * Name of one training run of the regularization cell, as records and messages use it.
 * @example
 *   trainingRunName(0.25, 231); // 'keep 0.25, seed 231'
 */
export function trainingRunName(keepRatio: number, seed: number): string {
  return `keep ${pyNumber(keepRatio)}, seed ${seed}`;
}

function runGap(run: TrainingRun | undefined): string {
  if (!run) return 'not started';
  const how = run.status === 'failed' ? 'failed' : 'interrupted';
  return `${how} after ${run.epochsDone} of ${run.numEpochs} epochs${run.error ? `: ${run.error}` : ''}`;
}

/**
 * Everything the config asked for that the record does not hold as finished, each named once:
 * cells that did not run to the end (or never started), and each training run not completed,
 * with the epochs it got to. The experiment stores this as `record.missing`; the report shows it.
 * @example
 *   missingParts(record); // ['cell regularization (interrupted)', 'training run keep 0.25, seed 231: interrupted after 3 of 25 epochs']
 */
export function missingParts(record: RunRecord): string[] {
  const missing: string[] = [];
  for (const id of record.config.cells) {
    if (!record.cells.some((c) => c.id === id)) missing.push(`cell ${id} (not run)`);
  }
  for (const cell of record.cells) {
    // A cell the config did not ask for is not missing, even if an entry for it exists.
    if (cell.status === 'done' || (cell.status === 'skipped' && !record.config.cells.includes(cell.id))) continue;
    const why = cell.status === 'skipped' ? 'not run' : cell.status === 'failed' && cell.error ? `failed: ${cell.error}` : cell.status;
    missing.push(`cell ${cell.id} (${why})`);
    if (cell.kind !== 'regularization') continue;
    const planned = record.config.seeds.flatMap((seed) => record.config.keepRatios.map((keepRatio) => ({ keepRatio, seed })));
    for (const run of cell.runs) {
      if (!planned.some((p) => p.keepRatio === run.keepRatio && p.seed === run.seed)) planned.push({ keepRatio: run.keepRatio, seed: run.seed });
    }
    for (const { keepRatio, seed } of planned) {
      const run = cell.runs.find((r) => r.keepRatio === keepRatio && r.seed === seed);
      if (run?.status === 'complete') continue;
      missing.push(`training run ${trainingRunName(keepRatio, seed)}: ${runGap(run)}`);
    }
  }
  return missing;
}
