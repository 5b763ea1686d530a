import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { DatasetIdentity } from '../identity.js';
import { preprocessSplits, type ImageDataset, type RawImageSplits, type SplitOptions } from '../preprocess.js';
import { CIFAR_IMAGE_BYTES, parseCifarBinBatch, parseCifarClassNames, parseCifarPyBatch } from './cifar-batch.js';
import { CIFAR10_BATCH_FILES, CIFAR10_FOLDERS, CIFAR10_META_FILES, fetchCommand, findCifar10, type Cifar10Format } from './find-cifar10.js';

/** The standard CIFAR-10 class names, used when the meta file is absent. */
export const CIFAR10_CLASS_NAMES = ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck'];

/**
 * CIFAR-10 as stored: 50,000 training and 10,000 test images as bytes `[N, 3, 32, 32]`
 * (channels first, exactly the files' order), labels 0…9, class names and identity.
 */
export interface Cifar10Raw extends RawImageSplits {
  format: Cifar10Format;
  folder: string;
  classNames: string[];
  identity: DatasetIdentity;
}

/** Reads a batch list into one preallocated byte array (bounded by file sizes), hashing as it goes. */
async function readBatches(folder: string, files: readonly string[], format: Cifar10Format, hash: ReturnType<typeof createHash>) {
  const sizes = await Promise.all(files.map(async (f) => (await stat(join(folder, f))).size));
  const bound = sizes.reduce((total, size) => total + Math.floor(size / CIFAR_IMAGE_BYTES), 0);
  const images = new Uint8Array(bound * CIFAR_IMAGE_BYTES);
  const labels = new Int32Array(bound);
  let n = 0;
  for (const file of files) {
    const bytes = await readFile(join(folder, file));
    hash.update(bytes);
    const path = join(folder, file);
    const batch = format === 'bin' ? parseCifarBinBatch(bytes, path) : parseCifarPyBatch(bytes, path);
    for (let i = 0; i < batch.count; i++, n++) {
      images.set(batch.pixels(i), n * CIFAR_IMAGE_BYTES);
      labels[n] = batch.labels[i]!;
    }
  }
  return { images: images.subarray(0, n * CIFAR_IMAGE_BYTES), labels: labels.subarray(0, n) };
}

/**
 * The course's `load_CIFAR10(ROOT)`: reads every batch of `dir` (the `cifar-10-batches-bin`
 * or `cifar-10-batches-py` folder, or the folder holding it; format detected) into bytes.
 * Unlike the course it keeps the files' channels-first uint8 layout; {@link getCifar10Data}
 * converts. Throws, listing missing batches and the fetch command, when files are absent.
 * @example
 *   const raw = await loadCifar10('data');
 *   raw.yTrain.length; // 50000
 */
export async function loadCifar10(dir: string): Promise<Cifar10Raw> {
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
  const files = CIFAR10_BATCH_FILES[format];
  const hash = createHash('sha256');
  const train = await readBatches(folder, files.slice(0, 5), format, hash);
  const test = await readBatches(folder, files.slice(5), format, hash);
  const metaPath = join(folder, CIFAR10_META_FILES[format]);
  const classNames = existsSync(metaPath) ? parseCifarClassNames(await readFile(metaPath), format, metaPath) : CIFAR10_CLASS_NAMES;
  const imageShape = [3, 32, 32] as const;
  return {
    XTrain: train.images,
    yTrain: train.labels,
    XTest: test.images,
    yTest: test.labels,
    imageShape,
    format,
    folder,
    classNames,
    identity: {
      name: 'CIFAR-10',
      source: folder,
      hash: hash.digest('hex'),
      shapes: { XTrain: [train.labels.length, ...imageShape], yTrain: [train.labels.length], XTest: [test.labels.length, ...imageShape], yTest: [test.labels.length] },
    },
  };
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
  const raw = await loadCifar10(options.dir);
  const { numTraining = 49000, numValidation = 1000, numTest = 1000 } = options;
  const { name, source, hash } = raw.identity;
  const data = preprocessSplits(raw, { ...options, numTraining, numValidation, numTest }, { name, source, hash });
  return { ...data, classNames: raw.classNames };
}
