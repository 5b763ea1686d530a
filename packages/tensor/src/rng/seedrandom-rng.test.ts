import { describe, expect, it } from 'vitest';
import { createRng } from './seedrandom-rng.js';

describe('createRng (seedrandom)', () => {
  it('repeats for the same seed, and seed 0 is a seed', () => {
    expect(Array.from(createRng(0).rand(5))).toEqual(Array.from(createRng(0).rand(5)));
    expect(Array.from(createRng(0).rand(5))).not.toEqual(Array.from(createRng(1).rand(5)));
  });

  it('draws uniforms in [0, 1) and normals with mean 0 and variance 1', () => {
    const rng = createRng(231);
    const u = rng.rand(100_000);
    expect(Math.min(...u)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...u)).toBeLessThan(1);
    const z = rng.randn(100_000);
    const m = z.reduce((s, v) => s + v, 0) / z.length;
    const v = z.reduce((s, x) => s + (x - m) ** 2, 0) / z.length;
    expect(Math.abs(m)).toBeLessThan(0.02);
    expect(Math.abs(v - 1)).toBeLessThan(0.02);
  });

  it('draws integers in [low, high) covering the whole range', () => {
    const r = createRng(5).randint(3, 7, 10_000);
    expect(new Set(r)).toEqual(new Set([3, 4, 5, 6]));
    expect(new Set(createRng(5).choice(3, 1000))).toEqual(new Set([0, 1, 2]));
  });

  it('resumes exactly from a JSON round-tripped state', () => {
    const rng = createRng(42);
    rng.randn(3); // leaves a cached normal behind
    const state = JSON.parse(JSON.stringify(rng.getState()));
    const expected = [...rng.randn(5), ...rng.rand(5)];
    const resumed = createRng(7);
    resumed.setState(state);
    expect([...resumed.randn(5), ...resumed.rand(5)]).toEqual(expected);
  });

  it('rejects bad arguments with a message naming them', () => {
    expect(() => createRng(1.5)).toThrow(/seed must be an integer/);
    expect(() => createRng(1).rand(-1)).toThrow(/rand: size must be a non-negative integer/);
    expect(() => createRng(1).randint(5, 5, 1)).toThrow(/randint: need integers low < high/);
  });
});
