import { join } from 'node:path';
import type { RunRecord } from '@dropout/run-record';
import type { LoadedDataset, TrainedNet } from '@dropout/notebook';
import { saveModel } from '@dropout/models/node';

/** The folder name of one trained net under `models/`, e.g. `keep-0.25-seed-231`. */
export function modelFolderName(keepRatio: number, seed: number): string {
  return `keep-${keepRatio}-seed-${seed}`;
}

/**
 * Saves a trained net of the regularization cell beside the record, as
 * `<run folder>/models/keep-<p>-seed-<s>/model.json + weights.bin`, with the dataset's
 * preprocessing (mean image, image shape, class names), the run's identity and the versions;
 * returns the folder relative to the run folder, for the record's `modelPath`.
 * @example
 *   run.modelPath = await saveTrainedNet(folder, net, dataset, record); // 'models/keep-0.25-seed-231'
 */
export async function saveTrainedNet(
  folder: string, net: TrainedNet, dataset: LoadedDataset & { classNames: string[] | null }, record: RunRecord,
): Promise<string> {
  const relative = join('models', modelFolderName(net.run.keepRatio, net.run.seed));
  await saveModel(join(folder, relative), {
    model: net.model,
    preprocessing: { inputShape: dataset.XVal.shape.slice(1), meanImage: dataset.meanImage, classNames: dataset.classNames },
    run: {
      name: record.name,
      createdAt: record.createdAt,
      trainingRun: net.run.name,
      ...(record.dataset ? { dataset: { name: record.dataset.name, hash: record.dataset.hash } } : {}),
    },
    versions: record.versions,
  });
  return relative;
}
