// `@dropout/data/testing` (Node): writers of CIFAR-10 batch files in both official byte formats,
// so fixture folders of any size are generated in temp dirs instead of committed. The one home
// of these fixtures: this package's tests, the experiment's and the web app's use them.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CIFAR10_CLASS_NAMES } from './cifar/cifar10-files.js';

/** Pixel of the committed Python fixtures (see test/fixtures/make-fixtures.py). */
export function fixturePixel(i: number, c: number, y: number, x: number): number {
  return (i * 37 + c * 101 + y * 7 + x * 3) % 256;
}

/** `n` images in `[n, 3, 32, 32]` byte order whose values follow `pixel(record, c, y, x)`. */
export function makeImages(n: number, pixel: (i: number, c: number, y: number, x: number) => number = fixturePixel): Uint8Array {
  const out = new Uint8Array(n * 3072);
  let k = 0;
  for (let i = 0; i < n; i++) for (let c = 0; c < 3; c++) for (let y = 0; y < 32; y++) for (let x = 0; x < 32; x++) out[k++] = pixel(i, c, y, x);
  return out;
}

/** A `data_batch_N.bin` file: per record one label byte, then 3072 pixel bytes. */
export function cifarBinBatch(images: Uint8Array, labels: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(labels.length * 3073);
  for (let i = 0; i < labels.length; i++) {
    out[i * 3073] = labels[i]!;
    out.set(images.subarray(i * 3072, (i + 1) * 3072), i * 3073 + 1);
  }
  return out;
}

/**
 * A `data_batch_N` file byte for byte as Python 2.7's cPickle (protocol 2) writes the CIFAR-10
 * dict with a NumPy 1.x uint8 array, including its memo numbering and APPENDS batches of 1000
 * (checked against the committed py2-cpickle fixture).
 */
