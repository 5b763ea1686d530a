import type { Backend, Rng } from '@dropout/tensor';
import type { TrainingRun } from '@dropout/optim';
import type { ExperimentOptions } from '../cli/options.js';
import type { ConsoleOutput } from '../output/console-output.js';
import type { LoadedDataset } from '../data/load-dataset.js';

/** What every cell gets from the runner: the options, a printer, the stop signal, and shared state. */
export interface CellContext {
  options: ExperimentOptions;
  /** Prints one notebook line and keeps it in the cell's record. */
  print(text: string): void;
  out: ConsoleOutput;
  /** Aborted on Ctrl-C; cells stop at the next safe point and keep what they finished. */
  signal: AbortSignal;
  /** The reference float64 backend the course's gradient checks need. */
  cpu64: Backend;
  /** The backend the training nets run on (`--backend`). */
  trainingBackend: Backend;
  /** A fresh random stream of the kind `--rng` asks for, seeded with `seed`. */
  makeRng(seed: number): Rng;
  /** The dataset, loaded by the first cell that asks and shared with the later ones. */
  loadData(): Promise<LoadedDataset>;
  /** Called whenever a training run finishes or is interrupted, so the record on disk can be refreshed. */
  onTrainingRun(run: TrainingRun): void;
}

/** Thrown by a cell when the stop signal interrupted it; what it finished is already recorded. */
export class Interrupted extends Error {
  override name = 'Interrupted';
  constructor(where: string) {
    super(`interrupted during ${where}`);
  }
}
