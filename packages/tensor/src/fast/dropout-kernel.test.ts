import { describe, expect, it } from 'vitest';
import { createRng, dropoutMask, fromArray, getBackend, loadBackend, type Tensor } from '../index.js';
import type { WasmBackend } from './wasm-backend.js';

const bytes = (t: Tensor) => { const v = t.read() as Float32Array | Float64Array; return Buffer.from(v.buffer, v.byteOffset, v.byteLength); };

describe('the wasm dropout kernels', () => {
  it('give the bits of the reference loop: with and without ReLU, NaN, ±0, ±Infinity, SIMD tails, split across threads', async () => {
    const rng = createRng(41);
    // 4k + 3 elements (a scalar tail on both widths) and 2^18 + 5 (split across threads).
    for (const n of [7, 1003, (1 << 18) + 5]) {
      const values = Float64Array.from(rng.rand(n), (r) => (r - 0.5) * 8);
      values.set([NaN, -0, 0, Infinity, -Infinity, 1e-40, -3], 0);
      const u = Float64Array.from(rng.rand(n));
      u.set([0.1, 0.1, 0.9, 0.1, 0.2, 0.25, 0.3], 0); // u = p exactly drops (u < p is false)
      for (const [wasm, cpu] of [['wasm32', 'cpu32'], ['wasm64', 'cpu64'], ['wasm32:threads=1', 'cpu32']] as const) {
        const [be, ref] = [(await loadBackend(wasm)) as WasmBackend, getBackend(cpu)];
        for (const p of [0.25, 0.3, 1]) {
          for (const relu of [false, true]) {
            const before = be.info.heapBytes;
            const x = fromArray(values, [n], be);
            const got = dropoutMask(x, u, p, { relu });
            const want = dropoutMask(fromArray(values, [n], ref), u, p, { relu });
            const what = `${wasm} n=${n} p=${p} relu=${relu}`;
            expect(bytes(got.mask).equals(bytes(want.mask)), `${what}: mask`).toBe(true);
            expect(bytes(got.out).equals(bytes(want.out)), `${what}: out`).toBe(true);
            for (const t of [x, got.out, got.mask]) t.dispose();
            expect(be.info.heapBytes, `${what}: heap`).toBe(before); // the uniforms' copy is freed
          }
        }
      }
    }
  });

  it('drops what the reference drops on a hand-checked row', async () => {
    const be = await loadBackend('wasm32');
    const x = fromArray([1, -2, 3, NaN, 5], [5], be);
    const { out, mask } = dropoutMask(x, [0.1, 0.1, 0.6, 0.1, 0.49], 0.5, { relu: true });
    expect(Array.from(mask.read())).toEqual([2, 2, 0, 2, 2]);
    expect(Array.from(out.read())).toEqual([2, 0, 0, 0, 10]);
  });
});
