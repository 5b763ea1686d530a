import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fma, glibcLog } from './glibc-log.js';
import { MT19937 } from './mt19937.js';
import { createNumpyRng, NumpyRandomState } from './numpy-rng.js';
import type { Rng, RngState } from './rng.js';

// Written by fixtures/gen_numpy_rng.py from NumPy's legacy np.random.RandomState.
interface Snapshot { after: string; key: number[]; pos: number; hasGauss: boolean; gauss: number }
interface Fixture {
  numpyVersion: string;
  platform: string;
  randn231: { seed: number; count: number; first: number[]; sha256: string; sum: number };
  rand: { seed: number; values: number[] }[];
  dropout: { seed: number; randnSize: number; randSize: number; draws: { p: number; first: number[]; keptCount: number; zeroFraction: number }[] };
  fcnet: { seed: number; X: number[]; y: number[] };
  randint: { seed: number; low: number; high: number; values: number[]; randAfter: number[] }[];
  choice: { seed: number; n: number; size: number; values: number[][] }[];
  interleaved: { seed: number; ops: { op: 'randn' | 'rand' | 'randint' | 'choice'; args: number[]; values: number[] }[] };
  state: { seed: number; snapshots: Snapshot[]; nextRandn: number[]; nextRand: number[] };
  log: { x: number[]; log: number[] };
  fma: [number, number, number, number][];
}
const fx = JSON.parse(readFileSync(new URL('../../fixtures/numpy-rng.json', import.meta.url), 'utf8')) as Fixture;

/** Element-wise Object.is, reporting the first mismatch (a plain toEqual over 2,000 floats is unreadable). */
function expectSame(actual: ArrayLike<number>, expected: number[], label: string): void {
  expect(actual.length, `${label}: length`).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expect(actual[i], `${label}[${i}]`).toBe(expected[i]);
}

function snapshot(s: Snapshot): RngState {
  return { kind: 'numpy', key: s.key, pos: s.pos, hasGauss: s.hasGauss, gauss: s.gauss };
}

