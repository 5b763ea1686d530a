import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { mnistFromPackage } from '../../scripts/make-mnist-asset.mjs';
import { getMnistData, loadMnist, MNIST_EMBEDDED_NAME } from './get-mnist-data.js';

const digitFile = (d: number) => JSON.parse(readFileSync(createRequire(import.meta.url).resolve(`mnist/src/digits/${d}.json`), 'utf8')) as { data: number[] };

describe('loadMnist', () => {
  it('holds the 10,000 digits as exact bytes, in a stratified fixed order', async () => {
    const raw = await loadMnist();
    expect(raw.yTrain.length + raw.yTest.length).toBe(10000);
    expect(raw.yTest.length).toBe(1000);
    expect(raw.identity.name).toBe(MNIST_EMBEDDED_NAME);
    expect(raw.identity.hash).toMatch(/^[0-9a-f]{64}$/);
    // Class 1 has the most digits (1127), so its first digit sorts first: key 0.5 / 1127.
    expect(raw.yTrain[0]).toBe(1);
    const first = digitFile(1).data.slice(0, 784).map((v) => Math.round(v * 255));
    expect(Array.from(raw.XTrain.subarray(0, 784))).toEqual(first);
    // Every 1,000-digit stretch holds each class in proportion (863…1127 per 10,000).
    for (const labels of [raw.yTrain.subarray(0, 1000), raw.yTest]) {
      const counts = Array.from({ length: 10 }, (_, c) => labels.filter((l) => l === c).length);
      for (const n of counts) {
        expect(n).toBeGreaterThanOrEqual(85);
        expect(n).toBeLessThanOrEqual(114);
      }
    }
  });
});

describe('the mnist.bin asset', () => {
  const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

  it('holds the same digits, labels and order as reading the mnist package JSON (the old path)', async () => {
    const old = mnistFromPackage();
    const raw = await loadMnist();
    const images = new Uint8Array([...raw.XTrain, ...raw.XTest]);
    const labels = Uint8Array.from([...raw.yTrain, ...raw.yTest]);
    expect(Array.from(labels.subarray(0, 24))).toEqual(Array.from(old.labels.subarray(0, 24)));
    expect(Array.from(images.subarray(0, 3 * 784))).toEqual(Array.from(old.images.subarray(0, 3 * 784)));
    expect(sha(images)).toBe(sha(old.images));
    expect(sha(labels)).toBe(sha(old.labels));
    // identity.hash is the SHA-256 of the asset file itself (the JS SHA-256 agrees with node:crypto).
    expect(raw.identity.hash).toBe(sha(readFileSync(new URL('../../assets/mnist.bin', import.meta.url))));
  });

  it('loads from bytes handed in, and refuses bytes that are not the asset', async () => {
    const bytes = readFileSync(new URL('../../assets/mnist.bin', import.meta.url));
    const fromBytes = await loadMnist(new Blob([bytes]));
    expect(Array.from(fromBytes.yTrain.subarray(0, 12))).toEqual([1, 7, 3, 6, 0, 2, 4, 9, 8, 5, 1, 7]);
    await expect(loadMnist(bytes.subarray(0, 1000))).rejects.toThrow(/mnist\.bin is not the embedded MNIST asset .* got 1000\); reinstall @dropout\/data/);
    const badLabel = Uint8Array.from(bytes);
    badLabel[16 + 5] = 42;
    await expect(loadMnist(badLabel)).rejects.toThrow('mnist.bin: label 42 of digit 5 is not 0…9');
  });
});

describe('getMnistData', () => {
  it('gives CIFAR-shaped splits [N, 1, 28, 28] with the training mean removed', async () => {
    const data = await getMnistData({ numTraining: 500, numValidation: 100, numTest: 50 });
    expect(data.XTrain.shape).toEqual([500, 1, 28, 28]);
    expect(data.XVal.shape).toEqual([100, 1, 28, 28]);
    expect(data.XTest.shape).toEqual([50, 1, 28, 28]);
    expect(data.identity.shapes.XTrain).toEqual([500, 1, 28, 28]);
    const x = data.XTrain.read();
    for (const pixel of [14 * 28 + 14, 10 * 28 + 20]) {
      let sum = 0;
      for (let r = 0; r < 500; r++) sum += x[r * 784 + pixel]!;
      expect(Math.abs(sum)).toBeLessThan(1e-9);
    }
    const raw = await loadMnist();
    expect(Array.from(data.yVal)).toEqual(Array.from(raw.yTrain.subarray(500, 600)));
    expect(data.XVal.read()[0]).toBeCloseTo(raw.XTrain[500 * 784]! - data.meanImage![0]!, 12);
  });

  it('uses 8,000 / 1,000 / 1,000 by default and rejects splits beyond the pools', async () => {
    const data = await getMnistData({ dtype: 'float32' });
    expect([data.yTrain.length, data.yVal.length, data.yTest.length]).toEqual([8000, 1000, 1000]);
    await expect(getMnistData({ numTraining: 8500, numValidation: 1000 })).rejects.toThrow(/exceeds the 9000 training images of MNIST \(embedded/);
  });
});
