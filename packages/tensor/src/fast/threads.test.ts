import { describe, expect, it } from 'vitest';
import { createRng, fromArray, getBackend, loadBackend, matMul, randn, sum, type Tensor } from '../index.js';
import { chunkBounds, chunkStarts, runSharedGemm } from './shared-gemm.js';
import type { WasmBackend } from './wasm-backend.js';

describe('guided GEMM chunks', () => {
  it('hands out 1/(2·threads) of the tiles left, at least minTiles, and ends at the last tile', () => {
    // 500 columns = 63 tiles of 8 on 2 threads: 16, 12, 9, 7, 5, 4, 3, 2, then the minimum 2 and the last 1.
    expect(chunkStarts(63, 2, 2)).toEqual([0, 16, 28, 37, 44, 49, 53, 56, 58, 60, 62, 63]);
    // 3072 rows = 512 tiles of 6 on 3 threads: ceil(512/6) = 86, then ceil(426/6) = 71.
    const rows = chunkStarts(512, 3, 4);
    expect(rows.slice(0, 3)).toEqual([0, 86, 157]);
    expect(rows.at(-1)).toBe(512);
    const sizes = rows.slice(1).map((s, i) => s - rows[i]!);
    expect(sizes.slice(0, -1).every((n) => n >= 4)).toBe(true);
    expect(sizes.every((n, i) => i === 0 || n <= sizes[i - 1]!)).toBe(true); // never growing
    expect(chunkStarts(1, 8, 2)).toEqual([0, 1]);
  });

  it('lays the chunks out from both ends, and a left and a right claimer share them with no column twice or missed', () => {
    // Sizes 16, 12, 9, 7, 5, 4, 3, 2, 2, 2, 1: the even ones from the left (16, 9, 5, 3, 2, 1), the odd ones from the right end (12, 7, 4, 2, 2).
    expect(chunkBounds(63, 2, 2)).toEqual([0, 16, 25, 30, 33, 35, 36, 38, 40, 44, 51, 63]);
    expect(chunkBounds(1, 2, 2)).toEqual([0, 1]);
    // Two claimers on one counter: the right one (side 1) takes its first chunk, and while it "computes", the left one runs to the end.
    const N = 500;
    const i32 = new Int32Array(2);
    const taken: Array<[side: number, first: number, cols: number]> = [];
    const args = (side: number) => [0, 63, 8, 0, 4, 100, N, 30, 0, 30, 1, 0, N, 1, 0, N, 0, 0, 0, 504, 2, 2, side];
    let leftRan = false;
    const gemm = (side: number) => (_m: number, cols: number, ..._rest: number[]) => {
      taken.push([side, _rest[12]!, cols]);
      if (side === 1 && !leftRan) { leftRan = true; runSharedGemm(gemm(0) as never, args(0), i32, 0); }
    };
    runSharedGemm(gemm(1) as never, args(1), i32, 0);
    expect(taken[0]).toEqual([1, 51 * 8, N - 51 * 8]); // the right end first: tiles 51..63, 92 columns
    expect(taken.slice(1).every(([side]) => side === 0)).toBe(true);
    const hits = new Uint8Array(N);
    for (const [, first, cols] of taken) for (let j = first; j < first + cols; j++) hits[j]!++;
    expect(hits.every((h) => h === 1)).toBe(true);
    expect(i32[0]).toBe(11 + 2); // 11 chunks taken, then one failed claim by each
  });
});

describe('shared GEMM on 1, 2 and 3 threads', () => {
  it('gives the same bits whatever the number of threads and the chunks they took', async () => {
    const cpu64 = getBackend('cpu64');
    const backends = await Promise.all(['wasm32:threads=1', 'wasm32:threads=2', 'wasm32:threads=3', 'wasm64:threads=1', 'wasm64:threads=3'].map((s) => loadBackend(s)));
    const rng = createRng(17);
    const bytes = (t: Tensor) => { const v = t.read() as Float32Array | Float64Array; return Buffer.from(v.buffer, v.byteOffset, v.byteLength); };
    // Split by columns (100 rows, 500 columns), by rows (900×70), and transposed A (the weight gradient).
    for (const [M, K, N, transposeA] of [[100, 700, 500, false], [900, 390, 70, false], [500, 100, 300, true]] as const) {
      const a = randn(rng, transposeA ? [K, M] : [M, K], cpu64).read();
      const b = randn(rng, [K, N], cpu64).read();
      for (const bits of [32, 64]) {
        const on = backends.filter((be) => be.floatBits === bits);
        const [one, ...more] = on.map((be) => matMul(fromArray(a, transposeA ? [K, M] : [M, K], be), fromArray(b, [K, N], be), { transposeA }));
        for (const [i, t] of more.entries()) expect(bytes(t).equals(bytes(one!)), `${M}×${K}×${N} float${bits}, ${on[i + 1]!.name}`).toBe(true);
      }
    }
  });
});

describe('sums of large tensors on 1, 2 and 3 threads', () => {
  it('add fixed blocks in order: the same bits on any number of threads, close to cpu64, nothing left on the heap', async () => {
    const cpu64 = getBackend('cpu64');
    const rng = createRng(23);
    // 2^18 elements and up take the blocked path: one exact multiple of the 4096-element block, one with a short last block.
    for (const n of [1 << 18, 3072 * 500 + 7]) {
      const values = randn(rng, [n], cpu64).read();
      const expected = sum(fromArray(values, [n], cpu64)).item();
      for (const type of ['wasm32', 'wasm64']) {
        const backends = (await Promise.all([1, 2, 3].map((t) => loadBackend(`${type}:threads=${t}`)))) as WasmBackend[];
        const got = backends.map((be) => {
          const before = be.info.heapBytes;
          const x = fromArray(values, [n], be);
          const s = sum(x);
          const v = s.item();
          for (const t of [x, s]) t.dispose();
          expect(be.info.heapBytes, `${be.name}: heap`).toBe(before);
          return v;
        });
        expect(got[1], `${type} threads=2 vs 1`).toBe(got[0]);
        expect(got[2], `${type} threads=3 vs 1`).toBe(got[0]);
        // float64 sums either way; wasm32 first rounds each value to float32 (errors that add up like sqrt(n)).
        expect(Math.abs(got[0]! - expected)).toBeLessThan(type === 'wasm64' ? 1e-9 : Math.abs(expected) * 2e-7 + 1e-3);
      }
    }
  });
});
