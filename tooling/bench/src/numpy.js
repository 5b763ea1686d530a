// NumPy timings, only where python3 with NumPy is installed (benchmark only: the project
// itself never needs Python).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('./numpy_experiment.py', import.meta.url));

/** NumPy's version and BLAS, or null when python3 or NumPy is missing. */
export function numpyInfo() {
  const r = spawnSync('python3', ['-c', 'import numpy, sys; print(numpy.__version__)'], { encoding: 'utf8' });
  return r.status === 0 ? { version: r.stdout.trim() } : null;
}

/** The experiment in NumPy on the data file the bench wrote (see numpy_experiment.py). */
export function numpyExperiment(dataPath, data, seed) {
  const r = spawnSync('python3', [script, dataPath, data.nTrain, data.nVal, data.dim, data.classes, seed].map(String), {
    encoding: 'utf8', maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`numpy_experiment.py failed: ${r.stderr}`);
  return { mode: 'full', ...JSON.parse(r.stdout) };
}

/** NumPy's best time for op(a)·op(b) in float32, in milliseconds. */
export function numpyMatMul(M, K, N, transposeA) {
  const code = `
import numpy as np, time
r = np.random.RandomState(0)
a = r.randn(${transposeA ? `${K}, ${M}` : `${M}, ${K}`}).astype(np.float32)
b = r.randn(${K}, ${N}).astype(np.float32)
f = (lambda: a.T.dot(b)) if ${transposeA ? 'True' : 'False'} else (lambda: a.dot(b))
f(); f()
best = 1e9; spent = 0.0; reps = 0
while reps < 50 and (reps < 3 or spent < 0.6):
    t = time.perf_counter(); f(); dt = time.perf_counter() - t
    best = min(best, dt); spent += dt; reps += 1
print(best * 1000)`;
  const r = spawnSync('python3', ['-c', code], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`numpy matmul failed: ${r.stderr}`);
  return Number(r.stdout.trim());
}
