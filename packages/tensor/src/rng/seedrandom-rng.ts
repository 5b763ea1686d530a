import seedrandom from 'seedrandom';
import type { Rng, RngState } from './rng.js';

function checkSeed(seed: number): void {
  if (!Number.isInteger(seed)) {
    throw new TypeError(`createRng: seed must be an integer, got ${String(seed)}`);
  }
}

function checkSize(op: string, size: number): void {
  if (!Number.isInteger(size) || size < 0) {
    throw new RangeError(`${op}: size must be a non-negative integer, got ${String(size)}`);
  }
}

class SeedrandomRng implements Rng {
  readonly kind = 'seedrandom' as const;
  #seed = 0;
  #prng!: seedrandom.StatefulPRNG<seedrandom.State.Arc4>;
  #gauss: number | null = null;

  constructor(seed: number) {
    this.seed(seed);
  }

  seed(n: number): void {
    checkSeed(n);
    this.#seed = n;
    this.#prng = seedrandom(String(n), { state: true });
    this.#gauss = null;
  }

  rand(size: number): Float64Array {
    checkSize('rand', size);
    const out = new Float64Array(size);
    for (let i = 0; i < size; i++) out[i] = this.#prng.double();
    return out;
  }

  randn(size: number): Float64Array {
    checkSize('randn', size);
    const out = new Float64Array(size);
    for (let i = 0; i < size; i++) {
      if (this.#gauss !== null) {
        out[i] = this.#gauss;
        this.#gauss = null;
        continue;
      }
      // Marsaglia's polar method: two normals per accepted pair; cache the second.
      let x1: number, x2: number, r2: number;
      do {
        x1 = 2 * this.#prng.double() - 1;
        x2 = 2 * this.#prng.double() - 1;
        r2 = x1 * x1 + x2 * x2;
      } while (r2 >= 1 || r2 === 0);
      const f = Math.sqrt((-2 * Math.log(r2)) / r2);
      this.#gauss = f * x1;
      out[i] = f * x2;
    }
    return out;
  }

  randint(low: number, high: number, size: number): Int32Array {
    checkSize('randint', size);
    if (!Number.isInteger(low) || !Number.isInteger(high) || low >= high) {
      throw new RangeError(`randint: need integers low < high, got low=${low}, high=${high}`);
    }
    const out = new Int32Array(size);
    const range = high - low;
    for (let i = 0; i < size; i++) out[i] = low + Math.floor(this.#prng.double() * range);
    return out;
  }

  choice(n: number, size: number): Int32Array {
    if (!Number.isInteger(n) || n <= 0) throw new RangeError(`choice: n must be a positive integer, got ${n}`);
    return this.randint(0, n, size);
  }

  getState(): RngState {
    return { kind: 'seedrandom', seed: this.#seed, state: { arc4: this.#prng.state(), gauss: this.#gauss } };
  }

  setState(state: RngState): void {
    if (state.kind !== 'seedrandom') {
      throw new Error(`setState: this is a seedrandom stream but the state is of kind '${state.kind}'; restore it into createNumpyRng()`);
    }
    const saved = state.state as { arc4: seedrandom.State.Arc4; gauss: number | null };
    this.#seed = state.seed;
    this.#prng = seedrandom('', { state: saved.arc4 });
    this.#gauss = saved.gauss;
  }
}

/**
 * The everyday random stream (seedrandom's ARC4), seeded with an integer.
 * @example
 *   const rng = createRng(231);
 *   const u = rng.rand(5); // five uniforms in [0, 1)
 */
export function createRng(seed: number): Rng {
  return new SeedrandomRng(seed);
}