export function cifarPy2Pickle(batch: { data: Uint8Array; labels: ArrayLike<number>; batchLabel: string; filenames: string[] }): Uint8Array {
  const parts: number[] = [];
  const chunks: Uint8Array[] = [];
  const flush = () => {
    chunks.push(Uint8Array.from(parts));
    parts.length = 0;
  };
  let memo = 0;
  const put = () => parts.push(0x71, ++memo);
  const int = (v: number) => {
    if (v >= 0 && v < 256) parts.push(0x4b, v);
    else if (v >= 0 && v < 65536) parts.push(0x4d, v & 255, v >> 8);
    else parts.push(0x4a, v & 255, (v >> 8) & 255, (v >> 16) & 255, (v >>> 24) & 255);
  };
  const str = (s: string | Uint8Array, memoize = s.length > 1) => {
    const bytes = typeof s === 'string' ? Uint8Array.from(s, (ch) => ch.charCodeAt(0)) : s;
    if (bytes.length < 256) parts.push(0x55, bytes.length);
    else parts.push(0x54, bytes.length & 255, (bytes.length >> 8) & 255, (bytes.length >> 16) & 255, bytes.length >>> 24);
    flush();
    chunks.push(bytes);
    if (memoize) put();
  };
  const global = (module: string, name: string) => {
    parts.push(0x63, ...Array.from(`${module}\n${name}\n`, (ch) => ch.charCodeAt(0)));
    put();
  };
  const list = (items: ArrayLike<number> | string[], save: (item: never) => void) => {
    parts.push(0x5d);
    put();
    for (let start = 0; start < items.length; start += 1000) {
      const batchItems = Array.from(items as ArrayLike<unknown>).slice(start, start + 1000);
      if (batchItems.length === 1) {
        save(batchItems[0] as never);
        parts.push(0x61);
      } else {
        parts.push(0x28);
        batchItems.forEach((item) => save(item as never));
        parts.push(0x65);
      }
    }
  };
  const n = batch.labels.length;
  parts.push(0x80, 2, 0x7d);
  put();
  parts.push(0x28);
  str('data');
  global('numpy.core.multiarray', '_reconstruct');
  global('numpy', 'ndarray');
  int(0);
  parts.push(0x85);
  put();
  str('b');
  parts.push(0x87, 0x52);
  put();
  parts.push(0x28);
  int(1);
  int(n);
  int(3072);
  parts.push(0x86);
  put();
  global('numpy', 'dtype');
  str('u1');
  int(0);
  int(1);
  parts.push(0x87, 0x52);
  put();
  parts.push(0x28);
  int(3);
  str('|');
  parts.push(0x4e, 0x4e, 0x4e, 0x4a, 255, 255, 255, 255, 0x4a, 255, 255, 255, 255, 0x4b, 0, 0x74);
  put();
  parts.push(0x62, 0x89);
  str(batch.data, true);
  parts.push(0x74, 0x62);
  str('labels');
  list(batch.labels, (v: number) => int(v));
  str('batch_label');
  str(batch.batchLabel);
  str('filenames');
  list(batch.filenames, (s: string) => str(s));
  parts.push(0x75, 0x2e);
  flush();
  const total = chunks.reduce((sum, c) => sum + c.length, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}

/** Labels 0…9 cycling from `start`, the pattern the folder helper uses. */
export const cycleLabels = (n: number, start: number) => Array.from({ length: n }, (_, i) => (start + i) % 10);

/**
 * Writes `cifar-10-batches-bin/` or `cifar-10-batches-py/` under `root` with `perBatch` records
 * in each of the five training batches and `testCount` test records. Training record r (global
 * index) has label (r % 10) and pixels `pixel(r, …)`; test record t has label ((t + 3) % 10) and
 * pixels `pixel(1000 + t, …)`. Returns the batches folder.
 */
export function writeCifarFolder(root: string, format: 'bin' | 'py', perBatch: number, testCount: number, pixel = fixturePixel): string {
  const folder = join(root, format === 'bin' ? 'cifar-10-batches-bin' : 'cifar-10-batches-py');
  mkdirSync(folder, { recursive: true });
  const write = (name: string, first: number, n: number, labelStart: number) => {
    const images = makeImages(n, (i, c, y, x) => pixel(first + i, c, y, x));
    const labels = cycleLabels(n, labelStart);
    const bytes = format === 'bin'
      ? cifarBinBatch(images, labels)
      : cifarPy2Pickle({ data: images, labels, batchLabel: name, filenames: labels.map((_, i) => `img_${first + i}.png`) });
    writeFileSync(join(folder, format === 'bin' ? `${name}.bin` : name), bytes);
  };
  for (let b = 0; b < 5; b++) write(`data_batch_${b + 1}`, b * perBatch, perBatch, (b * perBatch) % 10);
  write('test_batch', 1000, testCount, 3);
  if (format === 'bin') writeBinMeta(folder);
  return folder;
}

/** `batches.meta.txt` as the official binary archive has it: one class name a line, then a blank line. */
function writeBinMeta(folder: string): void {
  writeFileSync(join(folder, 'batches.meta.txt'), `${CIFAR10_CLASS_NAMES.join('\n')}\n\n`);
}

/** A tiny deterministic generator (no Math.random): a 32-bit LCG, its top 8 bits. */
function lcgBytes(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s >>> 24;
  };
}

/**
 * Writes `<root>/cifar-10-batches-bin/` with `perBatch` records in each of data_batch_1…5.bin
 * and test_batch.bin, plus batches.meta.txt, whose classes a small net can tell apart: record r
 * of batch b (the test batch is b = 6) has label (7r + b) % 10, and channel c of its pixels is
 * (23·label + 40·c + noise) & 255, with noise in 0…63 from a 32-bit LCG seeded with b. The same
 * arguments always give the same bytes. Returns the batches folder.
 * @example
 *   const dir = writeLearnableCifarFolder(tmp, 6); // 30 training-pool records, 6 test records
 */
export function writeLearnableCifarFolder(root: string, perBatch: number): string {
  const folder = join(root, 'cifar-10-batches-bin');
  mkdirSync(folder, { recursive: true });
  const write = (name: string, seed: number) => {
    const next = lcgBytes(seed);
    const labels = Array.from({ length: perBatch }, (_, r) => (r * 7 + seed) % 10);
    const images = makeImages(perBatch, (r, c) => (labels[r]! * 23 + c * 40 + (next() >> 2)) & 0xff);
    writeFileSync(join(folder, `${name}.bin`), cifarBinBatch(images, labels));
  };
  for (let b = 1; b <= 5; b++) write(`data_batch_${b}`, b);
  write('test_batch', 6);
  writeBinMeta(folder);
  return folder;
}
