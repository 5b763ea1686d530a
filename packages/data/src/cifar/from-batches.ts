import { toBytes, type BytesSource } from '../bytes-source.js';
import { Sha256, type StreamingHash } from '../hash/sha256.js';
import type { DatasetIdentity } from '../identity.js';
import { preprocessSplits, type ImageDataset, type RawImageSplits, type SplitOptions } from '../preprocess.js';
import { CIFAR_IMAGE_BYTES, parseCifarBinBatch, parseCifarClassNames, parseCifarPyBatch, type CifarBatch } from './cifar-batch.js';
import { CIFAR10_BATCH_FILES, CIFAR10_BATCH_RECORDS, CIFAR10_CLASS_NAMES, CIFAR10_META_FILES, type Cifar10Format } from './cifar10-files.js';

/**
 * CIFAR-10 as stored: 50,000 training and 10,000 test images as bytes `[N, 3, 32, 32]`
 * (channels first, exactly the files' order), labels 0…9, class names and identity.
 */
export interface Cifar10Raw extends RawImageSplits {
  format: Cifar10Format;
  classNames: string[];
  identity: DatasetIdentity;
}

/** Batch files by name (`data_batch_1` … `test_batch`, or the `.bin` names; a folder prefix is ignored). */
export type Cifar10Batches = Record<string, BytesSource> | Map<string, BytesSource>;

/** Where the bytes came from (for the identity) and, in Node, a faster hash. */
export interface Cifar10ReadOptions {
  /** Recorded as `identity.source` (default 'memory'). */
  source?: string;
  /** @internal The SHA-256 to use (Node passes node:crypto's). */
  createHash?: () => StreamingHash;
}

function detectFormat(names: Set<string>): Cifar10Format {
  const scores = (['py', 'bin'] as const).map((f) => CIFAR10_BATCH_FILES[f].filter((n) => names.has(n)).length);
  if (scores[0] === 0 && scores[1] === 0) {
    throw new Error(`No CIFAR-10 batch among the files given (${[...names].slice(0, 8).join(', ') || 'none'}); expected ${CIFAR10_BATCH_FILES.py.join(', ')} (Python) or the .bin names (binary)`);
  }
  return scores[0]! >= scores[1]! ? 'py' : 'bin';
}

function concat(batches: CifarBatch[]): { images: Uint8Array; labels: Int32Array } {
  const total = batches.reduce((n, b) => n + b.count, 0);
  const images = new Uint8Array(total * CIFAR_IMAGE_BYTES);
  const labels = new Int32Array(total);
  let n = 0;
  for (const batch of batches) {
    for (let i = 0; i < batch.count; i++, n++) {
      images.set(batch.pixels(i), n * CIFAR_IMAGE_BYTES);
      labels[n] = batch.labels[i]!;
    }
  }
  return { images, labels };
}

/**
 * The course's `load_CIFAR10` on files you already hold (fetched, picked by the user, read
 * from disk): the five training batches and the test batch of either format, plus the
 * optional meta file. The five training batches must hold the same number of records (10,000
 * in the official files, and then the test batch too); the identity hash is the SHA-256 of the six batch files in order, the
 * same as {@link loadCifar10} gives for a folder with these files.
 * @example
 *   const names = ['data_batch_1', 'data_batch_2', 'data_batch_3', 'data_batch_4', 'data_batch_5', 'test_batch'];
 *   const files = Object.fromEntries(await Promise.all(names.map(async (n) => [n, await fetch(`/cifar/${n}`)])));
 *   const raw = await loadCifar10FromBatches(files);
 */
export async function loadCifar10FromBatches(batches: Cifar10Batches, options: Cifar10ReadOptions = {}): Promise<Cifar10Raw> {
  const byName = new Map<string, BytesSource>();
  for (const [key, value] of batches instanceof Map ? batches : Object.entries(batches)) byName.set(key.split(/[\\/]/).pop()!, value);
  const format = detectFormat(new Set(byName.keys()));
  const files = CIFAR10_BATCH_FILES[format];
  const missing = files.filter((f) => !byName.has(f));
  if (missing.length > 0) throw new Error(`CIFAR-10 (${format}) from ${options.source ?? 'memory'} is missing ${missing.join(', ')}; pass all six batch files`);
  const hash = options.createHash?.() ?? new Sha256();
  const parsed: CifarBatch[] = [];
  for (const file of files) {
    const bytes = await toBytes(byName.get(file)!, file);
    hash.update(bytes);
    parsed.push(format === 'bin' ? parseCifarBinBatch(bytes, file) : parseCifarPyBatch(bytes, file));
  }
  // The five training batches hold the same number of records (10,000 each in the official files,
  // and then so does the test batch); a folder with one short or long batch is altered.
  const counts = parsed.map((b) => b.count);
  const uneven = counts.slice(0, 5).some((c) => c !== counts[0]) || (counts[0] === CIFAR10_BATCH_RECORDS && counts[5] !== CIFAR10_BATCH_RECORDS);
  if (uneven) {
    throw new Error(
      `CIFAR-10 (${format}) from ${options.source ?? 'memory'}: the batches hold different numbers of records (${files.map((f, i) => `${f}: ${counts[i]}`).join(', ')}); ` +
        `the official files hold ${CIFAR10_BATCH_RECORDS} each, so some are truncated or altered; fetch them again`,
    );
  }
  const train = concat(parsed.slice(0, 5));
  const test = concat(parsed.slice(5));
  const meta = byName.get(CIFAR10_META_FILES[format]);
  const metaName = CIFAR10_META_FILES[format];
  const classNames = meta === undefined ? CIFAR10_CLASS_NAMES : parseCifarClassNames(await toBytes(meta, metaName), format, metaName);
  const imageShape = [3, 32, 32] as const;
  const nTrain = train.labels.length;
  const nTest = test.labels.length;
  return {
    XTrain: train.images, yTrain: train.labels, XTest: test.images, yTest: test.labels, imageShape, format, classNames,
    identity: {
      name: 'CIFAR-10',
      source: options.source ?? 'memory',
      hash: hash.digest('hex'),
      shapes: { XTrain: [nTrain, ...imageShape], yTrain: [nTrain], XTest: [nTest, ...imageShape], yTest: [nTest] },
    },
  };
}

/**
 * The course's `get_CIFAR10_data` preprocessing on a loaded {@link Cifar10Raw}: 49,000
 * training, 1,000 validation (training records 49000…49999) and 1,000 test images by default,
 * mean training image subtracted, `[N, 3, 32, 32]` float tensors and Int32Array labels.
 * @example
 *   const data = cifar10Splits(await loadCifar10FromArchive(await fetch(url)), { dtype: 'float32' });
 */
export function cifar10Splits(raw: Cifar10Raw, options: SplitOptions = {}): ImageDataset & { classNames: string[] } {
  const { numTraining = 49000, numValidation = 1000, numTest = 1000 } = options;
  const { name, source, hash } = raw.identity;
  const data = preprocessSplits(raw, { ...options, numTraining, numValidation, numTest }, { name, source, hash });
  return { ...data, classNames: raw.classNames };
}

/**
 * Batch files → the course's splits in one call: {@link loadCifar10FromBatches} then {@link cifar10Splits}.
 * @example
 *   const data = await getCifar10DataFromBatches(files, { numTraining: 5000, dtype: 'float32' });
 */
export async function getCifar10DataFromBatches(batches: Cifar10Batches, options: SplitOptions & Cifar10ReadOptions = {}): Promise<ImageDataset & { classNames: string[] }> {
  return cifar10Splits(await loadCifar10FromBatches(batches, options), options);
}
