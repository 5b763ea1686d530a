import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseArgs, runCli } from '../src/run-cli.js';
import { writeReport } from '../src/write-report.js';
import { fixturePath, type FixtureName } from './load-fixture.js';

const root = mkdtempSync(join(tmpdir(), 'dropout-report-cli-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function runFolder(name: string, fixture: FixtureName): string {
  const folder = join(root, name);
  mkdirSync(folder, { recursive: true });
  copyFileSync(fixturePath(fixture), join(folder, 'record.json'));
  return folder;
}

function run(argv: string[]): { code: number; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const code = runCli(argv, { log: (l) => out.push(l), error: (l) => err.push(l) });
  return { code, out, err };
}

describe('report CLI', () => {
  it('writes <folder>/report.html, prints its path, and leaves no temporary file', () => {
    const folder = runFolder('default', 'complete');
    const { code, out, err } = run([folder]);
    expect({ code, err }).toEqual({ code: 0, err: [] });
    expect(out).toEqual([join(folder, 'report.html')]);
    expect(readFileSync(out[0]!, 'utf8')).toMatch(/^<!doctype html>[\s\S]*<strong>complete<\/strong>[\s\S]*<\/html>\n$/);
    expect(readdirSync(folder).sort()).toEqual(['record.json', 'report.html']);
  });

  it('compares several folders in one page written where --out says', () => {
    const a = runFolder('a', 'complete');
    const b = runFolder('b', 'sweep');
    const target = join(root, 'both.html');
    const { code, out } = run([a, b, '--out', target]);
    expect(code).toBe(0);
    expect(out).toEqual([target]);
    const page = readFileSync(target, 'utf8');
    expect(page).toContain('<th scope="col">complete</th><th scope="col">sweep</th>');
  });

  it('replaces an existing report in one step (rename over it)', () => {
    const folder = runFolder('again', 'partial');
    writeFileSync(join(folder, 'report.html'), 'old');
    expect(writeReport(folder)).toBe(join(folder, 'report.html'));
    expect(readFileSync(join(folder, 'report.html'), 'utf8')).toContain('This run is partial');
  });

  it('fails with a message naming the file and the bad field for an invalid record', () => {
    const folder = runFolder('broken', 'complete');
    const record = JSON.parse(readFileSync(join(folder, 'record.json'), 'utf8'));
    record.cells[4].runs[0].seed = 'one';
    writeFileSync(join(folder, 'record.json'), JSON.stringify(record));
    const { code, err } = run([folder]);
    expect(code).toBe(2);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(/^report: .*record\.json: Invalid run record at record\.cells\[4\]\.runs\[0\]\.seed: expected a finite number, got "one" \(a string\)$/);
    expect(readdirSync(folder)).toEqual(['record.json']);
  });

  it('fails with a hint for a folder without record.json, and for no folder at all', () => {
    const missing = run([join(root, 'nope')]);
    expect(missing.code).toBe(2);
    expect(missing.err[0]).toMatch(/Cannot read run record .*nope\/record\.json: no such file or folder \(ENOENT\); pass a run folder/);
    const none = run([]);
    expect(none.code).toBe(2);
    expect(none.err[0]).toMatch(/No run folder given\.\nUsage: report <run folder…>/);
  });

  it('parses --out FILE, --out=FILE, --help and rejects unknown options', () => {
    expect(parseArgs(['r1', '--out=x.html', 'r2'])).toEqual({ folders: ['r1', 'r2'], out: 'x.html', help: false });
    expect(parseArgs(['--help']).help).toBe(true);
    expect(() => parseArgs(['r1', '--out'])).toThrow(/--out needs a file name/);
    expect(() => parseArgs(['r1', '--verbose'])).toThrow(/Unknown option --verbose/);
    expect(() => parseArgs(['r1', '--out', 'a.html', '--out', 'b.html'])).toThrow(/--out is given twice/);
    expect(parseArgs(['r1', '--max-record-mib', '256']).maxRecordMiB).toBe(256);
    expect(() => parseArgs(['r1', '--max-record-mib', '0x10'])).toThrow(/--max-record-mib: '0x10' is not a whole number of MiB ≥ 1/);
  });
});
