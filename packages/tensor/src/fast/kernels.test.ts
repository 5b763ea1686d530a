import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { kernelModules } from './generated/kernel-modules.js';
import { kernelNames, kernelTable } from './kernel-names.js';
import { moduleWat } from './wat/module-wat.js';

// Node 20 has relaxed SIMD behind a flag (the runtime sets it the same way).
setFlagsFromString('--experimental-wasm-relaxed-simd');
const decode = (base64: string): Uint8Array<ArrayBuffer> => Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));

describe('kernel modules built from the WAT generators', () => {
  it('kernels.wat (committed for review) is the text the generators write', () => {
    const committed = readFileSync(fileURLToPath(new URL('./kernels.wat', import.meta.url)), 'utf8');
    expect(committed.endsWith(`${moduleWat(true, true)}\n`), 'src/fast/kernels.wat is stale: run `pnpm --filter @dropout/tensor kernels` and commit it').toBe(true);
  });

  it('builds a shared and a private variant of each module, each exporting every typed kernel', async () => {
    for (const [variant, base64] of Object.entries(kernelModules)) {
      const shared = variant.endsWith('Shared');
      const memory = new WebAssembly.Memory({ initial: 2, maximum: 65536, shared });
      const bytes = decode(base64);
      expect(WebAssembly.validate(bytes), variant).toBe(true);
      const { instance } = await WebAssembly.instantiate(bytes, { env: { memory } });
      expect(Object.keys(kernelTable(instance.exports))).toEqual(kernelNames);
      // A private-memory module refuses shared memory and the other way round: no byte patching.
      const other = new WebAssembly.Memory({ initial: 2, maximum: 65536, shared: !shared });
      await expect(WebAssembly.instantiate(bytes, { env: { memory: other } })).rejects.toThrow();
    }
  });
});
