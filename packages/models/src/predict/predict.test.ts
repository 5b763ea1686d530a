import { createRng, fromArray, getBackend, randn, type Tensor } from '@dropout/tensor';
import { describe, expect, it } from 'vitest';
import { AffineLayer, FullyConnectedNet, predict, ReluLayer, Sequential, type Layer } from '../index.js';

const cpu64 = getBackend('cpu64');

function softmax(row: number[]): number[] {
  const m = Math.max(...row);
  const e = row.map((v) => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

describe('predict', () => {
  const model = new FullyConnectedNet({ hiddenDims: [7], inputDim: 12, numClasses: 3, dropoutKeepRatio: 0.5, dtype: 'float64', rng: createRng(1), weightScale: 0.1 });
  const meanImage = Float64Array.from({ length: 12 }, (_, i) => 100 + i);
  const trained = { model, preprocessing: { inputShape: [3, 2, 2], meanImage, classNames: ['cat', 'dog', 'ship'] }, run: null, versions: {} };
  const N = 9;
  const pixels = Uint8Array.from({ length: N * 12 }, (_, i) => (i * 37) % 256);

  it("applies the model's preprocessing to pixels and returns softmax probabilities and argmax labels", async () => {
    const { probs, labels, entropy, classNames, numClasses } = await predict(trained, { data: pixels, shape: [N, 3, 2, 2] }, { input: 'pixels', batchSize: 4 });
    const centred = Float64Array.from(pixels, (v, i) => v - meanImage[i % 12]!);
    const scores = Array.from(model.loss(fromArray(centred, [N, 3, 2, 2], cpu64)).read());
    expect(numClasses).toBe(3);
    expect(classNames).toEqual(['cat', 'dog', 'ship']);
    for (let r = 0; r < N; r++) {
      const row = scores.slice(r * 3, r * 3 + 3);
      const expected = softmax(row);
      for (let c = 0; c < 3; c++) expect(Math.abs(probs[r * 3 + c]! - expected[c]!)).toBeLessThan(1e-15);
      expect(labels[r]).toBe(row.indexOf(Math.max(...row)));
      expect(Math.abs(entropy[r]! + expected.reduce((a, p) => a + p * Math.log(p), 0))).toBeLessThan(1e-14);
    }
    // Already-preprocessed input (a tensor) gives the same numbers.
    const same = await predict(trained, fromArray(centred, [N, 3, 2, 2], cpu64), { input: 'preprocessed' });
    expect(Array.from(same.probs)).toEqual(Array.from(probs));
  });

  it('runs 10 000 images in batches of batchSize, never one giant tensor', async () => {
    const rows: number[] = [];
    const spy: Layer<null> = { type: 'spy', forward: (x) => (rows.push(x.shape[0]!), { out: x, cache: null }), backward: (d) => ({ dx: d }) };
    const net = new Sequential([spy, new AffineLayer({ index: 1, inputDim: 4, outputDim: 2, backend: cpu64, rng: createRng(2) }), new ReluLayer()], { backend: cpu64, numClasses: 2 });
    const X = randn(createRng(3), [10_000, 4], cpu64);
    const { labels } = await predict(net, X, { input: 'preprocessed', batchSize: 1500 });
    expect(labels).toHaveLength(10_000);
    expect(rows).toEqual([1500, 1500, 1500, 1500, 1500, 1500, 1000]);
    expect((await predict(net, X, { input: 'preprocessed' })).labels).toEqual(labels);
    expect(Math.max(...rows.slice(7))).toBe(1000);
  });

  it('says what is wrong with the input', async () => {
    const img = { data: pixels, shape: [N, 3, 2, 2] };
    await expect(predict(trained, img, {} as never)).rejects.toThrow(/options.input must say what the images hold: 'pixels' .* or 'preprocessed'/);
    await expect(predict(model, img, { input: 'pixels' })).rejects.toThrow(/carries no preprocessing/);
    await expect(predict(trained, { data: pixels, shape: [N, 12] }, { input: 'pixels' })).rejects.toThrow(/images are \[9, 12\] but the model was trained on images of shape \[3, 2, 2\]/);
    await expect(predict(trained, { data: pixels.subarray(1), shape: [N, 3, 2, 2] }, { input: 'pixels' })).rejects.toThrow(/holds 107 values/);
    await expect(predict(trained, img, { input: 'pixels', batchSize: 0 })).rejects.toThrow(/batchSize must be a positive integer/);
    const t: Tensor = randn(createRng(1), [2, 5], cpu64);
    await expect(predict(trained, t, { input: 'preprocessed' })).rejects.toThrow(/inputDim is 12/);
  });
});
