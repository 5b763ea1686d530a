import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getBackend } from '@dropout/tensor';
import { afterAll, describe, expect, it } from 'vitest';
import { fixturePixel, writeCifarFolder } from '../testing.js';
import { CIFAR10_BATCH_FILES } from './cifar10-files.js';
import { findCifar10 } from './find-cifar10.js';
import { getCifar10Data, loadCifar10 } from './load-cifar10.js';

const roots: string[] = [];
const tempRoot = () => {
  const dir = mkdtempSync(join(tmpdir(), 'dropout-data-'));
  roots.push(dir);
  return dir;
};
afterAll(() => roots.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

// Training record r: every pixel is 10r + c + y + x; test record t: 5t + c + y + x.
// Over the first 15 training records the mean image is 70 + c + y + x, so after mean
// subtraction training record r is 10r − 70 everywhere and test record t is 5t − 70.
const handPixel = (r: number, c: number, y: number, x: number) => (r >= 1000 ? 5 * (r - 1000) : 10 * r) + c + y + x;

describe.each(['bin', 'py'] as const)('loadCifar10 (%s)', (format) => {
  const root = tempRoot();
  const folder = writeCifarFolder(root, format, 4, 5);

  it('reads all batches in order, accepting the folder or its parent', async () => {
    for (const dir of [root, folder]) {
      const raw = await loadCifar10(dir);
      expect(raw.format).toBe(format);
      expect(raw.folder).toBe(folder);
      expect(raw.yTrain.length).toBe(20);
      expect(raw.yTest.length).toBe(5);
      expect(Array.from(raw.yTrain)).toEqual(Array.from({ length: 20 }, (_, r) => r % 10));
      expect(Array.from(raw.yTest)).toEqual([3, 4, 5, 6, 7]);
      // Record 13 sits in data_batch_4; its pixel (c=2, y=17, x=30) lands at 13·3072 + 2·1024 + 17·32 + 30.
      expect(raw.XTrain[13 * 3072 + 2 * 1024 + 17 * 32 + 30]).toBe(fixturePixel(13, 2, 17, 30));
      expect(raw.XTest[4 * 3072 + 1 * 1024 + 31 * 32 + 0]).toBe(fixturePixel(1004, 1, 31, 0));
      expect(raw.classNames[9]).toBe('truck');
      expect(raw.identity.shapes).toEqual({ XTrain: [20, 3, 32, 32], yTrain: [20], XTest: [5, 3, 32, 32], yTest: [5] });
    }
  });

  it('hashes the six batch files in a fixed order with SHA-256', async () => {
    const expected = createHash('sha256');
    for (const f of CIFAR10_BATCH_FILES[format]) expected.update(readFileSync(join(folder, f)));
    const raw = await loadCifar10(root);
    expect(raw.identity).toMatchObject({ name: 'CIFAR-10', source: folder, hash: expected.digest('hex') });
  });

  it('lists missing batches and how to fetch them', async () => {
    const dir = tempRoot();
    const broken = writeCifarFolder(dir, format, 1, 1);
    unlinkSync(join(broken, CIFAR10_BATCH_FILES[format][2]!));
    unlinkSync(join(broken, CIFAR10_BATCH_FILES[format][5]!));
    await expect(loadCifar10(dir)).rejects.toThrow(
      new RegExp(`${broken} is missing ${CIFAR10_BATCH_FILES[format][2]}, ${CIFAR10_BATCH_FILES[format][5]}\\. Download it again with: npx dropout-data fetch --format ${format} --dir "${dir}"`),
    );
  });

  it('names the corrupt file', async () => {
    const dir = tempRoot();
    const broken = writeCifarFolder(dir, format, 2, 1);
    const file = join(broken, CIFAR10_BATCH_FILES[format][1]!);
    writeFileSync(file, readFileSync(file).subarray(0, 5000));
    await expect(loadCifar10(dir)).rejects.toThrow(file);
  });
});

describe('findCifar10 / loadCifar10 without data', () => {
  it('prefers a complete folder and says how to fetch when there is none', async () => {
    const dir = tempRoot();
    expect(findCifar10(dir)).toBeNull();
    await expect(loadCifar10(dir)).rejects.toThrow(/No CIFAR-10 data in .*dropout-data fetch --format py/);
    writeCifarFolder(dir, 'bin', 1, 1);
    expect(findCifar10(dir)?.format).toBe('bin');
    const py = writeCifarFolder(dir, 'py', 1, 1);
    expect(findCifar10(dir)?.format).toBe('py');
    unlinkSync(join(py, 'test_batch'));
    expect(findCifar10(dir)?.format).toBe('bin');
  });
});

describe.each(['bin', 'py'] as const)('getCifar10Data (%s)', (format) => {
  const root = tempRoot();
  writeCifarFolder(root, format, 4, 5, handPixel);
  const splits = { numTraining: 15, numValidation: 3, numTest: 2 };

  it('splits like the course and subtracts the training mean (values by hand)', async () => {
    const data = await getCifar10Data({ dir: root, ...splits });
    expect(data.XTrain.shape).toEqual([15, 3, 32, 32]);
    expect(data.XVal.shape).toEqual([3, 3, 32, 32]);
    expect(data.XTest.shape).toEqual([2, 3, 32, 32]);
    expect(data.XTrain.dtype).toBe('float64');
    expect(Array.from(data.yTrain)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4]);
    expect(Array.from(data.yVal)).toEqual([5, 6, 7]); // training records 15, 16, 17
    expect(Array.from(data.yTest)).toEqual([3, 4]);
    expect(data.yTrain).toBeInstanceOf(Int32Array);
    expect(data.meanImage![2 * 1024 + 3 * 32 + 4]).toBe(70 + 2 + 3 + 4);
    const distinct = (values: ArrayLike<number>, n: number) =>
      Array.from({ length: n }, (_, i) => [...new Set(Array.from(values).slice(i * 3072, (i + 1) * 3072))]);
    expect(distinct(data.XTrain.read(), 15)).toEqual(Array.from({ length: 15 }, (_, r) => [10 * r - 70]));
    expect(distinct(data.XVal.read(), 3)).toEqual([[80], [90], [100]]);
    expect(distinct(data.XTest.read(), 2)).toEqual([[-70], [-65]]);
    expect(data.identity.shapes).toEqual({ XTrain: [15, 3, 32, 32], yTrain: [15], XVal: [3, 3, 32, 32], yVal: [3], XTest: [2, 3, 32, 32], yTest: [2] });
  });

  it('keeps raw pixel values without mean subtraction, in float32 on request', async () => {
    const data = await getCifar10Data({ dir: root, ...splits, subtractMean: false, dtype: 'float32' });
    expect(data.XTrain.backend.name).toBe('cpu32');
    expect(data.meanImage).toBeNull();
    const x = data.XVal.read();
    expect(x[1 * 3072 + 1 * 1024 + 2 * 32 + 3]).toBe(160 + 1 + 2 + 3); // record 16, [1, 2, 3]
  });

  it('rejects splits larger than the pools and a dtype that contradicts the backend', async () => {
    await expect(getCifar10Data({ dir: root, numTraining: 19, numValidation: 2 })).rejects.toThrow(/numTraining \+ numValidation = 21 exceeds the 20 training images/);
    await expect(getCifar10Data({ dir: root, ...splits, numTest: 6 })).rejects.toThrow(/numTest = 6 exceeds the 5 test images/);
    await expect(getCifar10Data({ dir: root, ...splits, dtype: 'float32', backend: getBackend('cpu64') })).rejects.toThrow(/does not match backend 'cpu64'/);
  });
});
