import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The page (apps/web) bundles this package: no source file may import a Node built-in.
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [join(dir, e.name)] : [],
  );
}

describe('browser safety', () => {
  it('imports no node:* module and no Node-only package entry', () => {
    const files = sources(join(import.meta.dirname, '.'));
    expect(files.length).toBeGreaterThan(8);
    const offenders = files.filter((f) => /from '(node:|fs'|path'|@dropout\/[a-z-]+\/node')/.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
