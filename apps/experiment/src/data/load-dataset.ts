import { loadMnist } from '@dropout/data';
import { loadCifar10 } from '@dropout/data/node';
import type { Backend } from '@dropout/tensor';
import { NotebookOptionError, prepareDataset, type LoadedDataset } from '@dropout/notebook';
import { UsageError } from '../cli/usage-error.js';
import type { DataSource } from './data-source.js';

export { COURSE_NUM_TRAINING, planSplits } from '@dropout/notebook';
export type { LoadedDataset, SplitSizes } from '@dropout/notebook';

/**
 * Loads the chosen data onto `backend` with the course's preprocessing (mean image subtracted).
 * @example
 *   const data = await loadDataset({ kind: 'mnist', reason: 'asked' }, getBackend('cpu32'), { numVal: 1000, numTest: 1000 });
 *   data.shapes.X_train; // [8000, 1, 28, 28]
 */
export async function loadDataset(
  source: DataSource, backend: Backend, sizes: { numVal: number; numTest: number },
): Promise<LoadedDataset & { classNames: string[] }> {
  const cifar = source.kind === 'cifar10' ? await loadCifar10(source.dir) : null;
  const raw = cifar ?? (await loadMnist());
  // The class names saved with a trained model (MNIST's classes are its digits).
  const classNames = cifar ? cifar.classNames : ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
  try {
    return { ...prepareDataset(raw, backend, sizes), classNames };
  } catch (error) {
    // A size the data cannot satisfy (--num-val) is the command line's fault: exit 2.
    if (error instanceof NotebookOptionError) throw new UsageError(error.message);
    throw error;
  }
}
