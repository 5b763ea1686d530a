import { glibcLog } from './glibc-log.js';
import { MT19937 } from './mt19937.js';
import type { Rng, RngState } from './rng.js';

const UINT32_MAX = 0xffffffff;
const INT32_SPAN = 2 ** 31;

function checkSize(op: string, size: number): void {
  if (!Number.isInteger(size) || size < 0) {
    throw new RangeError(`${op}: size must be a non-negative integer (the number of values to draw), got ${String(size)}`);
  }
}

function checkSeed(seed: number): void {
  if (!Number.isInteger(seed) || seed < 0 || seed > UINT32_MAX) {
    throw new RangeError(
      `NumpyRandomState: seed must be an integer in [0, 2^32-1] (the range np.random.seed accepts), got ${String(seed)}; ` +
        'pass e.g. 231, or reduce a larger value with `seed >>> 0`',
    );
  }
}

function checkBounds(low: number, high: number): void {
  if (!Number.isInteger(low) || !Number.isInteger(high) || low >= high) {
    throw new RangeError(
      `randint: low and high must be integers with low < high (draws come from [low, high)), got low=${String(low)}, high=${String(high)}; ` +
        'for a constant c use low=c, high=c+1',
    );
  }
  if (low < -INT32_SPAN || high > INT32_SPAN) {
    throw new RangeError(
      `randint: low and high must lie in [-2^31, 2^31] because results are stored in an Int32Array, got low=${low}, high=${high}`,
    );
  }
}

function checkState(state: RngState): asserts state is Extract<RngState, { kind: 'numpy' }> {
  const fail = (what: string): never => {
    throw new TypeError(`setState: ${what}; pass an object made by NumpyRandomState.getState()`);
  };
  if (state === null || typeof state !== 'object') fail(`state must be an object, got ${String(state)}`);
  if (state.kind !== 'numpy') {
    fail(`this is a numpy stream but the state is of kind '${String(state.kind)}' (restore that one into createRng())`);
  }
  const s = state as Extract<RngState, { kind: 'numpy' }>;
  if (!Array.isArray(s.key) || s.key.length !== 624 || !s.key.every((w) => Number.isInteger(w) && w >= 0 && w <= UINT32_MAX)) {
    fail('key must be an array of 624 integers in [0, 2^32-1]');
  }
  if (!Number.isInteger(s.pos) || s.pos < 0 || s.pos > 624) fail(`pos must be an integer in [0, 624], got ${String(s.pos)}`);
  if (typeof s.hasGauss !== 'boolean') fail(`hasGauss must be a boolean, got ${String(s.hasGauss)}`);
  if (typeof s.gauss !== 'number' || !Number.isFinite(s.gauss)) fail(`gauss must be a finite number, got ${String(s.gauss)}`);
}

/**
 * NumPy's legacy `np.random.RandomState` (MT19937, `legacy_gauss` with glibc's log, masked `randint`), bit-identical for integer seeds.
 * @example
 *   const rs = new NumpyRandomState(231);
 *   rs.randn(2); // Float64Array [0.41794341..., 1.39710028...], as np.random.seed(231); np.random.randn(2)
 */
export class NumpyRandomState implements Rng {
  readonly kind = 'numpy' as const;
  readonly #mt = new MT19937();
  #hasGauss = false;
  #gauss = 0;

  constructor(seed: number) {
    this.seed(seed);
  }

  seed(n: number): void {
    checkSeed(n);
    this.#mt.seed(n);
    this.#hasGauss = false;
    this.#gauss = 0;
  }

  rand(size: number): Float64Array {
    checkSize('rand', size);
    const out = new Float64Array(size);
    this.#mt.fillDoubles(out);
    return out;
  }

  randn(size: number): Float64Array {
    checkSize('randn', size);
    const out = new Float64Array(size);
    const mt = this.#mt;
    let i = 0;
    if (size > 0 && this.#hasGauss) {
      out[i++] = this.#gauss;
      this.#hasGauss = false;
      this.#gauss = 0;
    }
    while (i < size) {
      // Marsaglia's polar method as in legacy_gauss: return f*x2, keep f*x1 for the next call.
      let x1: number, x2: number, r2: number;
      do {
        x1 = 2 * mt.nextDouble() - 1;
        x2 = 2 * mt.nextDouble() - 1;
        r2 = x1 * x1 + x2 * x2;
      } while (r2 >= 1 || r2 === 0);
      const f = Math.sqrt((-2 * glibcLog(r2)) / r2); // Math.log rounds differently from C's log
      out[i++] = f * x2;
      if (i < size) {
        out[i++] = f * x1;
      } else {
        this.#hasGauss = true;
        this.#gauss = f * x1;
      }
    }
    return out;
  }

  randint(low: number, high: number, size: number): Int32Array {
    checkSize('randint', size);
    checkBounds(low, high);
    const out = new Int32Array(size);
    const rng = high - low - 1; // fits in 32 bits, so NumPy uses masked rejection on 32-bit words
    if (rng === 0) return out.fill(low); // NumPy consumes no words for a one-value range
    const mask = UINT32_MAX >>> Math.clz32(rng);
    const mt = this.#mt;
    for (let i = 0; i < size; i++) {
      let v: number;
      do v = (mt.nextInt32() & mask) >>> 0;
      while (v > rng);
      out[i] = low + v;
    }
    return out;
  }

  choice(n: number, size: number): Int32Array {
    if (!Number.isInteger(n) || n <= 0 || n > INT32_SPAN) {
      throw new RangeError(`choice: n must be a positive integer no larger than 2^31 (draws come from 0..n-1), got ${String(n)}`);
    }
    checkSize('choice', size);
    return this.randint(0, n, size);
  }

  getState(): RngState {
    const mt = this.#mt;
    return { kind: 'numpy', key: mt.getKey(), pos: mt.pos, hasGauss: this.#hasGauss, gauss: this.#gauss };
  }

  setState(state: RngState): void {
    checkState(state);
    this.#mt.setKey(state.key, state.pos);
    this.#hasGauss = state.hasGauss;
    this.#gauss = state.gauss;
  }
}

/**
 * Creates a NumPy-compatible stream: same numbers as `np.random.seed(seed)` followed by the same calls.
 * @example
 *   const rng = createNumpyRng(231);
 *   rng.randint(0, 10, 3); // Int32Array [7, 0, 4], as np.random.seed(231); np.random.randint(0, 10, 3)
 */
export function createNumpyRng(seed: number): Rng {
  return new NumpyRandomState(seed);
}
