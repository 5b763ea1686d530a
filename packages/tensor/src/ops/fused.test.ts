import { expect, it } from 'vitest';
import {
  add, createRng, div, dropoutMask, exp, fromArray, full, getBackend, log, matMul, matMulBias, maxCols, mul, randn, sqrt,
  reshape, square, sub, sum, sumRows, softmaxCrossEntropy, tidy, updateStep, zeros, type Tensor, type UpdateStep,
} from '../index.js';
import { expectClose, expectNoLeaks, forEachBackend } from '../testing/index.js';

const cpu64 = getBackend('cpu64');

/** The rules written as the course writes them, with the unfused ops (state null → zeros). */
function unfused(step: UpdateStep, w: Tensor, dw: Tensor, state: (Tensor | null)[]): Tensor[] {
  const z = (k: number): Tensor => state[k] ?? zeros(w.shape, w.backend);
  switch (step.rule) {
    case 'sgd':
      return [sub(w, mul(step.learningRate, dw))];
    case 'sgdMomentum': {
      const v = sub(mul(step.momentum, z(0)), mul(step.learningRate, dw));
      return [add(w, v), v];
    }
    case 'rmsprop': {
      const c = add(mul(step.decayRate, z(0)), mul(1 - step.decayRate, square(dw)));
      return [sub(w, div(mul(step.learningRate, dw), add(sqrt(c), step.epsilon))), c];
    }
    case 'adam': {
      const { learningRate: lr, beta1, beta2, epsilon, t } = step;
      const m = add(mul(beta1, z(0)), mul(1 - beta1, dw));
      const v = add(mul(beta2, z(1)), mul(1 - beta2, square(dw)));
      return [sub(w, div(mul(lr, div(m, 1 - beta1 ** t)), add(sqrt(div(v, 1 - beta2 ** t)), epsilon))), m, v];
    }
  }
}

const steps: UpdateStep[] = [
  { rule: 'sgd', learningRate: 1e-2 },
  { rule: 'sgdMomentum', learningRate: 1e-2, momentum: 0.9 },
  { rule: 'rmsprop', learningRate: 1e-2, decayRate: 0.99, epsilon: 1e-8 },
  { rule: 'adam', learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, t: 3 },
];

