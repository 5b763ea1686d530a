import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Md5 } from './md5.js';
import { Sha256 } from './sha256.js';

// Oracle: Python's hashlib (test/fixtures/make-hash-fixtures.py).
const { cases } = JSON.parse(readFileSync(new URL('../../test/fixtures/hashes.json', import.meta.url), 'utf8')) as {
  cases: { length: number; md5: string; sha256: string }[];
};
const data = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + 7) % 251);

describe.each([
  ['Md5', () => new Md5(), 'md5'],
  ['Sha256', () => new Sha256(), 'sha256'],
] as const)('%s', (_name, make, key) => {
  it('matches hashlib on inputs across every padding boundary, in one update', () => {
    for (const c of cases) expect(make().update(data(c.length)).digest(), `length ${c.length}`).toBe(c[key]);
  });

  it('gives the same digest when the input arrives in uneven pieces', () => {
    for (const c of cases) {
      const bytes = data(c.length);
      const hash = make();
      for (let at = 0, step = 1; at < bytes.length; at += step, step = (step * 7 + 3) % 97) hash.update(bytes.subarray(at, at + step));
      expect(hash.digest(), `length ${c.length}`).toBe(c[key]);
    }
  });
});
