import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readRegularFile } from '../read-regular-file.js';
import type { ImageDataset, SplitOptions } from '../preprocess.js';
import { CIFAR_BIN_RECORD_BYTES, CIFAR_IMAGE_BYTES } from './cifar-batch.js';
import { CIFAR10_BATCH_FILES, CIFAR10_BATCH_RECORDS, CIFAR10_FOLDERS, CIFAR10_META_FILES, type Cifar10Format } from './cifar10-files.js';
import { fetchCommand, findCifar10 } from './find-cifar10.js';
import { cifar10Splits, loadCifar10FromBatches, type Cifar10Raw } from './from-batches.js';

/** The largest file of each kind a CIFAR-10 folder holds: batches of 10,000 records, a small meta file. */
const MAX_BATCH_BYTES: Record<Cifar10Format, number> = {
  bin: CIFAR10_BATCH_RECORDS * CIFAR_BIN_RECORD_BYTES,
  // 30,720,000 pixel bytes plus the labels, file names and pickle framing (~316 KB in the official files).
  py: CIFAR10_BATCH_RECORDS * CIFAR_IMAGE_BYTES + 4 * 1024 * 1024,
};
const MAX_META_BYTES = 1024 * 1024;

/**
 * The course's `load_CIFAR10(ROOT)`: reads every batch of `dir` (the `cifar-10-batches-bin`
 * or `cifar-10-batches-py` folder, or the folder holding it; format detected) into bytes.
 * Unlike the course it keeps the files' channels-first uint8 layout; {@link getCifar10Data}
 * converts. Each batch must be a regular file no larger than an official one, and all must hold
 * the same number of records. Throws, listing missing batches and the fetch command.
 * @example
 *   const raw = await loadCifar10('data');
 *   raw.yTrain.length; // 50000
 */
export async function loadCifar10(dir: string): Promise<Cifar10Raw & { folder: string }> {
  const found = findCifar10(dir);
  if (!found) {
    throw new Error(
      `No CIFAR-10 data in ${resolve(dir)}: expected a ${CIFAR10_FOLDERS.py}/ or ${CIFAR10_FOLDERS.bin}/ folder there (or ${dir} to be one). ` +
        `Download it with: ${fetchCommand('py', dir)}`,
    );
  }
  const { folder, format, missing } = found;
  if (missing.length > 0) {
    throw new Error(`CIFAR-10 folder ${folder} is missing ${missing.join(', ')}. Download it again with: ${fetchCommand(format, folder)}`);
  }
  const fix = `Download it again with: ${fetchCommand(format, folder)}`;
  const files = new Map<string, Uint8Array>();
  for (const file of CIFAR10_BATCH_FILES[format]) {
    files.set(file, await readRegularFile(join(folder, file), { what: `a CIFAR-10 ${format} batch`, maxBytes: MAX_BATCH_BYTES[format], fix }));
  }
  const metaPath = join(folder, CIFAR10_META_FILES[format]);
  if (existsSync(metaPath)) files.set(CIFAR10_META_FILES[format], await readRegularFile(metaPath, { what: 'a CIFAR-10 meta file', maxBytes: MAX_META_BYTES, fix }));
  try {
    const raw = await loadCifar10FromBatches(files, { source: folder, createHash: () => createHash('sha256') });
    return { ...raw, folder };
  } catch (err) {
    // Messages start with the batch's file name; put the folder in front so the path is complete.
    const message = (err as Error).message;
    const file = [...files.keys()].find((f) => message.startsWith(`${f}:`));
    throw new Error(file ? `${join(folder, file)}${message.slice(file.length)}` : message, { cause: err });
  }
}

/** Options of {@link getCifar10Data}: the folder and the course's split options. */
export interface Cifar10Options extends SplitOptions {
  /** `cifar-10-batches-bin/`, `cifar-10-batches-py/`, or the folder holding one. */
  dir: string;
}

/**
 * The course's `get_CIFAR10_data()`: 49,000 training, 1,000 validation (training records
 * 49000…49999) and 1,000 test images, mean training image subtracted, `[N, 3, 32, 32]` float
 * tensors and Int32Array labels, plus the dataset identity for run records.
 * @example
 *   const data = await getCifar10Data({ dir: 'data', dtype: 'float32' });
 *   data.XVal.shape; // [1000, 3, 32, 32]
 */
export async function getCifar10Data(options: Cifar10Options): Promise<ImageDataset & { classNames: string[] }> {
  return cifar10Splits(await loadCifar10(options.dir), options);
}
