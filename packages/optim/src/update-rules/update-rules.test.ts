import { readFileSync } from 'node:fs';
import { fromArray, Tensor, type Backend } from '@dropout/tensor';
import { expectClose, expectNoLeaks, forEachBackend } from '@dropout/tensor/testing';
import { describe, expect, it } from 'vitest';
import { adam, resolveUpdateRule, rmsprop, sgd, sgdMomentum, type UpdateRule } from '../index.js';

// Reference values from fixtures/generate-update-rules.py (NumPy, float64, the course's formulas).
interface Step { dw: number[]; config?: Record<string, number | number[]>; nextW: number[]; nextConfig: Record<string, number | number[]> }
interface Case { name: string; rule: 'sgd' | 'sgdMomentum' | 'rmsprop' | 'adam'; shape: number[]; w: number[]; steps: Step[]; coursePrinted?: Record<string, number[]> }
const fixture = JSON.parse(readFileSync(new URL('../../fixtures/update-rules.json', import.meta.url), 'utf8')) as { cases: Case[] };
const rules: Record<Case['rule'], UpdateRule> = { sgd, sgdMomentum, rmsprop, adam };

function toConfig(config: Step['config'], shape: number[], backend: Backend): Record<string, unknown> | undefined {
  if (!config) return undefined;
  return Object.fromEntries(Object.entries(config).map(([k, v]) => [k, Array.isArray(v) ? fromArray(v, shape, backend) : v]));
}

function maxRelError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!) / Math.max(1e-8, Math.abs(a[i]!) + Math.abs(b[i]!)));
  return worst;
}

forEachBackend('update rules match NumPy', (backend) => {
  for (const c of fixture.cases) {
    it(c.name, () => {
      let w = fromArray(c.w, c.shape, backend);
      let config = toConfig(c.steps[0]!.config, c.shape, backend);
      for (const [k, s] of c.steps.entries()) {
        const result = rules[c.rule](w, fromArray(s.dw, c.shape, backend), config);
        expectClose(result.nextW, s.nextW, backend);
        expect(Object.keys(result.config).sort(), `step ${k} config keys`).toEqual(Object.keys(s.nextConfig).sort());
        for (const [key, expected] of Object.entries(s.nextConfig)) {
          const actual = result.config[key];
          if (Array.isArray(expected)) expectClose(actual as Tensor, expected, backend);
          else expect(actual, `step ${k} config.${key}`).toBeCloseTo(expected, 15);
        }
        if (backend.floatBits === 64) expect(maxRelError(result.nextW.read(), s.nextW)).toBeLessThan(1e-8);
        w = result.nextW;
        config = result.config;
      }
    });
  }
});

describe('update rules against the arrays printed by the course (cpu64)', () => {
  for (const c of fixture.cases.filter((x) => x.coursePrinted)) {
    it(c.name, async () => {
      const backend = (await import('@dropout/tensor')).getBackend('cpu64');
      const step = c.steps[0]!;
      const { nextW, config } = rules[c.rule](fromArray(c.w, c.shape, backend), fromArray(step.dw, c.shape, backend), toConfig(step.config, c.shape, backend));
      for (const [key, printed] of Object.entries(c.coursePrinted!)) {
        const actual = (key === 'nextW' ? nextW : (config[key] as Tensor)).read();
        // Printed with 8 decimals, so each value is within 5e-9 of ours.
        for (let i = 0; i < printed.length; i++) expect(Math.abs(actual[i]! - printed[i]!), `${key}[${i}]`).toBeLessThanOrEqual(5.0000001e-9);
      }
    });
  }
});

