// --json, --quiet and --rng seedrandom, on the quick cells (no data, no training).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRunRecord } from '@dropout/run-record/node';
import { startCli } from './helpers/run-cli.js';

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'dropout-experiment-output-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('--json', () => {
  it('prints one JSON object per line, ending with where the record is', async () => {
    const result = await startCli(['--json', '--backend', 'cpu32', '--cells', 'dropout-backward', '--out', join(work, 'json')], work);
    expect(result.code, result.stderr).toBe(0);
    const events = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    // --backend only matters to the regularization cell: warned about, still recorded as requested.
    expect(events[0]).toMatchObject({ event: 'warning', text: expect.stringContaining('--backend is not used by the chosen cells (dropout-backward)') });
    expect(events[1]).toMatchObject({ event: 'start', backend: { requested: 'cpu32', name: 'cpu32', floatBits: 32 } });
    expect(events).toContainEqual({ event: 'line', cell: 'dropout-backward', text: expect.stringMatching(/^dx relative error: {2}\d\.\d+e-1\d$/) });
    const done = events.at(-1)!;
    expect(done).toMatchObject({ event: 'done', status: 'complete', missing: [] });
    expect(existsSync(done.record as string)).toBe(true);
    expect(join(done.record as string, '..')).toBe(done.folder);
    expect(readRunRecord(done.record as string).cells[0]).toMatchObject({ id: 'dropout-backward', status: 'done' });
  });
});

describe('--quiet', () => {
  it('prints only where the record is', async () => {
    const result = await startCli(['--quiet', '--cells', 'dropout-backward', '--out', join(work, 'quiet')], work);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^Record: \S+record\.json\n$/);
  });
});

describe('--rng seedrandom', () => {
  it('runs the forward cell on the seedrandom stream: zero fractions near 1 - p, test mode the identity', async () => {
    const result = await startCli(['--rng', 'seedrandom', '--cells', 'dropout-forward', '--out', join(work, 'seedrandom')], work);
    expect(result.code, result.stderr).toBe(0);
    const record = readRunRecord(/^Record: (.+)$/m.exec(result.stdout)![1]!);
    expect(record.config.rng).toBe('seedrandom');
    const cell = record.cells[0]!;
    if (cell.kind !== 'dropout-forward') throw new Error('unexpected cell');
    for (const row of cell.rows) {
      expect(Math.abs(row.trainZeroFraction - (1 - row.p))).toBeLessThan(0.01);
      expect(Math.abs(row.trainMean - 10) / 10).toBeLessThan(0.01);
      expect(row.testMean).toBe(row.inputMean);
      expect(row.testZeroFraction).toBe(0);
    }
    expect(cell.rows.map((r) => r.trainZeroFraction)).not.toEqual([0.749784, 0.600796, 0.30074]);
  });
});
