/**
 * Dynamic work sharing for large GEMMs: the product is cut into more chunks (row or column
 * panels) than there are threads, and every thread — the main one and each worker — claims
 * the next chunk from one atomic counter until none is left. A thread slowed by another job
 * on its core then takes fewer chunks instead of holding everyone up, as a static split did.
 */
import type { Kernel } from './kernel-names.js';

/** Task kind of a shared GEMM in the control block (kernel tasks are k > 0, exit is −1). */
export const SHARED_GEMM_TASK = -2;

/**
 * Argument layout of a shared GEMM task: [gemm kernel index, tiles (register tiles along the
 * split dimension), tile (rows or columns per tile), byRows (1/0), element size, M, N, K, a,
 * rsA, csA, b, rsB, csB, c, ldc, accumulate, work, packedB, nPad, threads, minTiles] — the
 * kernel's own arguments for the whole product plus how to cut it (a column chunk of a
 * prepacked B starts at its first column in the packed layout).
 */
export type SharedGemmArgs = ArrayLike<number>;

/**
 * Where each chunk starts, in tiles, with a final entry `tiles`: guided self-scheduling, each
 * chunk a 1/(2·threads) share of the tiles not yet handed out (at least `minTiles`). The first
 * chunks are large (few re-reads of the shared operand); the last are small, so the threads
 * finish within a small chunk of each other instead of one waiting up to a quarter of the
 * product. Every thread computes the same list; which thread runs a chunk never changes what
 * it computes (each element's sum over k runs in the same order whatever the split).
 */
export function chunkStarts(tiles: number, threads: number, minTiles: number): number[] {
  const starts = [0];
  for (let at = 0; at < tiles; ) {
    at = Math.min(tiles, at + Math.max(minTiles, Math.ceil((tiles - at) / (2 * threads))));
    starts.push(at);
  }
  return starts;
}

/** Claims chunks from `i32[counter]` and runs `gemm` on each until every chunk is taken. */
export function runSharedGemm(gemm: Kernel, args: SharedGemmArgs, i32: Int32Array, counter: number): void {
  const [, tiles, tile, byRows, es, M, N, K, a, rsA, csA, b, rsB, csB, c, ldc, acc, work, pb, npad, threads, minTiles] = Array.from(args) as number[];
  const starts = chunkStarts(tiles!, threads!, minTiles!);
  for (;;) {
    const k = Atomics.add(i32, counter, 1);
    if (k >= starts.length - 1) return;
    const start = starts[k]! * tile!;
    if (byRows) {
      const rows = Math.min(M!, starts[k + 1]! * tile!) - start;
      gemm(rows, N!, K!, a! + start * rsA! * es!, rsA!, csA!, b!, rsB!, csB!, c! + start * ldc! * es!, ldc!, acc!, work!, pb!, 0, npad!);
    } else {
      const cols = Math.min(N!, starts[k + 1]! * tile!) - start;
      gemm(M!, cols, K!, a!, rsA!, csA!, b! + start * csB! * es!, rsB!, csB!, c! + start * es!, ldc!, acc!, work!, pb!, start, npad!);
    }
  }
}
