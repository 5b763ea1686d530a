const N = 624;
const M = 397;
const MATRIX_A = 0x9908b0df | 0;
const UPPER = 0x80000000 | 0;
const LOWER = 0x7fffffff;

/**
 * The 32-bit Mersenne Twister exactly as NumPy's `RandomState` runs it (`mt19937_seed`, `mt19937_gen`,
 * `mt19937_next`, `legacy_double`); callers validate arguments.
 * @example
 *   const mt = new MT19937();
 *   mt.seed(5);
 *   mt.nextUint32(); // 953453411, as np.random.RandomState(5).randint(2**32, dtype=np.uint64)
 */
export class MT19937 {
  /** The 624 state words, stored as int32 so that every operation stays in V8's 32-bit integer lane. */
  readonly #key = new Int32Array(N);
  /** Index of the next word to temper (NumPy's `get_state()[2]`); 624 means "twist first". */
  pos = N;

  /** Knuth's `init_genrand` seeding, NumPy's legacy path for `np.random.seed(int)`. */
  seed(s: number): void {
    const key = this.#key;
    let x = s >>> 0;
    for (let i = 0; i < N; i++) {
      key[i] = x;
      x = (Math.imul(1812433253, x ^ (x >>> 30)) + i + 1) >>> 0;
    }
    this.pos = N;
  }

  /** The state words as unsigned integers (NumPy's `get_state()[1]`). */
  getKey(): number[] {
    return Array.from(this.#key, (w) => w >>> 0);
  }

  /** Restores words and position saved by {@link MT19937.getKey} and {@link MT19937.pos}. */
  setKey(words: ArrayLike<number>, pos: number): void {
    this.#key.set(Array.from(words, (w) => w | 0));
    this.pos = pos;
  }

  /** Regenerates all 624 words (`mt19937_gen`). */
  #twist(): void {
    const key = this.#key;
    let i = 0;
    let y: number;
    for (; i < N - M; i++) {
      y = (key[i] & UPPER) | (key[i + 1] & LOWER);
      key[i] = key[i + M] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
    }
    for (; i < N - 1; i++) {
      y = (key[i] & UPPER) | (key[i + 1] & LOWER);
      key[i] = key[i + M - N] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
    }
    y = (key[N - 1] & UPPER) | (key[0] & LOWER);
    key[N - 1] = key[M - 1] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
    this.pos = 0;
  }

  /** Next tempered word, as a signed int32 (use `>>> 0` for the unsigned value). */
  nextInt32(): number {
    if (this.pos === N) this.#twist();
    let y = this.#key[this.pos++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    return y ^ (y >>> 18);
  }

  /** Next tempered word as an unsigned integer in [0, 2^32) (`mt19937_next`). */
  nextUint32(): number {
    return this.nextInt32() >>> 0;
  }

  /**
   * Fills `out` with {@link MT19937.nextDouble} values, the same stream. A loop here, where V8
   * inlines the calls, is ~25% faster than one in the caller (a dropout mask draws 50,000 per step).
   */
  fillDoubles(out: Float64Array): void {
    for (let i = 0; i < out.length; i++) out[i] = this.nextDouble();
  }

  /** A 53-bit uniform double in [0, 1) from two words (NumPy's `legacy_double`). */
  nextDouble(): number {
    const a = this.nextInt32() >>> 5;
    const b = this.nextInt32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }
}
