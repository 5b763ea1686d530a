// `pnpm experiment` end to end: the experiment CLI, then the report of the folder it wrote.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const SCRIPT = fileURLToPath(new URL('../experiment-then-report.mjs', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'dropout-pipeline-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function pipeline(args: string[], onStdout?: (soFar: string, kill: (signal: NodeJS.Signals) => void) => void): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env };
    delete env.DROPOUT_DATA;
    delete env.CIFAR10_DIR;
    const child = spawn(process.execPath, [SCRIPT, ...args], { cwd: work, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      onStdout?.(stdout, (signal) => child.kill(signal));
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('pnpm experiment (experiment, then report)', () => {
  it('ends with the record and the report paths, the report beside the record', async () => {
    const result = await pipeline(['--cells', 'dropout-backward', '--out', join(work, 'runs')]);
    expect(result.code, result.stderr).toBe(0);
    const record = /^Record: (.+)$/m.exec(result.stdout)?.[1];
    const report = /^Report: (.+)$/m.exec(result.stdout)?.[1];
    expect(result.stdout.trimEnd().split('\n').slice(-2)).toEqual([`Record: ${record}`, `Report: ${report}`]);
    expect(join(report!, '..')).toBe(join(record!, '..'));
    expect(readFileSync(report!, 'utf8')).toMatch(/^<!doctype html>[\s\S]*dx relative error/);
    expect(result.stdout).not.toContain('Render its report with'); // that hint is for the bare CLI
  });

  it('with --json, the report is one more JSON event after "done"', async () => {
    const result = await pipeline(['--json', '--cells', 'dropout-backward', '--out', join(work, 'json')]);
    expect(result.code, result.stderr).toBe(0);
    const events = result.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, string>);
    expect(events.at(-2)!.event).toBe('done');
    expect(events.at(-1)).toEqual({ event: 'report', path: join(events.at(-2)!.folder!, 'report.html') });
    expect(existsSync(events.at(-1)!.path!)).toBe(true);
  });

  it('passes a usage error through: exit 2, no record, no report', async () => {
    const result = await pipeline(['--epochs', 'many']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^pnpm experiment: --epochs: 'many' is not an integer ≥ 1\n/);
    expect(result.stdout).toBe('');
  });

  it('a SIGTERM reaches the experiment, which keeps a partial record that is still reported (exit 130)', async () => {
    let sent = false;
    const result = await pipeline(['--dataset', 'mnist', '--cells', 'regularization', '--num-train', '100', '--epochs', '200', '--out', join(work, 'stopped')], (soFar, kill) => {
      if (!sent && /^\(Epoch 1 \/ 200\)/m.test(soFar)) {
        sent = true;
        kill('SIGTERM');
      }
    });
    expect(sent).toBe(true);
    expect(result.code, result.stderr).toBe(130);
    const report = /^Report: (.+)$/m.exec(result.stdout)?.[1];
    expect(readFileSync(report!, 'utf8')).toContain('This run is partial');
  }, 60_000);
});
