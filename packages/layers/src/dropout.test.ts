import { createNumpyRng, createRng, equal, fromArray, getBackend, mean, randn, sum, tidy, type Backend, type Rng, type Tensor } from '@dropout/tensor';
import { evalNumericalGradientArray, relError } from '@dropout/gradcheck';
import { expectClose, forEachBackend } from '@dropout/tensor/testing';
import { describe, expect, it } from 'vitest';
import { dropoutBackward, dropoutForward, reluBackward, reluDropoutForward, reluForward, type DropoutParam } from './index.js';

const zeroFraction = (t: Tensor): number => sum(equal(t, 0)).item() / t.size;
const relDiff = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

/**
 * x = randn(500, 500) + 10 from a stream seeded 231, drawn once (250,000 normals take a while)
 * and uploaded per backend; each test resumes its own copy of the stream from just after x.
 */
function input500(makeRng: (seed: number) => Rng) {
  const rng = makeRng(231);
  const values = Float64Array.from(rng.randn(500 * 500), (v) => v + 10);
  const state = rng.getState();
  return {
    start(backend: Backend) {
      const resumed = makeRng(0);
      resumed.setState(state);
      return { rng: resumed, x: fromArray(values, [500, 500], backend) };
    },
  };
}
const notebookInput = input500(createNumpyRng);
const seedrandomInput = input500(createRng);

// Notebook cell "Dropout: Forward Pass": np.random.seed(231); x = np.random.randn(500, 500) + 10,
// then dropout_forward(x, {'mode': 'train', 'p': p}) draws each mask from the same global stream.
const NOTEBOOK = {
  inputMean: 10.000207878477502,
  rows: [
    { p: 0.25, trainMean: 10.014059116977283, zeroFraction: 0.749784 },
    { p: 0.4, trainMean: 9.977917658761159, zeroFraction: 0.600796 },
    { p: 0.7, trainMean: 9.987811912159426, zeroFraction: 0.30074 },
  ],
};

forEachBackend('dropoutForward', (backend) => {
  it("reproduces the notebook's forward cell with the NumPy stream seeded 231", () => {
    const { rng, x } = notebookInput.start(backend);
    const exact = backend.floatBits === 64;
    const check = (actual: number, expected: number) =>
      exact ? expect(relDiff(actual, expected)).toBeLessThan(1e-13) : expectClose(actual, expected, backend);
    check(mean(x).item(), NOTEBOOK.inputMean);
    for (const row of NOTEBOOK.rows) {
      const { out } = dropoutForward(x, { mode: 'train', p: row.p }, rng);
      const { out: outTest } = dropoutForward(x, { mode: 'test', p: row.p }, rng);
      // The zero fractions prove the masks are NumPy's, unit for unit, on every backend.
      expect(zeroFraction(out)).toBe(row.zeroFraction);
      check(mean(out).item(), row.trainMean);
      expect(outTest).toBe(x);
      expect(zeroFraction(outTest)).toBe(0);
    }
  });

  it('keeps the mean and drops 1 − p of the units with the seedrandom stream', () => {
    const { rng, x } = seedrandomInput.start(backend);
    for (const p of [0.25, 0.4, 0.7]) {
      const { out } = dropoutForward(x, { mode: 'train', p }, rng);
      expect(Math.abs(mean(out).item() - 10)).toBeLessThan(0.1);
      expect(Math.abs(zeroFraction(out) - (1 - p))).toBeLessThan(0.01);
      expect(mean(dropoutForward(x, { mode: 'test', p }, rng).out).item()).toBe(mean(x).item());
    }
  });

  it('keeps a unit exactly when u < p and scales it by 1/p, with the same mask on every backend', () => {
    const x = fromArray(Array.from({ length: 24 }, (_, i) => i + 1), [4, 6], backend);
    const u = createNumpyRng(123).rand(24);
    const { out, cache } = dropoutForward(x, { mode: 'train', p: 0.4, seed: 123 });
    const expected = Array.from(u, (v, i) => (v < 0.4 ? (i + 1) / 0.4 : 0));
    expectClose(out, expected, backend);
    expectClose(cache.mask!, Array.from(u, (v) => (v < 0.4 ? 1 / 0.4 : 0)), backend);
  });

  it('keeps everything at p = 1', () => {
    const x = fromArray([1, -2, 3], [3], backend);
    expectClose(dropoutForward(x, { mode: 'train', p: 1 }, createRng(0)).out, [1, -2, 3], backend);
  });
});

forEachBackend('dropoutBackward', (backend) => {
  it.runIf(backend.floatBits === 64)("matches the numerical gradient (the notebook's backward cell)", () => {
    const rng = createNumpyRng(231);
    const x = randn(rng, [10, 10], backend, { mean: 10 });
    const dout = randn(rng, [10, 10], backend);
    const param: DropoutParam = { mode: 'train', p: 0.2, seed: 123 };
    const { cache } = dropoutForward(x, param);
    const dx = dropoutBackward(dout, cache);
    const dxNum = evalNumericalGradientArray((xx) => dropoutForward(xx, param).out, x, dout);
    expect(relError(dx, dxNum)).toBeLessThan(1e-9);
  });

  it('multiplies by the mask in train mode and passes dout through in test mode', () => {
    const x = fromArray([1, 2, 3, 4, 5, 6], [2, 3], backend);
    const dout = fromArray([6, 5, 4, 3, 2, 1], [2, 3], backend);
    const train = dropoutForward(x, { mode: 'train', p: 0.5, seed: 7 });
    const mask = Array.from(train.cache.mask!.read());
    expectClose(dropoutBackward(dout, train.cache), mask.map((m, i) => m * (6 - i)), backend);
    expect(dropoutBackward(dout, dropoutForward(x, { mode: 'test', p: 0.5 }).cache)).toBe(dout);
  });
});

