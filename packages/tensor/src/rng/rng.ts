/** JSON-serialisable snapshot of a random stream, for checkpoints. */
export type RngState =
  | { kind: 'seedrandom'; seed: number; state: unknown }
  | { kind: 'numpy'; key: number[]; pos: number; hasGauss: boolean; gauss: number };

/**
 * One interface, two streams: `createRng(seed)` (seedrandom, the everyday stream) and
 * `createNumpyRng(seed)` (MT19937 with NumPy's legacy `RandomState` algorithms, bit-identical
 * to `np.random.seed(n); np.random.randn(...)`).
 * @example
 *   const rng = createRng(231);
 *   rng.randn(3); // Float64Array of 3 standard normals
 */
export interface Rng {
  /** Which algorithm family produces the numbers. */
  readonly kind: 'seedrandom' | 'numpy';
  /** Re-seeds this stream in place (NumPy's `np.random.seed(n)`). Seed 0 is a seed. */
  seed(n: number): void;
  /** `size` uniform doubles in [0, 1) (`np.random.rand(size)`). */
  rand(size: number): Float64Array;
  /** `size` standard normal doubles (`np.random.randn(size)`). */
  randn(size: number): Float64Array;
  /** `size` integers uniform in [low, high) (`np.random.randint(low, high, size)`). */
  randint(low: number, high: number, size: number): Int32Array;
  /** `size` draws with replacement from 0..n-1 (`np.random.choice(n, size)`). */
  choice(n: number, size: number): Int32Array;
  /** Snapshot of the full state; `setState(getState())` resumes the same sequence. */
  getState(): RngState;
  /** Restores a snapshot made by {@link Rng.getState} on a stream of the same kind. */
  setState(state: RngState): void;
}
