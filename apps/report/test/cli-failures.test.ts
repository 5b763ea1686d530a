// Issue 14: every way the output or the input can be unusable gives exit 2, names the flag or
// file and the cause, leaves nothing behind — on a real full and a real read-only disk.
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mountTestsSkipped, mountTmpfs, type Tmpfs } from '@dropout/tmpfs';
import { runCli } from '../src/run-cli.js';
import { fixturePath } from './load-fixture.js';

const root = mkdtempSync(join(tmpdir(), 'dropout-report-failures-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function runFolder(parent: string, name: string, fixture: 'complete' | 'partial' = 'complete'): string {
  const folder = join(parent, name);
  mkdirSync(folder, { recursive: true });
  copyFileSync(fixturePath(fixture), join(folder, 'record.json'));
  return folder;
}

function run(argv: string[]): { code: number; out: string[]; err: string } {
  const out: string[] = [];
  const err: string[] = [];
  const code = runCli(argv, { log: (l) => out.push(l), error: (l) => err.push(l) });
  return { code, out, err: err.join('\n') };
}

describe('report --out refuses to overwrite a run record (issue 14.3)', () => {
  it('refuses the input record itself, and any record.json, and writes nothing', () => {
    const folder = runFolder(root, 'own-record');
    const before = readFileSync(join(folder, 'record.json'), 'utf8');
    const own = run([folder, '--out', join(folder, 'record.json')]);
    expect(own.code).toBe(2);
    expect(own.err).toBe(`report: --out ${join(folder, 'record.json')} is one of the run records being read; write the report to another file, e.g. report.html`);
    const other = runFolder(root, 'other-record');
    const any = run([folder, `--out=${join(other, 'record.json')}`]);
    expect(any.code).toBe(2);
    expect(any.err).toMatch(/--out .*other-record\/record\.json would replace a run record \(record\.json\)/);
    expect(readFileSync(join(folder, 'record.json'), 'utf8')).toBe(before);
    expect(readdirSync(folder)).toEqual(['record.json']);
  });

  it('refuses a folder as --out, naming a file to use instead', () => {
    const folder = runFolder(root, 'folder-out');
    const result = run([folder, '--out', root]);
    expect(result.code).toBe(2);
    expect(result.err).toBe(`report: --out ${root} is a folder; give a file name such as ${join(root, 'report.html')}`);
  });

  it('names --out and the cause for a path under a file (ENOTDIR) and a missing folder (ENOENT), with no stack trace', () => {
    const folder = runFolder(root, 'bad-paths');
    writeFileSync(join(root, 'a-file'), '');
    const under = run([folder, '--out', join(root, 'a-file', 'report.html')]);
    expect(under.code).toBe(2);
    expect(under.err).toBe(`report: --out ${join(root, 'a-file', 'report.html')}: cannot write the report: a part of the path is a file, not a folder (ENOTDIR); choose another --out file or free the disk`);
    const missing = run([folder, '--out', join(root, 'no', 'such', 'report.html')]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/cannot write the report: no such file or folder \(ENOENT\)/);
    expect(`${under.err}${missing.err}`).not.toMatch(/\n\s+at /);
  });
});

describe('report inputs that are too big or not files', () => {
  it('bounds the size of a record with a clear error and a flag to raise it', () => {
    const folder = join(root, 'huge');
    mkdirSync(folder);
    writeFileSync(join(folder, 'record.json'), Buffer.alloc(2 * 2 ** 20 + 1, 0x20));
    const result = run([folder, '--max-record-mib', '2']);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/^report: Run record .*huge\/record\.json is 2\.0 MiB, more than the 2 MiB limit/);
  });

  it('renders a record with 3M loss entries in bounded size (the curve is drawn as 1,000 bucket means)', () => {
    const folder = runFolder(root, 'dense');
    const record = JSON.parse(readFileSync(join(folder, 'record.json'), 'utf8'));
    const run0 = record.cells.find((c: { kind: string }) => c.kind === 'regularization').runs[0];
    run0.lossHistory = Array.from({ length: 3_000_000 }, (_, i) => 2.3 / (1 + i / 1e5));
    run0.iterations = 3_000_000;
    run0.logLines = Array.from({ length: 30_000 }, (_, i) => `(Iteration ${i * 100 + 1} / 3000000) loss: 1.000000`);
    writeFileSync(join(folder, 'record.json'), JSON.stringify(record));
    const result = run([folder]);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    const page = readFileSync(join(folder, 'report.html'), 'utf8');
    expect(page.length).toBeLessThan(2 * 2 ** 20);
    expect(page).toContain('(each point: mean of 3000 iterations, band: their min–max)');
    expect(page).toContain('… 29600 lines left out (all of them are in record.json) …');
  }, 120_000);
});

describe.skipIf(mountTestsSkipped)('report --out on a real full or read-only disk (a 64 KiB tmpfs, issue 14.2)', () => {
  let disk: Tmpfs;
  beforeEach(() => {
    disk = mountTmpfs('64k');
  });
  afterEach(() => disk.unmount());

  it('ENOSPC: exit 2, --out and the path named, the cause in words, nothing left on the disk', () => {
    const folder = runFolder(root, 'to-full-disk');
    const target = join(disk.dir, 'report.html');
    const result = run([folder, '--out', target]);
    expect(result.code).toBe(2);
    expect(result.err).toBe(`report: --out ${target}: cannot write the report: no space left on the device (ENOSPC); choose another --out file or free the disk`);
    expect(readdirSync(disk.dir)).toEqual([]);
  });

  it('EROFS: exit 2 and the read-only file system named (not ENOENT)', () => {
    disk.readOnly();
    const folder = runFolder(root, 'to-ro-disk');
    const target = join(disk.dir, 'report.html');
    const result = run([folder, '--out', target]);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/: cannot write the report: the file system is read-only \(EROFS\)/);
  });

  it('the default output in a read-only run folder says how to write elsewhere', () => {
    const folder = runFolder(disk.dir, 'run');
    disk.readOnly();
    const result = run([folder]);
    expect(result.code).toBe(2);
    expect(result.err).toBe(`report: the default output ${join(folder, 'report.html')}: cannot write the report: the file system is read-only (EROFS); pass --out FILE to write it elsewhere`);
  });
});
