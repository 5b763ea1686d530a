// GEMM throughput at the experiment's three shapes: the first layer's forward product on a
// minibatch, its weight gradient (A read transposed), and an evaluation pass over 1,500 rows.
import { fromArray, loadBackend, matMul, createRng } from '@dropout/tensor';

/** [label, M, K, N, transposeA]. */
export const GEMM_SHAPES = [
  ['(100×3072)·(3072×500)', 100, 3072, 500, false],
  ['(3072×100)ᵀ·(100×500)', 3072, 100, 500, true],
  ['(1500×3072)·(3072×500)', 1500, 3072, 500, false],
];

/**
 * Best time in ms of `run` after warming up (`warmup` calls and at least `warmupMs`: V8 first
 * runs WebAssembly on its baseline compiler and swaps in optimized code from a background
 * thread, which on 2 cores also competes with the GEMM's worker): at least 3 runs, up to
 * `maxReps` while under ~0.6 s in all (a 3 ms product gets ~50 tries, as NumPy's timing loop in
 * numpy.js does).
 */
export function bestMs(run, { warmup = 2, warmupMs = 400, maxReps = 50, budgetMs = 600 } = {}) {
  const warmStart = performance.now();
  for (let i = 0; i < warmup || (warmup > 0 && performance.now() - warmStart < warmupMs); i++) run();
  let best = Infinity;
  let spent = 0;
  for (let reps = 0; reps < maxReps && (reps < 3 || spent < budgetMs); reps++) {
    const t = performance.now();
    run();
    const dt = performance.now() - t;
    best = Math.min(best, dt);
    spent += dt;
  }
  return best;
}

/** A runnable product on one of this project's backends. */
export async function projectMatMul(backendName, M, K, N, transposeA) {
  const backend = await loadBackend(backendName);
  const rng = createRng(1);
  const a = fromArray(rng.randn(M * K), transposeA ? [K, M] : [M, K], backend);
  const b = fromArray(rng.randn(K * N), [K, N], backend);
  return {
    run: () => matMul(a, b, { transposeA }).dispose(),
    dispose: () => { a.dispose(); b.dispose(); },
  };
}

/** GFLOP/s of a product that took `ms`. */
export const gflops = (M, K, N, ms) => (2 * M * K * N) / ms / 1e6;