forEachBackend('reluDropoutForward', (backend) => {
  const bits = (t: Tensor): number[] => Array.from(t.read());
  it('gives the bits, mask and gradients of reluForward then dropoutForward, from the same stream', () => {
    // Negative, zero and positive inputs; a NumPy stream seeded per call, a seedrandom stream, and test mode.
    const x = tidy(() => randn(createRng(3), [37, 20], backend));
    for (const [param, stream] of [
      [{ mode: 'train', p: 0.4 }, () => createRng(11)],
      [{ mode: 'train', p: 0.25, seed: 231 }, () => createNumpyRng(0)],
      [{ mode: 'test', p: 0.5 }, () => createRng(11)],
    ] as [DropoutParam, () => Rng][]) {
      const [r1, r2] = [stream(), stream()];
      const relu = reluForward(x);
      const apart = dropoutForward(relu.out, param, r1);
      const fused = reluDropoutForward(x, param, r2);
      expect(bits(fused.out), param.mode).toEqual(bits(apart.out));
      expect(fused.cache.dropout.mask && bits(fused.cache.dropout.mask)).toEqual(apart.cache.mask && bits(apart.cache.mask));
      expect(r2.rand(3)).toEqual(r1.rand(3)); // both drew the same number of uniforms
      const dout = randn(createRng(4), x.shape, backend);
      const dxApart = reluBackward(dropoutBackward(dout, apart.cache), relu.cache);
      const dxFused = reluBackward(dropoutBackward(dout, fused.cache.dropout), fused.cache.relu);
      expect(bits(dxFused)).toEqual(bits(dxApart));
    }
  });

  it('names itself in its errors', () => {
    const x = fromArray([1, -1], [2], backend);
    expect(() => reluDropoutForward(x, { mode: 'train', p: 0 }, createRng(1))).toThrow(/reluDropoutForward: dropoutParam.p = 0 is outside \(0, 1\]/);
    expect(() => reluDropoutForward(null as unknown as Tensor, { mode: 'train', p: 0.5 })).toThrow(/reluDropoutForward: x/);
  });
});

describe('dropoutForward seed semantics', () => {
  const x = fromArray(new Float64Array(50).fill(1), [5, 10], getBackend('cpu64'));

  it('reseeds a NumPy stream that is passed in, as np.random.seed(seed) reseeds the global stream', () => {
    const rng = createNumpyRng(5);
    rng.rand(3);
    dropoutForward(x, { mode: 'train', p: 0.5, seed: 123 }, rng);
    const reference = createNumpyRng(123);
    reference.rand(50);
    expect(Array.from(rng.rand(5))).toEqual(Array.from(reference.rand(5)));
    // Test mode draws nothing but still reseeds, as the course's dropout_forward does.
    expect(dropoutForward(x, { mode: 'test', p: 0.5, seed: 99 }, rng).out).toBe(x);
    expect(Array.from(rng.rand(5))).toEqual(Array.from(createNumpyRng(99).rand(5)));
  });

  it('leaves a seedrandom stream alone and draws from a fresh createRng(seed)', () => {
    const rng = createRng(5);
    const before = rng.getState();
    const { out } = dropoutForward(x, { mode: 'train', p: 0.5, seed: 123 }, rng);
    expect(rng.getState()).toEqual(before);
    const u = createRng(123).rand(50);
    expect(Array.from(out.read())).toEqual(Array.from(u, (v) => (v < 0.5 ? 2 : 0)));
  });

  it('gives the same mask on every call with a seed, and a new one per call from an rng', () => {
    const param: DropoutParam = { mode: 'train', p: 0.5, seed: 1 };
    expect(Array.from(dropoutForward(x, param).out.read())).toEqual(Array.from(dropoutForward(x, param).out.read()));
    const rng = createRng(1);
    const a = dropoutForward(x, { mode: 'train', p: 0.5 }, rng).out.read();
    const b = dropoutForward(x, { mode: 'train', p: 0.5 }, rng).out.read();
    expect(Array.from(a)).not.toEqual(Array.from(b));
  });

  it('rejects p outside (0, 1], an unknown mode, and train mode without randomness', () => {
    const rng = createRng(0);
    for (const p of [0, -0.5, 1.5, Number.NaN]) {
      expect(() => dropoutForward(x, { mode: 'train', p }, rng)).toThrow(/p = .* is outside \(0, 1\]; p is the KEEP probability/);
    }
    expect(() => dropoutForward(x, { mode: 'eval' as 'train', p: 0.5 }, rng)).toThrow(/unknown dropoutParam.mode "eval"; use 'train' or 'test'/);
    expect(() => dropoutForward(x, { mode: 'train', p: 0.5 })).toThrow(/pass an rng .* or set dropoutParam.seed/);
    expect(() => dropoutForward(x, { mode: 'train', p: 0.5, seed: 1.5 })).toThrow(/seed must be a non-negative integer/);
  });
});
