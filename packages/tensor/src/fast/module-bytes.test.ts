import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { moduleBytesSource } from './assemble.js';

const target = fileURLToPath(new URL('./module-bytes.ts', import.meta.url));

describe('generated kernel module', () => {
  it('module-bytes.ts matches what the WAT generators assemble to', async () => {
    const expected = await moduleBytesSource();
    if (process.env.UPDATE_WASM) {
      writeFileSync(`${target}.tmp`, expected);
      renameSync(`${target}.tmp`, target);
    }
    const committed = readFileSync(target, 'utf8');
    expect(committed === expected, 'module-bytes.ts is stale: run `UPDATE_WASM=1 npx vitest run src/fast/module-bytes.test.ts` in packages/tensor').toBe(true);
  });
});
