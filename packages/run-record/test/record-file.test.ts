import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readRunRecord, RECORD_FILE, writeRunRecord } from '../src/node.js';
import { broken, record } from './sample-record.js';
import type { RunRecord } from '../src/index.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dropout-record-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('writeRunRecord and readRunRecord', () => {
  it('round-trips a record through <folder>/record.json', () => {
    const path = writeRunRecord(dir, record());
    expect(path).toBe(join(dir, RECORD_FILE));
    expect(readRunRecord(dir)).toEqual(record());
    expect(readRunRecord(path)).toEqual(record());
    expect(readFileSync(path, 'utf8').endsWith('}\n')).toBe(true);
  });

  it('never writes an invalid record', () => {
    expect(() => writeRunRecord(dir, broken((r) => (r.config.keepRatios = [-5])) as RunRecord)).toThrow(/record\.config\.keepRatios\[0\]/);
    expect(() => readRunRecord(dir)).toThrow(/Cannot read run record .*record\.json: no such file or folder \(ENOENT\); pass a run folder/);
  });

  it('names the file with bad JSON, a bad field, or a nesting too deep to parse', () => {
    writeFileSync(join(dir, RECORD_FILE), '{"schemaVersion": 1, "name": ');
    expect(() => readRunRecord(dir)).toThrow(new RegExp(`Run record ${join(dir, RECORD_FILE)} is not valid JSON`));
    writeFileSync(join(dir, RECORD_FILE), JSON.stringify(broken((r) => (r.cells[4].runs[0].keepRatio = -5))));
    expect(() => readRunRecord(dir)).toThrow(`${join(dir, RECORD_FILE)}: Invalid run record at record.cells[4].runs[0].keepRatio`);
    const deep = `${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}`;
    writeFileSync(join(dir, RECORD_FILE), deep);
    expect(() => readRunRecord(dir)).toThrow(/is not valid JSON \(it is nested too deeply\)|Invalid run record at record: expected an object/);
  });

  it('refuses a FIFO at once instead of waiting for a writer', () => {
    execFileSync('mkfifo', [join(dir, RECORD_FILE)]);
    expect(() => readRunRecord(dir)).toThrow(/is not a regular file/);
  });

  it('refuses /dev/zero and files above the size limit before reading them', () => {
    symlinkSync('/dev/zero', join(dir, RECORD_FILE));
    expect(() => readRunRecord(dir)).toThrow(/is not a regular file/);
    rmSync(join(dir, RECORD_FILE));
    writeFileSync(join(dir, RECORD_FILE), Buffer.alloc(3 * 2 ** 20, 0x20));
    expect(() => readRunRecord(dir, { maxBytes: 2 ** 20 })).toThrow(/is 3\.0 MiB, more than the 1 MiB limit/);
  });
});
