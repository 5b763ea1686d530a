// PyTorch timings, only where a Python with torch is found (benchmark only: the project never
// needs Python). The interpreter: $DROPOUT_BENCH_PYTHON, else /work/.venv-bench/bin/python or
// .venv-bench/bin/python at the repository root (python3 -m venv .venv-bench &&
// .venv-bench/bin/pip install torch numpy), else python3.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** The Python to ask for torch, and where it came from. */
function candidates() {
  if (process.env.DROPOUT_BENCH_PYTHON) return [[process.env.DROPOUT_BENCH_PYTHON, 'DROPOUT_BENCH_PYTHON']];
  return [[`${root}.venv-bench/bin/python`, '.venv-bench'], ['/work/.venv-bench/bin/python', '/work/.venv-bench'], ['python3', 'python3']]
    .filter(([p]) => p === 'python3' || existsSync(p));
}

/** { python, version } of the first interpreter that imports torch, or { reason } why none does. */
export function torchInfo() {
  const tried = [];
  for (const [python, from] of candidates()) {
    const r = spawnSync(python, ['-c', 'import torch, numpy; print(torch.__version__)'], { encoding: 'utf8' });
    if (r.status === 0) return { python, from, version: r.stdout.trim() };
    tried.push(`${from}: ${(r.stderr || r.error?.message || 'failed').trim().split('\n').at(-1)}`);
  }
  return {
    reason: `no Python with torch (${tried.join('; ')}); install: python3 -m venv .venv-bench && .venv-bench/bin/pip install torch numpy, or set DROPOUT_BENCH_PYTHON`,
  };
}

/** Runs one of the bench's Python scripts with `python` and parses its JSON line. */
export function runPython(python, script, args) {
  const file = fileURLToPath(new URL(`./${script}`, import.meta.url));
  const r = spawnSync(python, [file, ...args.map(String)], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${script} failed: ${r.stderr.trim().split('\n').at(-1)}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1));
}

/** The regularization experiment in PyTorch on the data file the bench wrote. */
export function torchExperiment(info, dataPath, data, seed) {
  return { mode: 'full', ...runPython(info.python, 'torch_experiment.py', [dataPath, data.nTrain, data.nVal, data.dim, data.classes, seed]) };
}
