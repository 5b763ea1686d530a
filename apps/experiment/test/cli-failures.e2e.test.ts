// Issue 14: what the CLI does when the output folder is unusable or fills up, and for input the
// data cannot satisfy — exit 2 (1 when the disk fills mid-run), the flag and path named, the
// cause in words, no stack trace, nothing half-written. Real full and read-only disks (tmpfs).
import { closeSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readRunRecord } from '@dropout/run-record/node';
import { mountTestsSkipped, mountTmpfs, type Tmpfs } from '@dropout/tmpfs';
import { writeLearnableCifarFolder } from '@dropout/data/testing';
import { startCli } from './helpers/run-cli.js';

let work: string;
let dataRoot: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'dropout-experiment-failures-'));
  dataRoot = join(work, 'cifar');
  writeLearnableCifarFolder(dataRoot, 6); // 30 training-pool records, 6 test records
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Writes 1 KiB chunks until the file system refuses (ENOSPC). */
function fillDisk(path: string): void {
  const fd = openSync(path, 'w');
  try {
    for (;;) writeSync(fd, Buffer.alloc(1024));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    closeSync(fd);
  }
}

const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/);
const quick = ['--cells', 'dropout-backward'];

describe('--out that cannot be used (exit 2, nothing left behind)', () => {
  it('a file in the way of --out', async () => {
    writeFileSync(join(work, 'taken'), 'not a folder');
    const result = await startCli([...quick, '--out', join(work, 'taken')], work);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`^pnpm experiment: --out ${join(work, 'taken')}: cannot write the run folder ${join(work, 'taken')}: a file is in the way \\(EEXIST\\); choose another --out folder or free the disk\\n$`));
    expect(result.stdout).toBe('');
    expect(readFileSync(join(work, 'taken'), 'utf8')).toBe('not a folder');
  });

  it('a path under a file (ENOTDIR)', async () => {
    const result = await startCli([...quick, '--out', join(work, 'taken', 'runs')], work);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--out .*taken\/runs: cannot write the run folder .*: a part of the path is a file, not a folder \(ENOTDIR\)/);
    noStack(result.stderr);
  });
});

describe.skipIf(mountTestsSkipped)('--out on a real read-only or full disk (a 64 KiB tmpfs)', () => {
  let disk: Tmpfs;
  beforeEach(() => {
    disk = mountTmpfs('64k');
  });
  afterEach(() => disk.unmount());

  it('EROFS: exit 2, the read-only file system named (not ENOENT)', async () => {
    disk.readOnly();
    const result = await startCli([...quick, '--out', join(disk.dir, 'runs')], work);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^pnpm experiment: --out .*runs: cannot write the run folder .*: the file system is read-only \(EROFS\); choose another --out folder or free the disk\n$/);
  });

  it('ENOSPC before the first record: exit 2 and no empty run folder left', async () => {
    mkdirSync(join(disk.dir, 'runs'));
    writeFileSync(join(disk.dir, 'ballast'), Buffer.alloc(60 * 1024));
    try {
      writeFileSync(join(disk.dir, 'ballast2'), Buffer.alloc(4 * 1024));
    } catch {
      // the disk is already full
    }
    const result = await startCli([...quick, '--out', join(disk.dir, 'runs')], work);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--out .*: cannot write the run folder .*: no space left on the device \(ENOSPC\)/);
    expect(readdirSync(join(disk.dir, 'runs'))).toEqual([]);
  });

  it('ENOSPC mid-run: exit 1, the record path and cause named, the last good record kept and valid', async () => {
    const args = ['--data', dataRoot, '--num-train', '20', '--num-val', '10', '--num-test', '6', '--batch-size', '10',
      '--cells', 'dropout-forward,regularization', '--epochs', '5', '--out', join(disk.dir, 'runs')];
    let filled = false;
    // Once the forward cell has printed (the run folder and first record exist), fill the disk to the last byte.
    const result = await startCli(args, work, (soFar) => {
      if (filled || !soFar.includes('Running tests with p =  0.7')) return;
      filled = true;
      fillDisk(join(disk.dir, 'ballast'));
    });
    expect(filled).toBe(true);
    expect(result.code, result.stdout + result.stderr).toBe(1);
    expect(result.stderr).toMatch(/^pnpm experiment: Cannot write .*record\.json: no space left on the device \(ENOSPC\); the record written before it is kept in /m);
    noStack(result.stderr);
    const [folder] = readdirSync(join(disk.dir, 'runs'));
    const run = join(disk.dir, 'runs', folder!);
    // No temp file and no half-saved model: models/ is there only if a net was saved whole before the
    // disk filled (the child may train one before the fill lands), and then every model folder is complete.
    const entries = readdirSync(run).sort();
    expect(entries.filter((e) => e !== 'models')).toEqual(['record.json']);
    if (entries.includes('models')) {
      const saved = readdirSync(join(run, 'models'));
      expect(saved.length).toBeGreaterThan(0);
      for (const net of saved) expect(readdirSync(join(run, 'models', net)).sort()).toEqual(['model.json', 'weights.bin']);
    }
    expect(readRunRecord(join(disk.dir, 'runs', folder!)).config.cells).toEqual(['dropout-forward', 'regularization']);
  }, 60_000);
});

describe('sizes the data cannot satisfy are usage errors, with no run folder', () => {
  it('--num-train larger than the training split: exit 2, the message alone', async () => {
    const out = join(work, 'too-many');
    const result = await startCli(['--data', dataRoot, '--num-val', '10', '--num-train', '500', '--cells', 'regularization', '--out', out], work);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('pnpm experiment: --num-train 500: the training split holds only 20 images (CIFAR-10); lower --num-train\n');
    expect(() => readdirSync(out)).toThrow();
  });

  it('--num-val that leaves no training images: exit 2', async () => {
    const result = await startCli(['--data', dataRoot, '--num-val', '30', '--cells', 'data', '--out', join(work, 'runs')], work);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^pnpm experiment: --num-val 30: the training pool holds only 30 images/);
  });
});

describe('--json: usage errors are JSON events too', () => {
  it('a bad flag gives one error event on stdout and exit 2', async () => {
    const result = await startCli(['--json', '--epochs', 'two'], work);
    expect(result.code).toBe(2);
    expect(result.stdout.trim().split('\n').map((l) => JSON.parse(l))).toEqual([
      { event: 'error', kind: 'usage', exitCode: 2, message: "--epochs: 'two' is not an integer ≥ 1" },
    ]);
    expect(result.stderr).toBe('');
  });

  it('warnings about ignored flags are JSON events, and the record lists those flags as ignored', async () => {
    const result = await startCli(['--json', ...quick, '--epochs', '3', '--out', join(work, 'ignored')], work);
    expect(result.code, result.stderr).toBe(0);
    const events = result.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(events[0]).toEqual({ event: 'warning', text: 'pnpm experiment: warning: --epochs is not used by the chosen cells (dropout-backward) and is ignored; it is used by --cells regularization' });
    const done = events.at(-1)!;
    expect(readRunRecord(done.record as string).config.ignoredFlags).toEqual(['--epochs']);
  });
});
