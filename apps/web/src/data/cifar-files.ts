import { parseCifarBinBatch, parseCifarPyBatch, type CifarBatch } from '@dropout/data/core';
import type { RawDataset } from './embedded-mnist.js';

const TRAIN = ['data_batch_1', 'data_batch_2', 'data_batch_3', 'data_batch_4', 'data_batch_5'];
const TEST = 'test_batch';

async function sha256Hex(chunks: Uint8Array[]): Promise<string> {
  const all = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) all.set(c, (at += c.length) - c.length);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', all));
  return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function concat(batches: CifarBatch[]): { images: Uint8Array; labels: Int32Array } {
  const n = batches.reduce((k, b) => k + b.count, 0);
  const images = new Uint8Array(n * 3072);
  const labels = new Int32Array(n);
  let i = 0;
  for (const b of batches) {
    for (let j = 0; j < b.count; j++, i++) {
      images.set(b.pixels(j), i * 3072);
      labels[i] = b.labels[j]!;
    }
  }
  return { images, labels };
}

/**
 * The extracted CIFAR-10 batch files (binary `data_batch_1.bin` … `test_batch.bin` or the
 * Python pickles `data_batch_1` … `test_batch`), read in the page, as the training and test
 * pools; a missing or damaged file is an error naming it.
 * @example
 *   const raw = await cifarFromBatchFiles([...input.files]);
 */
export async function cifarFromBatchFiles(files: File[]): Promise<RawDataset> {
  const byStem = new Map(files.map((f) => [f.name.replace(/\.bin$/, ''), f]));
  const missing = [...TRAIN, TEST].filter((s) => !byStem.has(s));
  if (missing.length) {
    throw new Error(`CIFAR-10: ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing among the files given; give all six batch files or the official archive`);
  }
  const read = async (stem: string) => {
    const file = byStem.get(stem)!;
    const bytes = new Uint8Array(await file.arrayBuffer());
    return { bytes, batch: file.name.endsWith('.bin') ? parseCifarBinBatch(bytes, file.name) : parseCifarPyBatch(bytes, file.name) };
  };
  const train = await Promise.all(TRAIN.map(read));
  const test = await read(TEST);
  const pool = concat(train.map((t) => t.batch));
  const testPool = concat([test.batch]);
  const imageShape = [3, 32, 32] as const;
  return {
    XTrain: pool.images,
    yTrain: pool.labels,
    XTest: testPool.images,
    yTest: testPool.labels,
    imageShape,
    identity: {
      name: 'CIFAR-10',
      source: `files chosen in the page: ${[...TRAIN, TEST].map((s) => byStem.get(s)!.name).join(', ')}`,
      hash: await sha256Hex([...train, test].map((t) => t.bytes)),
      shapes: { XTrain: [pool.labels.length, ...imageShape], yTrain: [pool.labels.length], XTest: [testPool.labels.length, ...imageShape], yTest: [testPool.labels.length] },
    },
  };
}
