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
 * Argument layout of a shared GEMM task: [gemm kernel index, chunks, unit (rows or columns per
 * chunk), byRows (1/0), element size, M, N, K, a, rsA, csA, b, rsB, csB, c, ldc, accumulate,
 * work, packedB, nPad] — the kernel's own arguments for the whole product plus how to cut it
 * (a column chunk of a prepacked B starts at its first column in the packed layout).
 */
export type SharedGemmArgs = ArrayLike<number>;

/** Claims chunks from `i32[counter]` and runs `gemm` on each until every chunk is taken. */
export function runSharedGemm(gemm: Kernel, args: SharedGemmArgs, i32: Int32Array, counter: number): void {
  const [, chunks, unit, byRows, es, M, N, K, a, rsA, csA, b, rsB, csB, c, ldc, acc, work, pb, npad] = Array.from(args) as number[];
  for (;;) {
    const k = Atomics.add(i32, counter, 1);
    if (k >= chunks!) return;
    const start = k * unit!;
    if (byRows) {
      const rows = Math.min(M!, start + unit!) - start;
      gemm(rows, N!, K!, a! + start * rsA! * es!, rsA!, csA!, b!, rsB!, csB!, c! + start * ldc! * es!, ldc!, acc!, work!, pb!, 0, npad!);
    } else {
      const cols = Math.min(N!, start + unit!) - start;
      gemm(M!, cols, K!, a!, rsA!, csA!, b! + start * csB! * es!, rsB!, csB!, c! + start * es!, ldc!, acc!, work!, pb!, start, npad!);
    }
  }
}
