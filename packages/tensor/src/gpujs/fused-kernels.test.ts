import { expect, it } from 'vitest';
import {
  createRng, dropoutMask, sum, getBackend, matMulBias, mul, randn, softmaxCrossEntropy, tidy, toBackend, updateStep, type Tensor,
  type UpdateStep,
} from '../index.js';
import { expectClose } from '../testing/index.js';
import { forEachGpujs } from './for-each-gpujs.js';
import type { GpujsBackend } from './gpujs-backend.js';

// The fused seam methods as real gpu.js kernels: the same numbers as cpu64 (the reference
// backends define the result) and the launch counts the kernels are written for. Every read is
// readAsync, so these run on gpujs:webgpu in the browser matrix too.
const cpu = getBackend('cpu64');

/** Kernel runs `fn` causes, apart from uploads of host data (device modes upload masks and inputs). */
async function launches(backend: GpujsBackend, fn: () => void): Promise<number> {
  await backend.flush();
  const count = (): number => {
    const s = backend.stats();
    return s.runs - (s.byOp.upload?.runs ?? 0);
  };
  const before = count();
  fn();
  await backend.flush();
  return count() - before;
}

const steps: UpdateStep[] = [
  { rule: 'sgd', learningRate: 1e-2 },
  { rule: 'sgdMomentum', learningRate: 1e-2, momentum: 0.9 },
  { rule: 'rmsprop', learningRate: 1e-2, decayRate: 0.99, epsilon: 1e-8 },
  { rule: 'adam', learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, t: 3 },
];
const outputs = { sgd: 1, sgdMomentum: 2, rmsprop: 2, adam: 3 };

