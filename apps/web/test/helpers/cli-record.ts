// Runs `pnpm experiment` (the built CLI) and returns its record, for comparison with the page's.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import type { RunRecord } from '@dropout/run-record';

const cli = fileURLToPath(new URL('../../../experiment/dist/cli.js', import.meta.url));

export async function cliRecord(args: string[]): Promise<{ record: RunRecord; stdout: string }> {
  const out = mkdtempSync(join(tmpdir(), 'dropout-web-cli-'));
  const { stdout } = await promisify(execFile)(process.execPath, [cli, ...args, '--out', out], { maxBuffer: 64 << 20 });
  const [folder] = readdirSync(out);
  return { record: JSON.parse(readFileSync(join(out, folder!, 'record.json'), 'utf8')) as RunRecord, stdout };
}
