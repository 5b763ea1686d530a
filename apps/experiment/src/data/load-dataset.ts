import { loadMnist } from '@dropout/data';
import { loadCifar10 } from '@dropout/data/node';
import type { Backend } from '@dropout/tensor';
import { prepareDataset, type LoadedDataset } from '@dropout/notebook';
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
  if (source.kind === 'cifar10') {
    const raw = await loadCifar10(source.dir);
    return { ...prepareDataset(raw, backend, sizes), classNames: raw.classNames };
  }
  // The class names saved with a trained model (MNIST's classes are its digits).
  return { ...prepareDataset(await loadMnist(), backend, sizes), classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] };
}
