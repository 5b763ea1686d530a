import { loadMnist, type DatasetIdentity, type RawImageSplits } from '@dropout/data';

/** Raw image pools with their identity, as `prepareDataset` takes them. */
export type RawDataset = RawImageSplits & { identity: DatasetIdentity };

/**
 * The CLI's embedded MNIST digits: @dropout/data's `mnist.bin`, which Vite copies beside the
 * page and the page fetches from its own origin (once; the pools are shared, read-only).
 * @example
 *   const raw = await loadEmbeddedMnist();
 */
export function loadEmbeddedMnist(): Promise<RawDataset> {
  return loadMnist();
}
