import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from './atomic-write.js';
import { createRunFolder, runTimestamp } from './run-folder.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dropout-run-folder-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('run folders', () => {
  it('names folders <UTC timestamp>-<name>', () => {
    expect(runTimestamp(new Date('2025-08-26T14:03:22.999Z'))).toBe('20250826-140322');
    const folder = createRunFolder(join(dir, 'runs'), 'mnist', new Date('2025-08-26T14:03:22Z'));
    expect(folder).toBe(join(dir, 'runs', '20250826-140322-mnist'));
  });

  it('never reuses a folder: runs in the same second get -2, -3', () => {
    const at = new Date('2025-08-26T14:03:22Z');
    const names = [1, 2, 3].map(() => basename(createRunFolder(dir, 'cifar10', at)));
    expect(names).toEqual(['20250826-140322-cifar10', '20250826-140322-cifar10-2', '20250826-140322-cifar10-3']);
  });
});

describe('writeFileAtomic', () => {
  it('replaces the file in one step and leaves no temp file behind', () => {
    const path = join(dir, 'record.json');
    writeFileSync(path, 'old');
    writeFileAtomic(path, '{"new":true}');
    expect(readFileSync(path, 'utf8')).toBe('{"new":true}');
    expect(readdirSync(dir)).toEqual(['record.json']);
  });

  it('leaves the old file intact and cleans up when the write fails', () => {
    const path = join(dir, 'a-folder');
    writeFileAtomic(join(path, 'inner.txt'), 'x'); // creates the folder
    expect(() => writeFileAtomic(path, 'cannot replace a folder with a file')).toThrow();
    expect(readdirSync(dir)).toEqual(['a-folder']);
    expect(readFileSync(join(path, 'inner.txt'), 'utf8')).toBe('x');
  });
});
