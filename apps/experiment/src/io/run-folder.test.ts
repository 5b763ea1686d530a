import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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
