/**
 * WebAssembly text for the elementwise and reduction kernels of the fast backends: one SIMD
 * loop per op and broadcast form, with a scalar tail. Every kernel reads and writes raw
 * pointers into the shared heap, so outputs never pass through JavaScript arrays.
 */
export type FloatType = 'f32' | 'f64';

/** Binary ops with a SIMD kernel (the names of the `BinaryOp`s they implement). */
export const simdBinaryOps = {
  add: 'add', sub: 'sub', mul: 'mul', div: 'div', maximum: 'max', minimum: 'min',
  less: 'lt', greater: 'gt', lessEqual: 'le', greaterEqual: 'ge', equal: 'eq', notEqual: 'ne',
} as const;

/** Unary ops with a SIMD kernel. */
export const simdUnaryOps = ['neg', 'abs', 'sqrt', 'relu', 'step', 'square', 'reciprocal'] as const;

const comparisons = new Set(['lt', 'gt', 'le', 'ge', 'eq', 'ne']);

interface Lanes {
  v: string;
  es: number;
  lanes: number;
  shift: number;
}

function lanesOf(t: FloatType): Lanes {
  return t === 'f32' ? { v: 'f32x4', es: 4, lanes: 4, shift: 2 } : { v: 'f64x2', es: 8, lanes: 2, shift: 3 };
}

/** Vector and scalar expressions of `x op y`. */
function binaryExpr(t: FloatType, op: string, x: string, y: string, vector: boolean): string {
  const { v } = lanesOf(t);
  const ty = vector ? v : t;
  if (comparisons.has(op)) {
    const cmp = `(${ty}.${op} ${x} ${y})`;
    return vector ? `(v128.and ${cmp} (${v}.splat (${t}.const 1)))` : `(${t}.convert_i32_u ${cmp})`;
  }
  // np.maximum / np.minimum propagate NaN, as the SIMD and scalar min/max do.
  return `(${ty}.${op} ${x} ${y})`;
}

function unaryExpr(t: FloatType, op: string, x: string, vector: boolean): string {
  const { v } = lanesOf(t);
  const ty = vector ? v : t;
  const zero = vector ? `(${v}.splat (${t}.const 0))` : `(${t}.const 0)`;
  const one = vector ? `(${v}.splat (${t}.const 1))` : `(${t}.const 1)`;
  switch (op) {
    case 'neg': return `(${ty}.neg ${x})`;
    case 'abs': return `(${ty}.abs ${x})`;
    case 'sqrt': return `(${ty}.sqrt ${x})`;
    // x > 0 ? x : 0, so NaN maps to 0 as in the reference backend.
    case 'relu': return vector ? `(${v}.pmax ${zero} ${x})` : `(select ${x} ${zero} (${t}.gt ${x} ${zero}))`;
    case 'step': return vector ? `(v128.and (${v}.gt ${x} ${zero}) ${one})` : `(${t}.convert_i32_u (${t}.gt ${x} ${zero}))`;
    case 'square': return `(${ty}.mul ${x} ${x})`;
    case 'reciprocal': return `(${ty}.div ${one} ${x})`;
    default: throw new Error(`unaryExpr: no SIMD kernel for '${op}'`);
  }
}

/**
 * A loop over `n` elements: `body(vector)` returns the store expression for the element at
 * byte offset `$i` (vector: lanes elements at once). `$i` counts bytes.
 */
function loop(t: FloatType, name: string, params: string, body: (vector: boolean) => string, extraLocals = ''): string {
  const { es, lanes } = lanesOf(t);
  return `
(func $${name} (export "${name}") ${params}
  (local $i i32) (local $end i32) (local $vend i32) ${extraLocals}
  (local.set $end (i32.mul (local.get $n) (i32.const ${es})))
  (local.set $vend (i32.and (local.get $end) (i32.const ${-(lanes * es)})))
  (block $dv (loop $lv
    (br_if $dv (i32.ge_u (local.get $i) (local.get $vend)))
    ${body(true)}
    (local.set $i (i32.add (local.get $i) (i32.const 16)))
    (br $lv)))
  (block $ds (loop $ls
    (br_if $ds (i32.ge_u (local.get $i) (local.get $end)))
    ${body(false)}
    (local.set $i (i32.add (local.get $i) (i32.const ${es})))
    (br $ls))))`;
}

function at(base: string, vector: boolean, t: FloatType): string {
  return `(${vector ? 'v128' : t}.load (i32.add (local.get $${base}) (local.get $i)))`;
}

function store(t: FloatType, vector: boolean, value: string): string {
  return `(${vector ? 'v128' : t}.store (i32.add (local.get $out) (local.get $i)) ${value})`;
}

