/** Where a training run stands, as the progress display shows it. */
export interface ProgressState {
  /** e.g. 'keep 0.25 · seed 231'. */
  label: string;
  iteration: number;
  numIterations: number;
  epoch: number;
  numEpochs: number;
  elapsedMs: number;
}

/**
 * Minutes and seconds, `m:ss` (or `h:mm:ss` past an hour), for elapsed times and ETAs.
 * @example
 *   formatDuration(83_000); // '1:23'
 */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/**
 * Time left, extrapolated from the time the iterations done so far took; null before the first.
 * @example
 *   etaMs({ iteration: 25, numIterations: 125, elapsedMs: 10_000 } as ProgressState); // 40000
 */
export function etaMs(state: ProgressState): number | null {
  if (state.iteration <= 0) return null;
  return (state.elapsedMs / state.iteration) * (state.numIterations - state.iteration);
}

/**
 * One terminal line: `keep 0.25 · seed 231 [████░░░░] 40% epoch 10/25 ETA 0:42`, fitted to `columns`.
 * @example
 *   progressBar({ label: 'keep 1', iteration: 50, numIterations: 125, epoch: 10, numEpochs: 25, elapsedMs: 5000 }, 80);
 */
export function progressBar(state: ProgressState, columns: number): string {
  const fraction = state.numIterations > 0 ? Math.min(1, state.iteration / state.numIterations) : 0;
  const eta = etaMs(state);
  const tail = ` ${String(Math.floor(fraction * 100)).padStart(3)}% epoch ${state.epoch}/${state.numEpochs} ${
    eta === null ? 'ETA --:--' : `ETA ${formatDuration(eta)}`
  }`;
  const barWidth = Math.max(10, Math.min(40, columns - state.label.length - tail.length - 4));
  const filled = Math.round(fraction * barWidth);
  const line = `${state.label} [${'█'.repeat(filled)}${'░'.repeat(barWidth - filled)}]${tail}`;
  return line.length > columns - 1 ? line.slice(0, Math.max(0, columns - 1)) : line;
}

/**
 * The plain-text form for logs (output is not a terminal): one line per epoch.
 * @example
 *   progressLine(state); // 'progress: keep 1 · seed 231: epoch 10/25, iteration 50/125 (40%), elapsed 0:05, ETA 0:08'
 */
export function progressLine(state: ProgressState): string {
  const fraction = state.numIterations > 0 ? state.iteration / state.numIterations : 0;
  const eta = etaMs(state);
  return `progress: ${state.label}: epoch ${state.epoch}/${state.numEpochs}, iteration ${state.iteration}/${state.numIterations} (${Math.floor(
    fraction * 100,
  )}%), elapsed ${formatDuration(state.elapsedMs)}, ETA ${eta === null ? '?' : formatDuration(eta)}`;
}