forEachBackend('update rule semantics', (backend) => {
  const w = () => fromArray([1, -2, 3, -4], [2, 2], backend);
  const dw = () => fromArray([0.5, 0.25, -1, 2], [2, 2], backend);

  it('fill in the course defaults', () => {
    expect(sgd(w(), dw()).config).toEqual({ learningRate: 1e-2 });
    const m = sgdMomentum(w(), dw()).config;
    expect([m.learningRate, m.momentum]).toEqual([1e-2, 0.9]);
    const r = rmsprop(w(), dw()).config;
    expect([r.learningRate, r.decayRate, r.epsilon]).toEqual([1e-2, 0.99, 1e-8]);
    const a = adam(w(), dw()).config;
    expect([a.learningRate, a.beta1, a.beta2, a.epsilon, a.t]).toEqual([1e-3, 0.9, 0.999, 1e-8, 1]);
  });

  it('adam increments t before the bias correction (first step moves each weight by about learningRate)', () => {
    const { nextW, config } = adam(w(), dw(), { learningRate: 0.1 });
    expect(config.t).toBe(1);
    // t = 1: m̂ = dw and v̂ = dw², so each weight moves by learningRate · dw / (|dw| + ε) ≈ learningRate · sign(dw).
    const expected = [1, -2, 3, -4].map((x, i) => x - (0.1 * [0.5, 0.25, -1, 2][i]!) / (Math.abs([0.5, 0.25, -1, 2][i]!) + 1e-8));
    expectClose(nextW, expected, backend);
    expectClose(nextW, [0.9, -2.1, 3.1, -4.1], { rtol: 1e-7, atol: 0 });
  });

  it('return a new config and leave the input config and tensors untouched', () => {
    const velocity = fromArray([1, 1, 1, 1], [2, 2], backend);
    const input = { learningRate: 0.5, velocity };
    const { config } = sgdMomentum(w(), dw(), input);
    expect(config).not.toBe(input);
    expect(input.velocity).toBe(velocity);
    expect(velocity.isDisposed).toBe(false);
    expectClose(velocity, [1, 1, 1, 1], backend);
    expect(config.velocity).not.toBe(velocity);
  });

  it('with { donate: true } dispose w and the old state, keep dw, and give the same numbers', () => {
    const t = (values: number[]) => fromArray(values, [2, 2], backend);
    const cases: [UpdateRule, () => Record<string, unknown>][] = [
      [sgd, () => ({ learningRate: 0.1 })],
      [sgdMomentum, () => ({ learningRate: 0.1, velocity: t([1, -1, 0.5, 2]) })],
      [rmsprop, () => ({ cache: t([0.01, 0.02, 0.03, 0.04]) })],
      [adam, () => ({ m: t([0.1, 0.2, -0.3, 0.4]), v: t([0.01, 0.02, 0.03, 0.04]), t: 4 })],
    ];
    for (const [rule, config] of cases) {
      const [w0, g, given] = [w(), dw(), config()];
      const plain = rule(w0, g, given);
      const donated = rule(w0, g, given, { donate: true });
      const state = Object.values(given).filter((x): x is Tensor => x instanceof Tensor);
      expect([w0, ...state].map((x) => x.isDisposed), rule.name).toEqual([w0, ...state].map(() => true));
      expectClose(g, [0.5, 0.25, -1, 2], backend);
      expect(Array.from(donated.nextW.read()), rule.name).toEqual(Array.from(plain.nextW.read()));
      for (const [key, value] of Object.entries(plain.config)) {
        if (value instanceof Tensor) expect(Array.from((donated.config[key] as Tensor).read()), `${rule.name} ${key}`).toEqual(Array.from(value.read()));
      }
    }
  });

  it('allocate only the new weights and state (intermediates are freed)', () => {
    const w0 = w();
    const g = dw();
    const before = backend.liveCount();
    const { nextW, config } = adam(w0, g);
    expect(backend.liveCount() - before).toBe(3); // nextW, m, v
    expectNoLeaks(backend, () => {
      const again = adam(nextW, g, config);
      for (const t of [again.nextW, again.config.m, again.config.v]) t.dispose();
    });
  });
});

describe('update rule errors', () => {
  it('name unknown config keys, suggesting the camelCase spelling', async () => {
    const backend = (await import('@dropout/tensor')).getBackend('cpu64');
    const w = fromArray([1, 2], [2], backend);
    expect(() => sgd(w, w, { learning_rate: 1 } as never)).toThrow(/unknown config key 'learning_rate'.*'learningRate'.*valid keys: learningRate/);
    expect(() => adam(w, w, { beta3: 1 } as never)).toThrow(/adam: unknown config key 'beta3'; valid keys: learningRate, beta1, beta2, epsilon, m, v, t/);
    expect(() => sgd(w, fromArray([1, 2, 3], [3], backend))).toThrow(/dw has shape \[3\] but w has shape \[2\]/);
    expect(() => rmsprop(w, w, { cache: fromArray([1], [1], backend) })).toThrow(/config.cache has shape \[1\]/);
    expect(() => sgdMomentum(w, w, { momentum: Number.NaN })).toThrow(/config.momentum must be a finite number/);
  });

  it('resolve names, including the course spelling sgd_momentum, and reject unknown ones', () => {
    expect(resolveUpdateRule('sgd_momentum').rule).toBe(sgdMomentum);
    expect(resolveUpdateRule('adam').name).toBe('adam');
    expect(() => resolveUpdateRule('adagrad' as never)).toThrow(/Unknown update rule "adagrad"; valid rules: 'sgd', 'sgdMomentum', 'rmsprop', 'adam', 'sgd_momentum'/);
  });
});
