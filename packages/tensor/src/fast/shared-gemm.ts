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
 * rsA, csA, b, rsB, csB, c, ldc, accumulate, work, packedB, nPad, threads, minTiles, side] — the
 * kernel's own arguments for the whole product plus how to cut it (a column chunk of a
 * prepacked B starts at its first column in the packed layout; side: see runSharedGemm).
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

/**
 * Chunk boundaries in tiles (first 0, last `tiles`): the {@link chunkStarts} sizes laid out
 * alternately from both ends (largest at the ends, smallest in the middle), so a thread that
 * claims from the left and one that claims from the right each start big and meet on small
 * chunks. The thread on the right keeps the same columns (or rows) from product to product:
 * with a B packed once and read by 15 products in a row, its half of B stays in its core's cache.
 */
export function chunkBounds(tiles: number, threads: number, minTiles: number): number[] {
  const starts = chunkStarts(tiles, threads, minTiles);
  const sizes = starts.slice(1).map((s, i) => s - starts[i]!);
  const left = sizes.filter((_, i) => i % 2 === 0);
  const right = sizes.filter((_, i) => i % 2 === 1).reverse();
  const bounds = [0];
  for (const size of [...left, ...right]) bounds.push(bounds[bounds.length - 1]! + size);
  return bounds;
}

/**
 * Claims chunks and runs `gemm` on each until every chunk is taken. `i32[counter]` counts the
 * chunks taken; thread `side` 1 takes them from the right end (its k-th claim is chunk
 * `chunks − 1 − k`), every other thread the next one from the left (`i32[counter + 1]`). The two
 * never meet on the same chunk: no more claims succeed than there are chunks.
 */
export function runSharedGemm(gemm: Kernel, args: SharedGemmArgs, i32: Int32Array, counter: number): void {
  const [, tiles, tile, byRows, es, M, N, K, a, rsA, csA, b, rsB, csB, c, ldc, acc, work, pb, npad, threads, minTiles, side] = Array.from(args) as number[];
  const bounds = chunkBounds(tiles!, threads!, minTiles!);
  const chunks = bounds.length - 1;
  for (let mine = 0; ; mine++) {
    if (Atomics.add(i32, counter, 1) >= chunks) return;
    const k = side === 1 ? chunks - 1 - mine : Atomics.add(i32, counter + 1, 1);
    const start = bounds[k]! * tile!;
    if (byRows) {
      const rows = Math.min(M!, bounds[k + 1]! * tile!) - start;
      gemm(rows, N!, K!, a! + start * rsA! * es!, rsA!, csA!, b!, rsB!, csB!, c! + start * ldc! * es!, ldc!, acc!, work!, pb!, 0, npad!);
    } else {
      const cols = Math.min(N!, bounds[k + 1]! * tile!) - start;
      gemm(M!, cols, K!, a!, rsA!, csA!, b! + start * csB! * es!, rsB!, csB!, c! + start * es!, ldc!, acc!, work!, pb!, start, npad!);
    }
  }
}
