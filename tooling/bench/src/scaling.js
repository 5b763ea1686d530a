// The scaling table: one epoch over 49,000 CIFAR-shaped rows (batch 100, 490 Adam steps) of
// FullyConnectedNet with hiddenDims [1024, 1024], batch norm and dropout (keep 0.5), then the
// Solver's accuracy check on 1,000 training and 1,000 validation rows — in this project, NumPy
// and PyTorch, each in its own process so its peak RSS is its own. Initial weights,
// minibatches and masks come from numpy.random.RandomState(seed) (createNumpyRng) everywhere.
import { spawnSync } from 'node:child_process';
import { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SCALING = { nTrain: 49000, nVal: 1000, dim: 3072, classes: 10, hidden: [1024, 1024], keep: 0.5, batch: 100, seed: 231 };

/**
 * Writes the rows (float32, train first) and labels (float32) to `path`: class means plus
 * uniform noise from a fixed xorshift stream, generated in 1,000-row chunks (600 MB in all).
 */
export function writeScalingData(path) {
  const { nTrain, nVal, dim, classes } = SCALING;
  const n = nTrain + nVal;
  let s = 0x9e3779b9;
  const next = () => {
    s ^= s << 13; s ^= s >>> 17; s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
  const centers = Float32Array.from({ length: classes * dim }, () => next() - 0.5);
  const labels = Float32Array.from({ length: n }, () => Math.floor(next() * classes));
  const fd = openSync(`${path}.tmp`, 'w');
  try {
    const chunk = new Float32Array(1000 * dim);
    for (let r0 = 0; r0 < n; r0 += 1000) {
      for (let i = 0; i < 1000; i++) {
        const c = labels[r0 + i] * dim;
        for (let j = 0; j < dim; j++) chunk[i * dim + j] = 0.1 * centers[c + j] + (next() - 0.5) * 2;
      }
      const bytes = new Uint8Array(chunk.buffer);
      for (let off = 0; off < bytes.length;) off += writeSync(fd, bytes, off);
    }
    const lb = new Uint8Array(labels.buffer);
    for (let off = 0; off < lb.length;) off += writeSync(fd, lb, off);
    fsyncSync(fd);
  } catch (err) {
    closeSync(fd);
    unlinkSync(`${path}.tmp`);
    throw err;
  }
  closeSync(fd);
  renameSync(`${path}.tmp`, path);
}

/** Runs one system's epoch in a child process; returns its JSON line ({ seconds, peakRssMiB, … }). */
export function runScaling(command, args) {
  const r = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${[command, ...args].join(' ')} failed: ${(r.stderr || '').trim().split('\n').at(-1)}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1));
}

export const projectScalingScript = fileURLToPath(new URL('./scaling-project.js', import.meta.url));
