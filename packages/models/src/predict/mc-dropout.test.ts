import { createRng, getBackend, randn, toBackend } from '@dropout/tensor';
import { expectClose, forEachBackend } from '@dropout/tensor/testing';
import { describe, expect, it } from 'vitest';
import { FullyConnectedNet, mcDropoutPredict, predict } from '../index.js';

const cpu64 = getBackend('cpu64');
const options = { hiddenDims: [30, 20], inputDim: 6, numClasses: 4, dropoutKeepRatio: 0.5, normalization: 'batchnorm' as const, weightScale: 0.4 };
const X64 = randn(createRng(11), [25, 6], cpu64);
const reference = new FullyConnectedNet({ ...options, dtype: 'float64', rng: createRng(5) });
const referenceResult = await mcDropoutPredict(reference, X64, { samples: 8, seed: 3, input: 'preprocessed', batchSize: 10 });

describe('mcDropoutPredict', () => {
  it('averages T passes with fresh masks: mean, spread, entropy and mutual information as defined', async () => {
    const T = 6;
    const got = await mcDropoutPredict(reference, X64, { samples: T, seed: 9, input: 'preprocessed', batchSize: 100 });
    // The same T passes by hand: one stream seeded 9, one batch.
    const rng = createRng(9);
    const passes = Array.from({ length: T }, () => {
      const s = Array.from(reference.scores(X64, { stochastic: true, rng }).read());
      return Array.from({ length: 25 }, (_, r) => {
        const row = s.slice(r * 4, r * 4 + 4);
        const e = row.map((v) => Math.exp(v - Math.max(...row)));
        return e.map((v) => v / e.reduce((a, b) => a + b));
      });
    });
    for (let r = 0; r < 25; r++) {
      const mean = [0, 1, 2, 3].map((c) => passes.reduce((a, p) => a + p[r]![c]!, 0) / T);
      const sd = [0, 1, 2, 3].map((c) => Math.sqrt(passes.reduce((a, p) => a + (p[r]![c]! - mean[c]!) ** 2, 0) / T));
      const H = (p: number[]) => -p.reduce((a, v) => a + (v > 0 ? v * Math.log(v) : 0), 0);
      expectClose(got.meanProbs.subarray(r * 4, r * 4 + 4), mean, { rtol: 1e-12, atol: 1e-15 });
      expectClose(got.std.subarray(r * 4, r * 4 + 4), sd, { rtol: 1e-9, atol: 1e-15 });
      expect(Math.abs(got.entropy[r]! - H(mean))).toBeLessThan(1e-12);
      expect(Math.abs(got.mutualInformation[r]! - (H(mean) - passes.reduce((a, p) => a + H(p[r]!), 0) / T))).toBeLessThan(1e-12);
      expect(got.labels[r]).toBe(mean.indexOf(Math.max(...mean)));
    }
    expect(got.std.some((v) => v > 0.01)).toBe(true);
  });

  it('with T = 1 has no spread; without dropout it equals predict', async () => {
    const one = await mcDropoutPredict(reference, X64, { samples: 1, input: 'preprocessed' });
    expect(one.std.every((v) => v === 0)).toBe(true);
    const plain = new FullyConnectedNet({ ...options, dropoutKeepRatio: 1, dtype: 'float64', rng: createRng(5) });
    const mc = await mcDropoutPredict(plain, X64, { samples: 3, input: 'preprocessed' });
    expect(Array.from(mc.meanProbs)).toEqual(Array.from((await predict(plain, X64, { input: 'preprocessed' })).probs));
  });

  it('rejects a bad sample count or seed', async () => {
    await expect(mcDropoutPredict(reference, X64, { samples: 0, input: 'preprocessed' })).rejects.toThrow(/samples must be a positive integer/);
    await expect(mcDropoutPredict(reference, X64, { samples: 2, seed: -1, input: 'preprocessed' })).rejects.toThrow(/seed must be a non-negative integer/);
  });
});

forEachBackend('mcDropoutPredict', (backend) => {
  const model = new FullyConnectedNet({ ...options, backend, rng: createRng(5) });
  const X = toBackend(X64, backend);

  it('is reproducible: the same seed gives the same result, another seed another one', async () => {
    const run = (seed: number) => mcDropoutPredict(model, X, { samples: 8, seed, input: 'preprocessed', batchSize: 10 });
    const [a, b, c] = [await run(3), await run(3), await run(4)];
    expect(Array.from(a.meanProbs)).toEqual(Array.from(b.meanProbs));
    expect(Array.from(a.std)).toEqual(Array.from(b.std));
    expect(Array.from(a.meanProbs)).not.toEqual(Array.from(c.meanProbs));
  });

  it('matches cpu64 (the masks are drawn on the host)', async () => {
    const got = await mcDropoutPredict(model, X, { samples: 8, seed: 3, input: 'preprocessed', batchSize: 10 });
    expectClose(got.meanProbs, referenceResult.meanProbs, backend, 20);
    expectClose(got.entropy, referenceResult.entropy, backend, 20);
  });

  it('leaks no tensors', async () => {
    const before = backend.liveCount();
    await mcDropoutPredict(model, X, { samples: 5, seed: 1, input: 'preprocessed', batchSize: 7 });
    await predict(model, X, { input: 'preprocessed', batchSize: 7 });
    expect(backend.liveCount()).toBe(before);
  });
});