describe('createNumpyRng (NumPy legacy RandomState)', () => {
  it('reproduces the first 250,000 randn values for seed 231 bit for bit', () => {
    const z = createNumpyRng(fx.randn231.seed).randn(fx.randn231.count);
    expectSame(z.subarray(0, fx.randn231.first.length), fx.randn231.first, 'randn');
    const bytes = new Uint8Array(z.buffer, z.byteOffset, z.byteLength); // little-endian on every supported host
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(fx.randn231.sha256);
    expect(z.reduce((s, v) => s + v, 0)).toBeCloseTo(fx.randn231.sum, 6); // NumPy sums pairwise
  });

  it('reproduces rand after seeds 0, 1, 231 and 123', () => {
    for (const c of fx.rand) expectSame(createNumpyRng(c.seed).rand(c.values.length), c.values, `rand seed ${c.seed}`);
  });

  it("reproduces the dropout cell's zero fractions 0.749784, 0.600796, 0.30074", () => {
    const rng = createNumpyRng(fx.dropout.seed);
    const x = rng.randn(fx.dropout.randnSize).map((v) => v + 10);
    const fractions: number[] = [];
    for (const d of fx.dropout.draws) {
      const u = rng.rand(fx.dropout.randSize);
      expectSame(u.subarray(0, d.first.length), d.first, `rand after randn, p=${d.p}`);
      let zeros = 0;
      for (let i = 0; i < u.length; i++) if (x[i] * (Number(u[i] < d.p) / d.p) === 0) zeros++;
      expect(u.length - zeros).toBe(d.keptCount);
      fractions.push(zeros / u.length);
    }
    expect(fractions).toEqual(fx.dropout.draws.map((d) => d.zeroFraction));
    expect(fractions).toEqual([0.749784, 0.600796, 0.30074]);
  });

  it("reproduces the FC-net cell: seed(231); X = randn(2, 15); y = randint(10, size=2)", () => {
    const rng = createNumpyRng(fx.fcnet.seed);
    expectSame(rng.randn(30), fx.fcnet.X, 'X');
    expect(Array.from(rng.randint(0, 10, 2))).toEqual(fx.fcnet.y);
  });

  it('reproduces randint over ranges from 1 to 2^32 values, consuming the same words', () => {
    for (const c of fx.randint) {
      const rng = createNumpyRng(c.seed);
      const label = `randint(${c.low}, ${c.high})`;
      expect(Array.from(rng.randint(c.low, c.high, c.values.length)), label).toEqual(c.values);
      expectSame(rng.rand(3), c.randAfter, `${label} then rand`);
    }
  });

  it('reproduces repeated choice(n, size) calls on one stream', () => {
    for (const c of fx.choice) {
      const rng = createNumpyRng(c.seed);
      for (const [k, v] of c.values.entries()) expect(Array.from(rng.choice(c.n, c.size)), `choice(${c.n}) #${k}`).toEqual(v);
    }
  });

  it('keeps the cached gaussian across interleaved rand/randint/choice calls', () => {
    const rng = createNumpyRng(fx.interleaved.seed);
    for (const [k, { op, args, values }] of fx.interleaved.ops.entries()) {
      const label = `#${k} ${op}(${args.join(', ')})`;
      if (op === 'randn') expectSame(rng.randn(args[0]), values, label);
      else if (op === 'rand') expectSame(rng.rand(args[0]), values, label);
      else if (op === 'randint') expect(Array.from(rng.randint(args[0], args[1], args[2])), label).toEqual(values);
      else expect(Array.from(rng.choice(args[0], args[1])), label).toEqual(values);
    }
  });

  it("matches NumPy's get_state() and resumes from a JSON round-tripped state", () => {
    const [fresh, cached, plain] = fx.state.snapshots;
    const rng = createNumpyRng(fx.state.seed);
    expect(rng.getState()).toEqual(snapshot(fresh));
    rng.randn(5);
    rng.rand(700);
    expect(rng.getState()).toEqual(snapshot(cached));
    rng.randn(1);
    rng.randint(0, 500, 10);
    expect(rng.getState()).toEqual(snapshot(plain));

    for (const s of [fresh, cached, plain]) {
      const saved = (() => {
        const r = createNumpyRng(0);
        r.setState(snapshot(s));
        return JSON.parse(JSON.stringify(r.getState())) as RngState;
      })();
      expect(saved).toEqual(snapshot(s));
    }
    const resumed: Rng = new NumpyRandomState(99);
    resumed.setState(JSON.parse(JSON.stringify(snapshot(plain))) as RngState);
    expectSame(resumed.randn(4), fx.state.nextRandn, 'randn after setState');
    expectSame(resumed.rand(4), fx.state.nextRand, 'rand after setState');

    const a = createNumpyRng(5);
    a.randn(3); // odd count: leaves a cached gaussian in the state
    const b = createNumpyRng(6);
    b.setState(JSON.parse(JSON.stringify(a.getState())) as RngState);
    expect([...b.randn(7), ...b.rand(3), ...b.randint(-4, 9, 5)]).toEqual([...a.randn(7), ...a.rand(3), ...a.randint(-4, 9, 5)]);
  });

  it('seed() resets the words and the gauss cache like np.random.seed', () => {
    const rng = createNumpyRng(231);
    rng.randn(1); // caches the second normal
    rng.rand(1000);
    rng.seed(231);
    expect(rng.getState()).toMatchObject({ pos: 624, hasGauss: false, gauss: 0 });
    expectSame(rng.randn(10), fx.randn231.first.slice(0, 10), 'randn after reseed');
    rng.seed(0); // 0 is a seed like any other
    expectSame(rng.rand(5), fx.rand.find((c) => c.seed === 0)!.values.slice(0, 5), 'rand after seed(0)');
  });

  it("rounds log() exactly as C's log() does (legacy_gauss calls it; Math.log rounds some inputs differently)", () => {
    expectSame(fx.log.x.map(glibcLog), fx.log.log, 'glibcLog');
    expect(glibcLog(0.9398555664592056)).toBe(-0.0620290682268461);
    expect([glibcLog(0), glibcLog(-1), glibcLog(Infinity)]).toEqual([-Infinity, NaN, Infinity]);
    expect(glibcLog(NaN)).toBeNaN();
  });

  it('emulates a fused multiply-add exactly, including near rounding ties', () => {
    for (const [k, [a, b, c, expected]] of fx.fma.entries()) expect(fma(a, b, c), `fma case ${k}`).toBe(expected);
    expect(fma(0.1, 10, -1)).toBe(5.551115123125783e-17);
  });

  it('exposes the raw MT19937 words', () => {
    const mt = new MT19937();
    mt.seed(5);
    expect(mt.nextUint32()).toBe(953453411);
    mt.seed(5);
    expect(mt.nextDouble()).toBe(0.22199317108973948);
  });

  it('rejects bad arguments with a message naming them', () => {
    for (const seed of [-1, 1.5, 2 ** 32, NaN]) expect(() => createNumpyRng(seed)).toThrow(/seed must be an integer in \[0, 2\^32-1\]/);
    expect(() => createNumpyRng(2 ** 32 - 1)).not.toThrow();
    const rng = createNumpyRng(1);
    expect(() => rng.seed(-3)).toThrow(/seed must be an integer/);
    expect(() => rng.rand(-1)).toThrow(/rand: size must be a non-negative integer/);
    expect(() => rng.randn(2.5)).toThrow(/randn: size must be a non-negative integer/);
    expect(() => rng.randint(5, 5, 1)).toThrow(/randint: low and high must be integers with low < high/);
    expect(() => rng.randint(0, 1.5, 1)).toThrow(/randint: low and high must be integers/);
    expect(() => rng.randint(0, 2 ** 31 + 1, 1)).toThrow(/randint: low and high must lie in \[-2\^31, 2\^31\]/);
    expect(() => rng.randint(0, 3, -1)).toThrow(/randint: size must be a non-negative integer/);
    expect(() => rng.choice(0, 3)).toThrow(/choice: n must be a positive integer/);
    expect(() => rng.choice(3, -2)).toThrow(/choice: size must be a non-negative integer/);
    expect(() => rng.setState({ kind: 'seedrandom', seed: 1, state: null })).toThrow(/setState: .*kind 'seedrandom'/);
    const good = rng.getState() as Extract<RngState, { kind: 'numpy' }>;
    expect(() => rng.setState({ ...good, key: good.key.slice(1) })).toThrow(/setState: key must be an array of 624 integers/);
    expect(() => rng.setState({ ...good, pos: 625 })).toThrow(/setState: pos must be an integer in \[0, 624\]/);
    expect(() => rng.setState({ ...good, gauss: NaN })).toThrow(/setState: gauss must be a finite number/);
    expect(rng.rand(0)).toHaveLength(0);
  });
});
