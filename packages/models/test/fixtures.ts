// Loads fixtures/fc-net.json (written by fixtures/gen_fc_net.py, a NumPy reference of the course's
// FullyConnectedNet) and replays its protocol: one NumPy stream seeded 231 gives X, y and then
// each model's weights in turn, exactly as the notebook's "Fully Connected Networks with Dropout" cell.
import { readFileSync } from 'node:fs';
import { createNumpyRng, getBackend, randn, type Tensor } from '@dropout/tensor';
import { FullyConnectedNet, type Normalization } from '../src/index.js';

/** One model of a replayed cell. */
export interface FixtureRun {
  keepRatio: number;
  normalization?: Exclude<Normalization, null>;
  reg?: number;
  loss: number;
  W1TopLeft: number[];
  grads: Record<string, number[]>;
  runningMean1?: number[];
  runningVar1?: number[];
  testScores?: number[];
}

/** A replayed cell: its inputs and one entry per model. */
export interface FixtureCell {
  X: number[];
  y: number[];
  runs: FixtureRun[];
}

interface Fixture {
  N: number;
  D: number;
  H1: number;
  H2: number;
  C: number;
  weightScale: number;
  seed: number;
  streamSeed: number;
  notebook: FixtureCell;
  normalized: FixtureCell;
}

export const fixture = JSON.parse(readFileSync(new URL('../fixtures/fc-net.json', import.meta.url), 'utf8')) as Fixture;

/** What {@link replay} hands each model's check. */
export interface ReplayStep {
  model: FullyConnectedNet;
  run: FixtureRun;
  X: Tensor;
  y: Int32Array;
}

/**
 * Replays a cell in float64: X = randn(N, D), y = randint(0, C, N) from one NumPy stream seeded
 * 231, then for each run a model built from that same stream with seed 123, handed to `check`
 * (which may call loss as often as it likes: every call leaves the stream in the same state).
 */
export function replay(cell: FixtureCell, check: (step: ReplayStep) => void): { X: Tensor; y: Int32Array } {
  const { N, D, H1, H2, C, weightScale, seed, streamSeed } = fixture;
  const rng = createNumpyRng(streamSeed);
  const X = randn(rng, [N, D], getBackend('cpu64'));
  const y = rng.randint(0, C, N);
  for (const run of cell.runs) {
    const model = new FullyConnectedNet({
      hiddenDims: [H1, H2], inputDim: D, numClasses: C, weightScale, dtype: 'float64', seed, rng,
      dropoutKeepRatio: run.keepRatio, normalization: run.normalization ?? null, reg: run.reg ?? 0,
    });
    check({ model, run, X, y });
  }
  return { X, y };
}
