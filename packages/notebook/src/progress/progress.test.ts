import { describe, expect, it } from 'vitest';
import { etaMs, formatDuration, progressBar, progressLine, type ProgressState } from './progress.js';

const state = (over: Partial<ProgressState> = {}): ProgressState => ({
  label: 'keep 1 · seed 231', iteration: 50, numIterations: 125, epoch: 10, numEpochs: 25, elapsedMs: 10_000, ...over,
});

describe('progress formatting', () => {
  it('formats durations as m:ss and h:mm:ss', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(83_000)).toBe('1:23');
    expect(formatDuration(3_725_000)).toBe('1:02:05');
  });

  it('extrapolates the ETA from the time per iteration so far', () => {
    expect(etaMs(state())).toBe(15_000); // 10 s for 50 iterations, 75 to go
    expect(etaMs(state({ iteration: 0 }))).toBeNull();
  });

  it('draws a bar with percentage, epoch and ETA that fits the terminal', () => {
    const line = progressBar(state(), 80);
    expect(line).toMatch(/^keep 1 · seed 231 \[█+░+\]  40% epoch 10\/25 ETA 0:15$/);
    expect(line.length).toBeLessThan(80);
    expect(progressBar(state(), 30).length).toBeLessThan(30);
  });

  it('writes a plain line for logs', () => {
    expect(progressLine(state())).toBe('progress: keep 1 · seed 231: epoch 10/25, iteration 50/125 (40%), elapsed 0:10, ETA 0:15');
  });
});
