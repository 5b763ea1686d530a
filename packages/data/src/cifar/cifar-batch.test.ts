import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cifarBinBatch, cifarPy2Pickle, makeImages } from '../testing.js';
import { parseCifarBinBatch, parseCifarClassNames, parseCifarPyBatch } from './cifar-batch.js';

// One image whose only non-zero pixel is green (c = 1) at row 5, column 7.
const oneGreenPixel = makeImages(2, (i, c, y, x) => (i === 1 && c === 1 && y === 5 && x === 7 ? 200 : 0));

describe('parseCifarBinBatch', () => {
  it('reads labels and puts pixel bytes at [c, y, x] = c·1024 + y·32 + x', () => {
    const bytes = cifarBinBatch(oneGreenPixel, [7, 2]);
    expect(bytes[3073 + 1 + 1024 + 5 * 32 + 7]).toBe(200); // the file layout itself
    const batch = parseCifarBinBatch(bytes, 'data_batch_1.bin');
    expect(batch.count).toBe(2);
    expect(Array.from(batch.labels)).toEqual([7, 2]);
    expect(batch.pixels(1)[1 * 1024 + 5 * 32 + 7]).toBe(200);
    expect(batch.pixels(1).reduce((a, b) => a + b, 0)).toBe(200);
    expect(batch.pixels(0).reduce((a, b) => a + b, 0)).toBe(0);
  });

  it('names the file when its size is not a multiple of 3073', () => {
    const bytes = cifarBinBatch(oneGreenPixel, [7, 2]).subarray(0, 3073 + 100);
    expect(() => parseCifarBinBatch(bytes, '/d/data_batch_4.bin')).toThrow(/\/d\/data_batch_4\.bin: 3173 bytes is not a multiple of 3073/);
    expect(() => parseCifarBinBatch(new Uint8Array(0), 'empty.bin')).toThrow(/empty\.bin: 0 bytes/);
  });

  it('names the file and record when a label is above 9', () => {
    const bytes = cifarBinBatch(oneGreenPixel, [7, 12]);
    expect(() => parseCifarBinBatch(bytes, 'test_batch.bin')).toThrow(/test_batch\.bin: label 12 of record 1 is not a class index 0…9/);
  });
});

describe('parseCifarPyBatch', () => {
  const pickle = (labels: number[]) => cifarPy2Pickle({ data: oneGreenPixel, labels, batchLabel: 'testing batch 1 of 1', filenames: ['a.png', 'b.png'] });

  it('reads labels and puts pixel bytes at [c, y, x]', () => {
    const batch = parseCifarPyBatch(pickle([7, 2]), 'data_batch_1');
    expect(Array.from(batch.labels)).toEqual([7, 2]);
    expect(batch.pixels(1)[1024 + 5 * 32 + 7]).toBe(200);
    expect(batch.pixels(1).reduce((a, b) => a + b, 0)).toBe(200);
  });

  it('reads labels stored as 1000-item APPENDS batches', () => {
    const n = 2345;
    const labels = Array.from({ length: n }, (_, i) => (i * 7) % 10);
    const bytes = cifarPy2Pickle({ data: new Uint8Array(n * 3072), labels, batchLabel: 'b', filenames: labels.map((_, i) => `f${i}`) });
    expect(Array.from(parseCifarPyBatch(bytes, 'data_batch_2').labels)).toEqual(labels);
  });

  it('names the file when the pickle is unreadable', () => {
    const good = pickle([7, 2]);
    expect(() => parseCifarPyBatch(good.subarray(0, 200), '/d/data_batch_3')).toThrow(/\/d\/data_batch_3: unreadable pickle \(unexpected end of data/);
    expect(() => parseCifarPyBatch(Buffer.from('not a pickle at all'), 'test_batch')).toThrow(/test_batch: unreadable pickle \(unsupported pickle opcode 0x6e/);
  });

  it('names the file when a label is above 9 or the dict is not a batch', () => {
    expect(() => parseCifarPyBatch(pickle([7, 10]), 'data_batch_5')).toThrow(/data_batch_5: label 10 of record 1/);
    expect(() => parseCifarPyBatch(Uint8Array.from([0x80, 2, 0x7d, 0x2e]), 'data_batch_1')).toThrow(/data_batch_1: the pickled dict has no 'data' entry/);
  });
});

describe('parseCifarClassNames', () => {
  it('reads batches.meta.txt', () => {
    expect(parseCifarClassNames(Buffer.from('airplane\nautomobile\n\n'), 'bin', 'batches.meta.txt')).toEqual(['airplane', 'automobile']);
  });
});

describe('parseCifarPyBatch on NumPy layouts written by Python 3 (test/fixtures/make-fixtures.py)', () => {
  const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../test/fixtures/py3-numpy/${name}`, import.meta.url)));

  it('reads (N, 3072), (N, 3, 32, 32) and channels-last (N, 32, 32, 3) into the same channels-first bytes', () => {
    for (const name of ['data_batch_1', 'data_batch_1_nchw', 'data_batch_1_nhwc']) {
      const batch = parseCifarPyBatch(fixture(name), name);
      expect(Array.from(batch.labels), name).toEqual([3, 9, 0]);
      for (let i = 0; i < 3; i++) expect(Buffer.from(batch.pixels(i)).equals(Buffer.from(makeImages(3).subarray(i * 3072, (i + 1) * 3072))), `${name} image ${i}`).toBe(true);
    }
  });

  it('says protocol 5 is not supported instead of calling the file corrupt', () => {
    expect(() => parseCifarPyBatch(fixture('data_batch_1_protocol5'), 'data_batch_1')).toThrow(
      'data_batch_1: pickle protocol 5 is not supported (protocols 0–4 are); re-save it with pickle.dump(obj, f, protocol=4)',
    );
  });

  it('refuses any other shape, naming it', () => {
    const bytes = cifarPy2Pickle({ data: makeImages(2), labels: [1, 2], batchLabel: 'b', filenames: ['a', 'b'] });
    // Rewrite the shape tuple (2, 3072) as (6, 1024): same bytes, wrong images.
    const patched = Buffer.from(bytes);
    const at = patched.indexOf(Buffer.from([0x4b, 2, 0x4d, 3072 & 255, 3072 >> 8]));
    patched.set([0x4b, 6, 0x4d, 1024 & 255, 1024 >> 8], at);
    expect(() => parseCifarPyBatch(patched, 'data_batch_2')).toThrow("data_batch_2: 'data' has shape (6, 1024) and 6144 bytes; expected (N, 3072), (N, 3, 32, 32) or (N, 32, 32, 3) uint8");
  });

  it('describes a deeply nested value without overflowing the stack', () => {
    // {'data': <array>, 'labels': [[[[…200,000 levels…]]]]}: EMPTY_LIST ×N then APPEND ×(N−1).
    const depth = 200_000;
    const good = cifarPy2Pickle({ data: makeImages(1), labels: [1], batchLabel: 'b', filenames: ['a'] });
    const head = Buffer.from(good.subarray(0, good.lastIndexOf(0x2e))); // without STOP
    const nested = Buffer.concat([head, Buffer.from('U\x06labels', 'latin1'), Buffer.alloc(depth, 0x5d), Buffer.alloc(depth - 1, 0x61), Buffer.from([0x73, 0x2e])]);
    expect(() => parseCifarPyBatch(nested, 'data_batch_3')).toThrow('data_batch_3: label a list of 1 item of record 0 is not a class index 0…9');
  });
});
