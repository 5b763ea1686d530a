import type { Backend, Rng } from '@dropout/tensor';
import type { TrainingRun } from '@dropout/run-record';
import type { FullyConnectedNet } from '@dropout/models';
import type { NotebookOptions } from '../options.js';
import type { LoadedDataset } from '../data/prepare-dataset.js';
import type { ProgressState } from '../progress/progress.js';

/** What every cell gets from its runner (the CLI or the page): the options, a printer, the stop signal, and shared state. */
export interface CellContext {
  options: NotebookOptions;
  /** Prints one notebook line and keeps it in the cell's record. */
  print(text: string): void;
  /** Progress of a training run: called per iteration (`epochEnded` false) and at the end of each epoch. */
  progress(state: ProgressState, epochEnded: boolean): void;
  /** Called when a training run ends (finished or stopped), so a progress display can be cleared. */
  progressDone(): void;
  /** Aborted on Ctrl-C or the page's Stop; cells stop at the next safe point and keep what they finished. */
  signal: AbortSignal;
  /** The reference float64 backend the course's gradient checks need. */
  cpu64: Backend;
  /** The backend the training nets run on. */
  trainingBackend: Backend;
  /** A fresh random stream of the kind the options' `rng` asks for, seeded with `seed`. */
  makeRng(seed: number): Rng;
  /** The dataset, loaded by the first cell that asks and shared with the later ones. */
  loadData(): Promise<LoadedDataset>;
  /** Called whenever a training run finishes or is interrupted, so the record can be refreshed. */
  onTrainingRun(run: TrainingRun): void;
  /** Optional: the running training run so far (status 'partial'), after every accuracy check, for live charts. */
  onTrainingEpoch?(run: TrainingRun): void;
  /**
   * Where the regularization cell leaves each net it trained to the end, for later cells
   * (mc-dropout) and the runner (which saves them, and frees them when the run ends). Absent: the
   * nets are freed as soon as they are trained.
   */
  trainedNets?: TrainedNet[];
  /** Called with each net just added to `trainedNets` (the CLI saves it beside the record). */
  onTrainedNet?(net: TrainedNet): Promise<void>;
}

/** A net the regularization cell trained, with its training run (whose record it may amend, e.g. `modelPath`). */
export interface TrainedNet {
  run: TrainingRun;
  model: FullyConnectedNet;
}

/** Thrown by a cell when the stop signal interrupted it; what it finished is already recorded. */
export class Interrupted extends Error {
  override name = 'Interrupted';
  constructor(where: string) {
    super(`interrupted during ${where}`);
  }
}

/**
 * Resolves after the event loop has had a turn (a macrotask), so a Ctrl-C handler or a Stop
 * button can run between steps; works in Node and in a page.
 * @example
 *   await yieldToEventLoop();
 */
export function yieldToEventLoop(): Promise<void> {
  const immediate = (globalThis as { setImmediate?: (fn: () => void) => void }).setImmediate;
  return new Promise((done) => (immediate ? immediate(done) : setTimeout(done, 0)));
}
