// The measurements behind `pnpm bench` for @dropout/tensor, shared by Node and the browser page.
// Every timing includes the readback (readAsync), so asynchronous modes are timed to completion;
// inputs are uploaded once beforehand (resident), as they are during training.

/** The workload's matMul shapes: [name, M, K, N, transposeA]. */
export const SHAPES = [
  ['(100×3072)·(3072×500)', 100, 3072, 500, false],
  ['(3072×100)ᵀ·(100×500)', 100, 3072, 500, true],
  ['(1500×3072)·(3072×500)', 1500, 3072, 500, false],
];

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const now = () => performance.now();

async function timeOnce(api, fn) {
  const t0 = now();
  const out = fn();
  await out.readAsync();
  const ms = now() - t0;
  out.dispose();
  return ms;
}

/**
 * matMul GFLOP/s at the three shapes and the latency of a tiny op (add, 100×500) on `backend`.
 * A shape whose projected time exceeds `maxCallMs` is skipped and reported as such.
 */
export async function benchKernels(api, backend, { repeats = 3, tinyRepeats = 30, maxCallMs = 20_000, log = () => {} } = {}) {
  const rng = api.createRng(0);
  const result = { backend: backend.name, matMul: [], tinyAddMs: null };
  let gflops = null;
  for (const [name, M, K, N, transposeA] of SHAPES) {
    const projectedMs = gflops ? (2 * M * K * N) / (gflops * 1e6) : 0;
    if (projectedMs > maxCallMs) {
      result.matMul.push({ shape: name, skipped: `projected ${(projectedMs / 1000).toFixed(0)} s per call at ${gflops.toFixed(2)} GFLOP/s` });
      log(`${backend.name} ${name}: skipped (projected ${(projectedMs / 1000).toFixed(0)} s)`);
      continue;
    }
    const a = api.fromArray(rng.rand(M * K), transposeA ? [K, M] : [M, K], backend);
    const b = api.fromArray(rng.rand(K * N), [K, N], backend);
    await api.matMul(a, b, { transposeA }).readAsync(); // warm-up: compiles the kernel
    const compile = backend.stats?.().byOp?.matMul?.compileMs;
    const times = [];
    const n = projectedMs > maxCallMs / 4 ? 1 : repeats;
    for (let i = 0; i < n; i++) times.push(await timeOnce(api, () => api.matMul(a, b, { transposeA })));
    a.dispose();
    b.dispose();
    const ms = median(times);
    gflops = (2 * M * K * N) / (ms * 1e6);
    result.matMul.push({ shape: name, ms, gflops, calls: n, ...(compile !== undefined ? { compileMsSoFar: compile } : {}) });
    log(`${backend.name} ${name}: ${ms.toFixed(0)} ms, ${gflops.toFixed(2)} GFLOP/s`);
  }
  const x = api.fromArray(rng.rand(100 * 500), [100, 500], backend);
  const y = api.fromArray(rng.rand(100 * 500), [100, 500], backend);
  for (let i = 0; i < 3; i++) await timeOnce(api, () => api.add(x, y));
  const tiny = [];
  for (let i = 0; i < tinyRepeats; i++) tiny.push(await timeOnce(api, () => api.add(x, y)));
  result.tinyAddMs = median(tiny);
  log(`${backend.name} add 100×500: ${result.tinyAddMs.toFixed(3)} ms`);
  x.dispose();
  y.dispose();
  if (backend.stats) result.stats = backend.stats();
  return result;
}
