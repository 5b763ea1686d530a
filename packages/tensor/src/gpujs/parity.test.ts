import { expect, it } from 'vitest';
import {
  add, createRng, div, exp, fromArray, getBackend, keep, log, matMul, maxCols, maximum0, mean, mul, randn, scale, step,
  sub, sum, sumRows, tidy, type Backend, type Tensor,
} from '../index.js';
import { expectClose } from '../testing/index.js';
import { forEachGpujs } from './for-each-gpujs.js';

// One training step of the assignment's net (affine → ReLU → dropout → affine → softmax loss, SGD),
// written with tensor ops so this package can test it without @dropout/layers. The mask is drawn
// on the host from the seeded Rng, so it is the same on every backend.
const N = 64, D = 96, H = 80, C = 10, KEEP = 0.5, LR = 0.1;
type Params = { W1: Tensor; b1: Tensor; W2: Tensor; b2: Tensor };

function init(backend: Backend): { params: Params; X: Tensor; onehot: Tensor } {
  const rng = createRng(231);
  const X = randn(rng, [N, D], backend);
  const labels = Array.from(rng.rand(N), (u) => Math.floor(u * C));
  const onehot = fromArray(Array.from({ length: N * C }, (_, i) => (labels[Math.floor(i / C)] === i % C ? 1 : 0)), [N, C], backend);
  const params = {
    W1: randn(rng, [D, H], backend, { std: 0.1 }), b1: randn(rng, [H], backend, { std: 0.1 }),
    W2: randn(rng, [H, C], backend, { std: 0.1 }), b2: randn(rng, [C], backend, { std: 0.1 }),
  };
  return { params, X, onehot };
}

function trainStep(p: Params, X: Tensor, onehot: Tensor, maskSeed: number) {
  const h = maximum0(add(matMul(X, p.W1), p.b1));
  const u = createRng(maskSeed).rand(N * H);
  const mask = fromArray(Array.from(u, (v) => (v < KEEP ? 1 / KEEP : 0)), [N, H], X.backend);
  const hd = mul(h, mask);
  const scores = add(matMul(hd, p.W2), p.b2);
  const shifted = sub(scores, maxCols(scores));
  const logSum = log(sumRows(exp(shifted)));
  const loss = scale(mean(sum(mul(sub(shifted, logSum), onehot), { axis: 1 })), -1);
  const dscores = scale(sub(exp(sub(shifted, logSum)), onehot), 1 / N);
  const dh = mul(mul(matMul(dscores, p.W2, { transposeB: true }), mask), step(h));
  const next: Params = {
    W1: sub(p.W1, scale(matMul(X, dh, { transposeA: true }), LR)), b1: sub(p.b1, scale(sum(dh, { axis: 0 }), LR)),
    W2: sub(p.W2, scale(matMul(hd, dscores, { transposeA: true }), LR)), b2: sub(p.b2, scale(sum(dscores, { axis: 0 }), LR)),
  };
  return { loss, mask, scores, next };
}

const cpu = getBackend('cpu64');
const ref = init(cpu);
const refStep = trainStep(ref.params, ref.X, ref.onehot, 5);

forEachGpujs('gpujs parity with cpu64', (backend) => {
  it('gives the same mask and, within float32 tolerance, the same loss, scores and update', async () => {
    const { params, X, onehot } = init(backend);
    const s = trainStep(params, X, onehot, 5);
    expect(Array.from(await s.mask.readAsync())).toEqual(Array.from(refStep.mask.read()));
    expectClose(await s.loss.readAsync(), refStep.loss, backend);
    expectClose(await s.scores.readAsync(), refStep.scores, backend, 4);
    for (const k of ['W1', 'b1', 'W2', 'b2'] as const) expectClose(await s.next[k].readAsync(), refStep.next[k], backend, 4);
    expect(backend.kernelClasses()).toHaveLength(1);
  });

  it('runs 20 steps without leaking tensors or device storage, and the loss falls', async () => {
    let { params } = init(backend);
    const { X, onehot } = init(backend);
    const first = await tidy(() => trainStep(params, X, onehot, 0).loss).readAsync();
    await backend.flush();
    const live = backend.liveCount();
    const stored = backend.storageCount();
    let loss = 0;
    for (let i = 0; i < 20; i++) {
      const { next, lossT } = tidy(() => {
        const s = trainStep(params, X, onehot, i);
        return { next: s.next, lossT: s.loss };
      });
      for (const k of Object.keys(params) as (keyof Params)[]) params[k].dispose();
      params = next;
      loss = (await lossT.readAsync())[0]!;
      lossT.dispose();
    }
    await backend.flush();
    expect(backend.liveCount()).toBe(live);
    expect(backend.storageCount()).toBe(stored);
    expect(loss).toBeLessThan(first[0]!);
  });
});

forEachGpujs('gpujs asynchronous modes', (backend) => {
  it.runIf(backend.mode.kernelMode === 'webasm' && backend.mode.async)('answers large kernels through the worker pool and readAsync', async () => {
    const before = backend.stats().runPaths.threaded ?? 0;
    const { params, X } = init(backend);
    const h = matMul(X, params.W1); // 64 × 80 = 5120 cells: threaded
    expect(backend.stats().runPaths.threaded ?? 0).toBe(before); // dispatched, not yet run
    expectClose(await h.readAsync(), matMul(ref.X, ref.params.W1), backend, 4);
    expect(backend.stats().runPaths.threaded).toBe(before + 1);
  });

  it.runIf(backend.mode.kernelMode === 'webasm' && backend.mode.async)('read() still answers, computing in-flight values on the calling thread', () => {
    const { params, X } = init(backend);
    const forced = backend.stats().forcedSyncReads!;
    const h = keep(tidy(() => maximum0(add(matMul(X, params.W1), params.b1))));
    expectClose(h.read(), maximum0(add(matMul(ref.X, ref.params.W1), ref.params.b1)), backend, 4);
    expect(backend.stats().forcedSyncReads).toBeGreaterThan(forced);
    h.dispose();
  });

  it.runIf(backend.mode.kernelMode === 'webgpu')('answers only asynchronously on webgpu: read() says to use readAsync', async () => {
    const { params, X } = init(backend);
    const h = matMul(X, params.W1);
    expect(() => h.read()).toThrow(/gpujs:webgpu reads GPU buffers only asynchronously.*readAsync/);
    expectClose(await h.readAsync(), matMul(ref.X, ref.params.W1), backend, 4);
    expect(() => h.read()).toThrow(/readAsync/);
  });

  it.runIf(!backend.mode.async)('has no work in flight in the synchronous modes', async () => {
    const { params, X } = init(backend);
    const r = matMul(X, params.W1);
    await backend.flush();
    expect(div(r, 2).read()).toHaveLength(N * H);
  });
});