/** `${t}_${op}_vv|vs|sv`: tensor∘tensor (same size), tensor∘scalar, scalar∘tensor. */
function binaryKernels(t: FloatType, op: string): string {
  const { v } = lanesOf(t);
  const scalar = (vector: boolean): string => (vector ? `(local.get $sv)` : `(local.get $s)`);
  const sParams = `(param $n i32) (param $a i32) (param $x f64) (param $out i32)`;
  const sLocals = `(local $s ${t}) (local $sv v128)`;
  const sInit = `(local.set $s ${t === 'f32' ? '(f32.demote_f64 (local.get $x))' : '(local.get $x)'}) (local.set $sv (${v}.splat (local.get $s)))`;
  const withInit = (k: string): string => k.replace(/\(local\.set \$end/, `${sInit}\n  (local.set $end`);
  return [
    loop(t, `${t}_${op}_vv`, `(param $n i32) (param $a i32) (param $b i32) (param $out i32)`,
      (vec) => store(t, vec, binaryExpr(t, op, at('a', vec, t), at('b', vec, t), vec))),
    withInit(loop(t, `${t}_${op}_vs`, sParams, (vec) => store(t, vec, binaryExpr(t, op, at('a', vec, t), scalar(vec), vec)), sLocals)),
    withInit(loop(t, `${t}_${op}_sv`, sParams, (vec) => store(t, vec, binaryExpr(t, op, scalar(vec), at('a', vec, t), vec)), sLocals)),
  ].join('\n');
}

/**
 * `${t}_${op}_rows(rows, cols, a, r, out)`: out[i, j] = a[i, j] ∘ r[j] (a [N, D] with a [D] row),
 * and `${t}_${op}_cols(rows, cols, a, c, out)`: out[i, j] = a[i, j] ∘ c[i] (with a [N, 1] column).
 */
function broadcastKernels(t: FloatType, op: string): string {
  const { v, es, lanes } = lanesOf(t);
  const inner = (name: string, right: (vector: boolean) => string, setup: string, locals: string): string => `
(func $${name} (export "${name}") (param $rows i32) (param $cols i32) (param $a i32) (param $r i32) (param $out i32)
  (local $row i32) (local $j i32) (local $rowBytes i32) (local $vend i32) (local $s ${t}) (local $sv v128) ${locals}
  (local.set $rowBytes (i32.mul (local.get $cols) (i32.const ${es})))
  (local.set $vend (i32.and (local.get $rowBytes) (i32.const ${-(lanes * es)})))
  (block $dr (loop $lr
    (br_if $dr (i32.ge_u (local.get $row) (local.get $rows)))
    ${setup}
    (local.set $j (i32.const 0))
    (block $dv (loop $lv
      (br_if $dv (i32.ge_u (local.get $j) (local.get $vend)))
      (v128.store (i32.add (local.get $out) (local.get $j))
        ${binaryExpr(t, op, `(v128.load (i32.add (local.get $a) (local.get $j)))`, right(true), true)})
      (local.set $j (i32.add (local.get $j) (i32.const 16)))
      (br $lv)))
    (block $ds (loop $ls
      (br_if $ds (i32.ge_u (local.get $j) (local.get $rowBytes)))
      (${t}.store (i32.add (local.get $out) (local.get $j))
        ${binaryExpr(t, op, `(${t}.load (i32.add (local.get $a) (local.get $j)))`, right(false), false)})
      (local.set $j (i32.add (local.get $j) (i32.const ${es})))
      (br $ls)))
    (local.set $a (i32.add (local.get $a) (local.get $rowBytes)))
    (local.set $out (i32.add (local.get $out) (local.get $rowBytes)))
    (local.set $row (i32.add (local.get $row) (i32.const 1)))
    (br $lr))))`;
  const rowVec = (vector: boolean): string => `(${vector ? 'v128' : t}.load (i32.add (local.get $r) (local.get $j)))`;
  const colSetup = `(local.set $s (${t}.load (i32.add (local.get $r) (i32.mul (local.get $row) (i32.const ${es}))))) (local.set $sv (${v}.splat (local.get $s)))`;
  return [
    inner(`${t}_${op}_rows`, rowVec, '', ''),
    inner(`${t}_${op}_cols`, (vector) => (vector ? '(local.get $sv)' : '(local.get $s)'), colSetup, ''),
  ].join('\n');
}

function unaryKernel(t: FloatType, op: string): string {
  return loop(t, `${t}_${op}`, `(param $n i32) (param $a i32) (param $out i32)`, (vec) => store(t, vec, unaryExpr(t, op, at('a', vec, t), vec)));
}

/**
 * Reductions in float64 accumulators, like the reference backend: `${t}_sum_blocks(count, blockBytes,
 * a, end, out)` (the float64 sums of `count` consecutive blocks from `a`, the last cut at `end`),
 * `${t}_sum_axis0(rows, cols, a, out)` (column sums, `[N, D] → [D]`) and
 * `${t}_sum_axis1(rows, cols, a, out)` (row sums, `[N, D] → [N]`).
 */
function reduceKernels(t: FloatType): string {
  const { v, es, lanes } = lanesOf(t);
  const promote = (x: string): string[] =>
    t === 'f32' ? [`(f64x2.promote_low_f32x4 ${x})`, `(f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 ${x} ${x}))`] : [x];
  const rowSum = `(call $${t}_sum_range (local.get $a) (i32.add (local.get $a) (local.get $rowBytes)))`;
  const sumAll = `
(func $${t}_sum_range (param $a i32) (param $end i32) (result f64)
  (local $acc0 v128) (local $acc1 v128) (local $x v128) (local $vend i32) (local $s f64)
  (local.set $vend (i32.add (local.get $a) (i32.and (i32.sub (local.get $end) (local.get $a)) (i32.const ${-(lanes * es)}))))
  (block $dv (loop $lv
    (br_if $dv (i32.ge_u (local.get $a) (local.get $vend)))
    (local.set $x (v128.load (local.get $a)))
    ${promote('(local.get $x)').map((p, k) => `(local.set $acc${k} (f64x2.add (local.get $acc${k}) ${p}))`).join(' ')}
    (local.set $a (i32.add (local.get $a) (i32.const 16)))
    (br $lv)))
  (local.set $acc0 (f64x2.add (local.get $acc0) (local.get $acc1)))
  (local.set $s (f64.add (f64x2.extract_lane 0 (local.get $acc0)) (f64x2.extract_lane 1 (local.get $acc0))))
  (block $ds (loop $ls
    (br_if $ds (i32.ge_u (local.get $a) (local.get $end)))
    (local.set $s (f64.add (local.get $s) ${t === 'f32' ? '(f64.promote_f32 (f32.load (local.get $a)))' : '(f64.load (local.get $a))'}))
    (local.set $a (i32.add (local.get $a) (i32.const ${es})))
    (br $ls)))
  (local.get $s))
(func $${t}_sum_blocks (export "${t}_sum_blocks") (param $count i32) (param $blockBytes i32) (param $a i32) (param $end i32) (param $out i32)
  (local $next i32)
  (block $d (loop $l
    (br_if $d (i32.eqz (local.get $count)))
    (local.set $next (i32.add (local.get $a) (local.get $blockBytes)))
    (if (i32.gt_u (local.get $next) (local.get $end)) (then (local.set $next (local.get $end))))
    (f64.store (local.get $out) (call $${t}_sum_range (local.get $a) (local.get $next)))
    (local.set $a (local.get $next))
    (local.set $out (i32.add (local.get $out) (i32.const 8)))
    (local.set $count (i32.sub (local.get $count) (i32.const 1)))
    (br $l))))
(func $${t}_sum_axis1 (export "${t}_sum_axis1") (param $rows i32) (param $cols i32) (param $a i32) (param $out i32)
  (local $row i32) (local $rowBytes i32)
  (local.set $rowBytes (i32.mul (local.get $cols) (i32.const ${es})))
  (block $d (loop $l
    (br_if $d (i32.ge_u (local.get $row) (local.get $rows)))
    (${t}.store (local.get $out) ${t === 'f32' ? `(f32.demote_f64 ${rowSum})` : rowSum})
    (local.set $a (i32.add (local.get $a) (local.get $rowBytes)))
    (local.set $out (i32.add (local.get $out) (i32.const ${es})))
    (local.set $row (i32.add (local.get $row) (i32.const 1)))
    (br $l))))`;
  const sumAxis0 = `
(func $${t}_sum_axis0 (export "${t}_sum_axis0") (param $rows i32) (param $cols i32) (param $a i32) (param $out i32)
  (local $row i32) (local $j i32) (local $rowBytes i32) (local $vend i32)
  (local.set $rowBytes (i32.mul (local.get $cols) (i32.const ${es})))
  (local.set $vend (i32.and (local.get $rowBytes) (i32.const ${-(lanes * es)})))
  (memory.fill (local.get $out) (i32.const 0) (local.get $rowBytes))
  (block $dr (loop $lr
    (br_if $dr (i32.ge_u (local.get $row) (local.get $rows)))
    (local.set $j (i32.const 0))
    (block $dv (loop $lv
      (br_if $dv (i32.ge_u (local.get $j) (local.get $vend)))
      (v128.store (i32.add (local.get $out) (local.get $j))
        (${v}.add (v128.load (i32.add (local.get $out) (local.get $j))) (v128.load (i32.add (local.get $a) (local.get $j)))))
      (local.set $j (i32.add (local.get $j) (i32.const 16)))
      (br $lv)))
    (block $ds (loop $ls
      (br_if $ds (i32.ge_u (local.get $j) (local.get $rowBytes)))
      (${t}.store (i32.add (local.get $out) (local.get $j))
        (${t}.add (${t}.load (i32.add (local.get $out) (local.get $j))) (${t}.load (i32.add (local.get $a) (local.get $j)))))
      (local.set $j (i32.add (local.get $j) (i32.const ${es})))
      (br $ls)))
    (local.set $a (i32.add (local.get $a) (local.get $rowBytes)))
    (local.set $row (i32.add (local.get $row) (i32.const 1)))
    (br $lr))))`;
  return sumAll + sumAxis0;
}

/**
 * Inverted dropout, `${t}_dropout` and `${t}_relu_dropout(n, x, u, p, scale, out, mask)`:
 * `mask[i] = u[i] < p ? scale : 0` with `u` float64 uniforms (compared in float64, as the
 * reference backend compares them), `out[i] = x[i] · mask[i]`, or `max(x[i], 0) · mask[i]`
 * (NaN and −0 map to +0, as `relu` does). Branch-free: the comparison's lane mask selects
 * `scale`. `scale` is `1/p` rounded to the element type, as the reference stores the mask.
 */
function dropoutKernels(t: FloatType): string {
  const { v, es, lanes } = lanesOf(t);
  const kernel = (relu: boolean): string => {
    const name = `${t}_${relu ? 'relu_' : ''}dropout`;
    const xv = relu ? `(${v}.pmax (local.get $zero) (v128.load (i32.add (local.get $x) (local.get $i))))` : '(v128.load (i32.add (local.get $x) (local.get $i)))';
    const xs = relu ? `(select (local.get $xs) (${t}.const 0) (${t}.gt (local.get $xs) (${t}.const 0)))` : '(local.get $xs)';
    // The comparison of `lanes` float64 uniforms as a lane mask of the element width.
    const cmp = t === 'f32'
      ? '(i8x16.shuffle 0 1 2 3 8 9 10 11 16 17 18 19 24 25 26 27 (f64x2.lt (v128.load (local.get $ui)) (local.get $pv)) (f64x2.lt (v128.load offset=16 (local.get $ui)) (local.get $pv)))'
      : '(f64x2.lt (v128.load (local.get $ui)) (local.get $pv))';
    return `
(func $${name} (export "${name}") (param $n i32) (param $x i32) (param $u i32) (param $p f64) (param $scale f64) (param $out i32) (param $mask i32)
  (local $i i32) (local $ui i32) (local $end i32) (local $vend i32) (local $pv v128) (local $sv v128) (local $zero v128) (local $m v128)
  (local $s ${t}) (local $xs ${t}) (local $ms ${t})
  (local.set $s ${t === 'f32' ? '(f32.demote_f64 (local.get $scale))' : '(local.get $scale)'})
  (local.set $pv (f64x2.splat (local.get $p)))
  (local.set $sv (${v}.splat (local.get $s)))
  (local.set $ui (local.get $u))
  (local.set $end (i32.mul (local.get $n) (i32.const ${es})))
  (local.set $vend (i32.and (local.get $end) (i32.const ${-(lanes * es)})))
  (block $dv (loop $lv
    (br_if $dv (i32.ge_u (local.get $i) (local.get $vend)))
    (local.set $m (v128.and ${cmp} (local.get $sv)))
    (v128.store (i32.add (local.get $mask) (local.get $i)) (local.get $m))
    (v128.store (i32.add (local.get $out) (local.get $i)) (${v}.mul ${xv} (local.get $m)))
    (local.set $ui (i32.add (local.get $ui) (i32.const ${lanes * 8})))
    (local.set $i (i32.add (local.get $i) (i32.const 16)))
    (br $lv)))
  (block $ds (loop $ls
    (br_if $ds (i32.ge_u (local.get $i) (local.get $end)))
    (local.set $ms (select (local.get $s) (${t}.const 0) (f64.lt (f64.load (local.get $ui)) (local.get $p))))
    (local.set $xs (${t}.load (i32.add (local.get $x) (local.get $i))))
    (${t}.store (i32.add (local.get $mask) (local.get $i)) (local.get $ms))
    (${t}.store (i32.add (local.get $out) (local.get $i)) (${t}.mul ${xs} (local.get $ms)))
    (local.set $ui (i32.add (local.get $ui) (i32.const 8)))
    (local.set $i (i32.add (local.get $i) (i32.const ${es})))
    (br $ls))))`;
  };
  return kernel(false) + kernel(true);
}

/** Every elementwise and reduction kernel for one element type. */
export function elementwiseWat(t: FloatType): string {
  const ops = Object.values(simdBinaryOps);
  return [
    ...ops.map((op) => binaryKernels(t, op)),
    ...ops.map((op) => broadcastKernels(t, op)),
    ...simdUnaryOps.map((op) => unaryKernel(t, op)),
    reduceKernels(t),
    dropoutKernels(t),
  ].join('\n');
}