forEachGpujs('gpujs fused kernels', (backend) => {
  const on = (t: Tensor): Tensor => toBackend(t, backend);

  it('updateStep: one kernel per output, agreeing with cpu64 with and without state (and with only one adam moment)', async () => {
    // 70 × 64 = 4480 cells: above webasm-async's threading threshold.
    const rng = createRng(11);
    const [w, dw, s0] = [0, 1, 2].map(() => randn(rng, [70, 64], cpu));
    const s1 = mul(s0!, s0!); // squared moments are ≥ 0
    for (const step of steps) {
      const stateSets: (Tensor | null)[][] = [[null, null], [step.rule === 'rmsprop' ? s1 : s0!, s1], [null, s1], [s0!, null]];
      for (const state of stateSets.slice(0, step.rule === 'adam' ? 4 : 2)) {
        const given = state.slice(0, outputs[step.rule] - 1);
        const want = updateStep(step, w!, dw!, given);
        let got!: ReturnType<typeof updateStep>;
        const n = await launches(backend, () => {
          got = updateStep(step, on(w!), on(dw!), given.map((s) => (s ? on(s) : null)));
        });
        const label = `${step.rule} with state [${given.map((s) => (s ? 'given' : 'null')).join(', ')}]`;
        expect(n, label).toBe(outputs[step.rule]);
        expectClose(await got.w.readAsync(), want.w, backend, 4);
        expect(got.state).toHaveLength(want.state.length);
        for (let k = 0; k < want.state.length; k++) expectClose(await got.state[k]!.readAsync(), want.state[k]!, backend, 4);
      }
    }
  });

  it('updateStep(adam): a new t is an argument, not a recompile, and the bias correction follows it', async () => {
    const rng = createRng(12);
    const [w, dw, m, v0] = [0, 1, 2, 3].map(() => randn(rng, [9, 7], cpu));
    const v = mul(v0!, v0!);
    const adam = (t: number): UpdateStep => ({ rule: 'adam', learningRate: 1e-2, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, t });
    const gpuArgs = [on(w!), on(dw!), [on(m!), on(v)]] as const;
    await updateStep(adam(1), ...gpuArgs).w.readAsync();
    const compiled = backend.stats().kernelsCompiled;
    for (const t of [2, 50]) {
      const got = updateStep(adam(t), ...gpuArgs);
      expectClose(await got.w.readAsync(), updateStep(adam(t), w!, dw!, [m!, v]).w, backend, 4);
    }
    expect(backend.stats().kernelsCompiled).toBe(compiled);
  });

  it('dropout: ReLU and the mask in one kernel; the mask is kept, NaN maps to 0 under ReLU', async () => {
    const rng = createRng(13);
    const xs = Array.from(rng.randn(70 * 64));
    // GLSL and WGSL leave NaN comparisons to the driver; the host modes must match the CPU on it.
    const nan = !backend.mode.device;
    if (nan) xs[5] = NaN;
    const x = backend.fromArray(xs, [70, 64]);
    const u = rng.rand(70 * 64);
    for (const relu of [true, false]) {
      let got!: { out: Tensor; mask: Tensor };
      expect(await launches(backend, () => (got = dropoutMask(x, u, 0.3, { relu }))), `relu ${relu}`).toBe(1);
      const want = dropoutMask(cpu.fromArray(xs, [70, 64]), u, 0.3, { relu });
      expect(Array.from(await got.mask.readAsync())).toEqual(Array.from(want.mask.read(), Math.fround));
      const out = await got.out.readAsync();
      const expected = want.out.read();
      if (nan) {
        expect(Number.isNaN(out[5]!), `cell 5 (x = NaN), relu ${relu}`).toBe(!relu);
        expect(Number.isNaN(expected[5]!)).toBe(!relu);
        out[5] = expected[5] = 0;
      }
      expectClose(out, expected, backend);
    }
  });

  it('softmaxLoss: three launches, the loss and gradient of cpu64; a long batch reduces in chunks', async () => {
    // Scores far from 0 check the max shift; 1500 rows take the chunked sum (one more launch).
    for (const [N, C, kernels] of [[64, 10, 3], [1500, 10, 4], [5, 1, 3]] as const) {
      const rng = createRng(14 + N);
      const x = tidy(() => mul(randn(rng, [N, C], cpu), 30));
      const labels = Array.from(rng.rand(N), (r) => Math.floor(r * C));
      const want = softmaxCrossEntropy(x, labels);
      const gx = on(x);
      let got!: { lossSum: Tensor; dx: Tensor };
      expect(await launches(backend, () => (got = softmaxCrossEntropy(gx, labels))), `${N}×${C}`).toBe(kernels);
      expect(got.lossSum.shape).toEqual([]);
      expectClose(await got.lossSum.readAsync(), want.lossSum, backend, 10);
      expectClose(await got.dx.readAsync(), want.dx, backend, 4);
      // The loss folded the first N of 3N statistics; GL bakes an input's texture size into the
      // shader, so a plain sum over N values must get a kernel of its own (it read the wrong cells before).
      const ramp = Array.from({ length: N }, (_, i) => i);
      expectClose(await sum(backend.fromArray(ramp, [N])).readAsync(), [(N * (N - 1)) / 2], backend);
    }
  });

  it('affine: the bias rides in the matMul kernel (GL adds only its vec4 unpacking), like cpu64', async () => {
    // K = 70 and M = 45 are not multiples of 4: the unrolled tail and the vec4 edge columns.
    const rng = createRng(15);
    const [x, w, b] = [randn(rng, [37, 70], cpu), randn(rng, [70, 45], cpu), randn(rng, [45], cpu)];
    const [gx, gw, gb] = [on(x), on(w), on(b)];
    let got!: Tensor;
    const n = await launches(backend, () => (got = matMulBias(gx, gw, gb)));
    const gl = /gl/.test(backend.mode.kernelMode);
    expect(n).toBe(gl ? 2 : 1);
    expect(backend.stats().byOp.affine?.runs).toBeGreaterThan(0);
    expectClose(await got.readAsync(), matMulBias(x, w, b), backend, 4);
  });
});