forEachBackend('fused ops', (backend) => {
  // cpu and wasm run the same float operations in the same order as the unfused ops: same bits.
  const exact = /^(cpu|wasm)/.test(backend.name);
  const same = (actual: Tensor, expected: Tensor): void => {
    if (!exact) return expectClose(actual, expected, backend, 10);
    const [a, e] = [actual.read(), expected.read()];
    expect(a.length).toBe(e.length);
    const bad = a.findIndex((x, i) => !Object.is(x, e[i]));
    expect(bad, bad < 0 ? '' : `element ${bad}: ${a[bad]} vs ${e[bad]}`).toBe(-1);
  };

  it('updateStep gives what the unfused rule gives, with and without state, and changes no input', () => {
    // 2^18 elements and more are split across the wasm threads; 37 leaves a SIMD tail.
    for (const shape of backend.name.startsWith('wasm') ? [[37], [520, 512]] : [[37], [30, 20]]) {
      const rng = createRng(5);
      const [w, dw, s0, s1] = [0, 1, 2, 3].map(() => randn(rng, shape, backend));
      const s1abs = tidy(() => mul(s1!, s1!)); // second moments are ≥ 0
      const before = Array.from(w!.read());
      for (const step of steps) {
        for (const state of [[null, null], [s0!, s1abs]] as (Tensor | null)[][]) {
          const count = { sgd: 0, sgdMomentum: 1, rmsprop: 1, adam: 2 }[step.rule];
          const given = state.slice(0, count).map((s, k) => (s && step.rule === 'rmsprop' && k === 0 ? s1abs : s));
          expectNoLeaks(backend, () => tidy(() => {
            const fused = updateStep(step, w!, dw!, given);
            const [nextW, ...nextState] = unfused(step, w!, dw!, given);
            same(fused.w, nextW!);
            expect(fused.state).toHaveLength(count);
            fused.state.forEach((s, k) => same(s, nextState[k]!));
          }));
        }
      }
      expect(Array.from(w!.read())).toEqual(before);
      for (const t of [w, dw, s0, s1, s1abs]) t!.dispose();
    }
  });

  it('updateStep with { donate: true } gives the same values, disposes w and the state, leaves dw as it was', () => {
    for (const shape of backend.name.startsWith('wasm') ? [[37], [520, 512]] : [[37], [30, 20]]) {
      for (const step of steps) {
        const rng = createRng(6);
        const count = { sgd: 0, sgdMomentum: 1, rmsprop: 1, adam: 2 }[step.rule];
        const make = (): Tensor[] => [0, 1, 2, 3].map((k) => tidy(() => (k >= 2 ? square(randn(rng, shape, backend)) : randn(rng, shape, backend))));
        const [w, dw, s0, s1] = make();
        const state = [s0!, s1!].slice(0, count);
        const kept = updateStep(step, w!, dw!, state);
        const dwBefore = Array.from(dw!.read());
        const donated = updateStep(step, w!, dw!, state, { donate: true });
        expect([w, ...state].map((t) => t!.isDisposed)).toEqual([w, ...state].map(() => true));
        expect(Array.from(dw!.read())).toEqual(dwBefore);
        same(donated.w, kept.w);
        donated.state.forEach((t, k) => same(t, kept.state[k]!));
        for (const t of [dw, s0, s1, kept.w, ...kept.state, donated.w, ...donated.state]) t!.dispose();
      }
    }
  });

  it('updateStep with { donate: true } leaves a reshape of the donated weights unchanged', () => {
    const rng = createRng(7);
    const [w, dw] = [randn(rng, [40, 10], backend), randn(rng, [40, 10], backend)];
    const view = reshape(w, [400]);
    const before = Array.from(view.read());
    const { w: next } = updateStep({ rule: 'sgd', learningRate: 0.5 }, w, dw, [], { donate: true });
    expect(w.isDisposed).toBe(true);
    expect(Array.from(view.read())).toEqual(before);
    expect(Array.from(next.read())).not.toEqual(before);
    for (const t of [dw, view, next]) t.dispose();
  });

  it('updateStep with { donate: true } refuses a dw that is also w or state (it would be disposed)', () => {
    const w = zeros([2, 3], backend);
    const m = zeros([2, 3], backend);
    const step: UpdateStep = { rule: 'adam', learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, t: 1 };
    expect(() => updateStep(step, w, w, [m, null], { donate: true })).toThrow(/updateStep\(adam\): \{ donate: true \} would dispose dw, which is also w/);
    expect(() => updateStep(step, w, m, [m, null], { donate: true })).toThrow(/which is also state\[0\]/);
    expect([w.isDisposed, m.isDisposed]).toEqual([false, false]);
    w.dispose();
    m.dispose();
  });

  it('updateStep(adam) matches a hand calculation of the first step', () => {
    // m = 0.1·0.5 = 0.05, v = 0.001·0.25 = 2.5e-4; m̂ = 0.5, v̂ = 0.25; w − 0.1·0.5/(0.5 + 1e-8).
    const { w, state } = updateStep({ rule: 'adam', learningRate: 0.1, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, t: 1 },
      fromArray([1], [1], backend), fromArray([0.5], [1], backend), [null, null]);
    expectClose(w, [1 - 0.05 / (0.5 + 1e-8)], backend);
    expectClose(state[0]!, [0.05], backend);
    expectClose(state[1]!, [2.5e-4], backend);
  });

  it('updateStep names a state tensor of the wrong shape', () => {
    const w = zeros([2, 3], backend);
    expect(() => updateStep({ rule: 'sgdMomentum', learningRate: 1, momentum: 0.9 }, w, w, [zeros([3, 2], backend)]))
      .toThrow(/updateStep\(sgdMomentum\): state\[0\] has shape \[3, 2\] but w has shape \[2, 3\]/);
  });

  it('dropoutMask keeps u < p scaled by 1/p, with ReLU fused on request', () => {
    const x = fromArray([-2, -1, 0.5, 1, 2, 3], [2, 3], backend);
    const u = [0.1, 0.9, 0.2, 0.6, 0.4, 0.3];
    const { out, mask } = dropoutMask(x, u, 0.5);
    expectClose(mask, [2, 0, 2, 0, 2, 2], backend);
    expectClose(out, [-4, 0, 1, 0, 4, 6], backend);
    expectClose(dropoutMask(x, u, 0.5, { relu: true }).out, [0, 0, 1, 0, 4, 6], backend);
    expect(() => dropoutMask(x, [0.5], 0.5)).toThrow(/1 uniforms for a tensor of 6 elements/);
  });

  it('softmaxCrossEntropy gives the loss and gradient of the unfused formula', () => {
    // Hand calculation: equal scores over 2 classes → loss log 2, dx = (0.5 − onehot) / N.
    const flat = softmaxCrossEntropy(fromArray([0, 0], [1, 2], backend), [1]);
    expectClose(flat.lossSum, [Math.log(2)], backend);
    expectClose(flat.dx, [0.5, -0.5], backend);
    const x = randn(createRng(9), [50, 10], backend);
    const labels = Array.from({ length: 50 }, (_, i) => (i * 7) % 10);
    const { lossSum, dx } = softmaxCrossEntropy(x, labels);
    const Y = fromArray(labels.flatMap((y) => Array.from({ length: 10 }, (_, j) => (j === y ? 1 : 0))), [50, 10], backend);
    const shifted = sub(x, maxCols(x));
    const logProbs = sub(shifted, log(sumRows(exp(shifted))));
    expectClose(lossSum, mul(-1, sum(mul(logProbs, Y))), backend, 10);
    expectClose(dx, div(sub(exp(logProbs), Y), 50), backend, 10);
    expect(() => softmaxCrossEntropy(x, labels.map(() => 10))).toThrow(/labels\[0\] = 10 is not an integer class in \[0, 10\)/);
  });

  it('matMulBias adds the bias row to the product', () => {
    const rng = createRng(2);
    const [x, w, b] = [randn(rng, [7, 13], backend), randn(rng, [13, 5], backend), randn(rng, [5], backend)];
    same(matMulBias(x, w, b), add(matMul(x, w), b));
    expect(() => matMulBias(x, w, x)).toThrow(/expected x \[N, D\], w \[D, M\], b \[M\]/);
  });

  it('full allocates in the backend dtype', () => {
    const t = full([3], 0.1, backend);
    expect(t.read()).toBeInstanceOf(backend.floatBits === 64 ? Float64Array : Float32Array);
    expectClose(t, [0.1, 0.1, 0.1], backend);
  });

  it('refuses a tensor larger than the backend can hold, naming the op and the shape', () => {
    expect(() => zeros([1e6, 1e6], backend)).toThrow(new RegExp(`zeros: shape \\[1000000, 1000000\\] has 1\\.000e\\+12 elements .*more than ${backend.name} can hold`));
    expect(() => full([2 ** 33], 1, backend)).toThrow(/full: shape \[8589934592\]/);
    expect(() => matMul(zeros([2 ** 17, 1], backend), zeros([1, 2 ** 17], backend))).toThrow(/matMul: shape \[131072, 131072\]/);
  });
});

it('the fused update on cpu64 is the float64 formula (an independent oracle for every backend above)', () => {
  const w = fromArray([0.3], [1], cpu64);
  const dw = fromArray([-0.2], [1], cpu64);
  const { w: next, state } = updateStep({ rule: 'rmsprop', learningRate: 0.01, decayRate: 0.99, epsilon: 1e-8 }, w, dw, [fromArray([0.04], [1], cpu64)]);
  const cache = 0.99 * 0.04 + 0.01 * 0.04;
  expect(state[0]!.read()[0]).toBe(cache);
  expect(next.read()[0]).toBe(0.3 - (0.01 * -0.2) / (Math.sqrt(cache) + 1e-8));
});
