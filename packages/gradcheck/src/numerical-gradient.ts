import { assertTensor, fromArray, Tensor } from '@dropout/tensor';

/** Options shared by the numerical gradient functions. */
export interface NumericalGradientOptions {
  /** Step for centered differences (default 1e-5, as in the course). */
  h?: number;
  /** Print each coordinate's index and gradient, like the course's `verbose=True`. */
  verbose?: boolean;
  /** Where verbose lines go (default console.log). */
  log?: (line: string) => void;
}

function checkInput(op: string, x: unknown, h: number): asserts x is Tensor {
  assertTensor(op, 'x', x);
  if (!(h > 0)) throw new RangeError(`${op}: h must be a positive step, got ${h}`);
}

/** Calls `f` on a copy of `values` whose element `i` is shifted by `delta`, and cleans up. */
export function probe<T, R>(x: Tensor, values: Float64Array, i: number, delta: number, f: (xx: Tensor) => T, read: (r: T) => R): R {
  const old = values[i]!;
  values[i] = old + delta;
  const xx = fromArray(values, x.shape, x.backend);
  values[i] = old;
  try {
    return read(f(xx));
  } finally {
    xx.dispose();
  }
}

/**
 * Numerical gradient of a scalar function by centered differences,
 * `(f(x + h·eᵢ) − f(x − h·eᵢ)) / 2h` for every coordinate `i`. `f` receives the perturbed
 * tensor; `x` itself is never modified. x: any shape; returns a float64 array of x's size.
 * @example
 *   const g = evalNumericalGradient((xx) => sum(square(xx)).item(), x); // ≈ 2x
 */
export function evalNumericalGradient(
  f: (x: Tensor) => number,
  x: Tensor,
  options: NumericalGradientOptions = {},
): Float64Array {
  const { h = 1e-5, verbose = false, log = console.log } = options;
  checkInput('evalNumericalGradient', x, h);
  const values = Float64Array.from(x.read());
  const grad = new Float64Array(values.length);
  const asNumber = (v: number): number => {
    if (typeof v !== 'number') throw new TypeError(`evalNumericalGradient: f must return a number, got ${typeof v}; use evalNumericalGradientArray for tensor-valued functions`);
    return v;
  };
  for (let i = 0; i < values.length; i++) {
    const fxph = probe(x, values, i, h, f, asNumber);
    const fxmh = probe(x, values, i, -h, f, asNumber);
    grad[i] = (fxph - fxmh) / (2 * h);
    if (verbose) log(`[${i}] ${grad[i]}`);
  }
  return grad;
}

/**
 * Numerical gradient of a tensor-valued function contracted with an upstream gradient:
 * `Σ (f(x + h·eᵢ) − f(x − h·eᵢ)) · df / 2h`. This checks a layer's backward pass.
 * x: any shape, df: f(x)'s shape; returns a float64 array of x's size.
 * @example
 *   const dxNum = evalNumericalGradientArray((xx) => reluForward(xx).out, x, dout);
 */
export function evalNumericalGradientArray(
  f: (x: Tensor) => Tensor,
  x: Tensor,
  df: Tensor,
  options: Omit<NumericalGradientOptions, 'verbose' | 'log'> = {},
): Float64Array {
  const { h = 1e-5 } = options;
  checkInput('evalNumericalGradientArray', x, h);
  const upstream = df.read();
  const values = Float64Array.from(x.read());
  const grad = new Float64Array(values.length);
  const readOut = (t: Tensor): Float64Array => {
    if (!(t instanceof Tensor)) throw new TypeError('evalNumericalGradientArray: f must return a Tensor; use evalNumericalGradient for scalar functions');
    if (t.size !== upstream.length) {
      throw new Error(`evalNumericalGradientArray: f(x) has ${t.size} elements but df has ${upstream.length}; df must have f(x)'s shape`);
    }
    const v = Float64Array.from(t.read());
    t.dispose();
    return v;
  };
  for (let i = 0; i < values.length; i++) {
    const pos = probe(x, values, i, h, f, readOut);
    const neg = probe(x, values, i, -h, f, readOut);
    let s = 0;
    for (let j = 0; j < upstream.length; j++) s += (pos[j]! - neg[j]!) * upstream[j]!;
    grad[i] = s / (2 * h);
  }
  return grad;
}
