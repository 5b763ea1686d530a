/**
 * WebAssembly text for the fused update rules (`Backend.updateStep`): one SIMD loop over
 * w, dw and the rule's state per rule and element type, with a scalar tail. Each kernel
 * performs the same float operations, in the same order and precision, as the unfused ops
 * (`sub(w, mul(lr, dw))`, …) on this backend, so fusing changes no bit of the result.
 * Hyperparameters arrive as f64 and are rounded to the element type once, as the scalar
 * kernels do. State inputs may alias the state outputs (each element is read before written).
 */
import type { FloatType } from './elementwise-wat.js';

/** The rules, their pointer arguments after `n` and their f64 hyperparameters, in call order. */
export const updateKernels = {
  sgd: { pointers: ['w', 'dw', 'outW'], scalars: ['lr'] },
  sgd_momentum: { pointers: ['w', 'dw', 'v0', 'outW', 'outV'], scalars: ['lr', 'mom'] },
  rmsprop: { pointers: ['w', 'dw', 'c0', 'outW', 'outC'], scalars: ['lr', 'decay', 'keep', 'eps'] },
  adam: { pointers: ['w', 'dw', 'm0', 'v0', 'outW', 'outM', 'outV'], scalars: ['lr', 'b1', 'keep1', 'b2', 'keep2', 'c1', 'c2', 'eps'] },
} as const;

/** Name of a fused update kernel. */
export type UpdateKernel = keyof typeof updateKernels;

/** Expression builder for one form (SIMD vector or scalar tail) of a kernel body. */
function form(t: FloatType, vector: boolean) {
  const v = t === 'f32' ? 'f32x4' : 'f64x2';
  const ty = vector ? v : t;
  const suffix = vector ? 'V' : 'S';
  return {
    op: (name: string, ...args: string[]): string => `(${ty}.${name} ${args.join(' ')})`,
    load: (ptr: string): string => `(${vector ? 'v128' : t}.load (i32.add (local.get $${ptr}) (local.get $i)))`,
    store: (ptr: string, value: string): string => `(${vector ? 'v128' : t}.store (i32.add (local.get $${ptr}) (local.get $i)) ${value})`,
    /** A hyperparameter, rounded to the element type (splatted in the vector form). */
    k: (name: string): string => `(local.get $${name}${suffix})`,
    /** A temporary of this form. */
    tmp: (name: string): string => `$${name}${suffix}`,
  };
}

type Form = ReturnType<typeof form>;

/** The loop body of each rule: stores for the element at byte offset `$i`. */
const bodies: Record<UpdateKernel, (f: Form) => string[]> = {
  // nextW = w − lr·dw
  sgd: (f) => [f.store('outW', f.op('sub', f.load('w'), f.op('mul', f.k('lr'), f.load('dw'))))],
  // v = mom·v0 − lr·dw; nextW = w + v
  sgd_momentum: (f) => [
    `(local.set ${f.tmp('a')} ${f.op('sub', f.op('mul', f.k('mom'), f.load('v0')), f.op('mul', f.k('lr'), f.load('dw')))})`,
    f.store('outV', `(local.get ${f.tmp('a')})`),
    f.store('outW', f.op('add', f.load('w'), `(local.get ${f.tmp('a')})`)),
  ],
  // cache = decay·c0 + (1 − decay)·dw²; nextW = w − lr·dw / (√cache + eps)
  rmsprop: (f) => [
    `(local.set ${f.tmp('g')} ${f.load('dw')})`,
    `(local.set ${f.tmp('a')} ${f.op('add', f.op('mul', f.k('decay'), f.load('c0')), f.op('mul', f.k('keep'), f.op('mul', `(local.get ${f.tmp('g')})`, `(local.get ${f.tmp('g')})`)))})`,
    f.store('outC', `(local.get ${f.tmp('a')})`),
    f.store('outW', f.op('sub', f.load('w'), f.op('div', f.op('mul', f.k('lr'), `(local.get ${f.tmp('g')})`), f.op('add', f.op('sqrt', `(local.get ${f.tmp('a')})`), f.k('eps'))))),
  ],
  // m = β1·m0 + (1 − β1)·dw; v = β2·v0 + (1 − β2)·dw²; nextW = w − lr·(m / c1) / (√(v / c2) + eps)
  adam: (f) => {
    const g = `(local.get ${f.tmp('g')})`;
    return [
      `(local.set ${f.tmp('g')} ${f.load('dw')})`,
      `(local.set ${f.tmp('a')} ${f.op('add', f.op('mul', f.k('b1'), f.load('m0')), f.op('mul', f.k('keep1'), g))})`,
      `(local.set ${f.tmp('b')} ${f.op('add', f.op('mul', f.k('b2'), f.load('v0')), f.op('mul', f.k('keep2'), f.op('mul', g, g)))})`,
      f.store('outM', `(local.get ${f.tmp('a')})`),
      f.store('outV', `(local.get ${f.tmp('b')})`),
      f.store('outW', f.op('sub', f.load('w'), f.op('div',
        f.op('mul', f.k('lr'), f.op('div', `(local.get ${f.tmp('a')})`, f.k('c1'))),
        f.op('add', f.op('sqrt', f.op('div', `(local.get ${f.tmp('b')})`, f.k('c2'))), f.k('eps'))))),
    ];
  },
};

function updateKernel(t: FloatType, rule: UpdateKernel): string {
  const { pointers, scalars } = updateKernels[rule];
  const [es, v] = t === 'f32' ? [4, 'f32x4'] : [8, 'f64x2'];
  const name = `${t}_${rule}`;
  const params = ['(param $n i32)', ...pointers.map((p) => `(param $${p} i32)`), ...scalars.map((s) => `(param $${s} f64)`)];
  const locals = [
    '(local $i i32) (local $end i32) (local $vend i32)',
    ...scalars.map((s) => `(local $${s}S ${t}) (local $${s}V v128)`),
    ...['a', 'b', 'g'].map((x) => `(local $${x}S ${t}) (local $${x}V v128)`),
  ];
  const init = scalars.map((s) =>
    `(local.set $${s}S ${t === 'f32' ? `(f32.demote_f64 (local.get $${s}))` : `(local.get $${s})`}) (local.set $${s}V (${v}.splat (local.get $${s}S)))`);
  return `
(func $${name} (export "${name}") ${params.join(' ')}
  ${locals.join(' ')}
  ${init.join('\n  ')}
  (local.set $end (i32.mul (local.get $n) (i32.const ${es})))
  (local.set $vend (i32.and (local.get $end) (i32.const -16)))
  (block $dv (loop $lv
    (br_if $dv (i32.ge_u (local.get $i) (local.get $vend)))
    ${bodies[rule](form(t, true)).join('\n    ')}
    (local.set $i (i32.add (local.get $i) (i32.const 16)))
    (br $lv)))
  (block $ds (loop $ls
    (br_if $ds (i32.ge_u (local.get $i) (local.get $end)))
    ${bodies[rule](form(t, false)).join('\n    ')}
    (local.set $i (i32.add (local.get $i) (i32.const ${es})))
    (br $ls))))`;
}

/** Every fused update kernel for one element type: `${t}_sgd`, `${t}_sgd_momentum`, `${t}_rmsprop`, `${t}_adam`. */
export function updateWat(t: FloatType): string {
  return (Object.keys(updateKernels) as UpdateKernel[]).map((rule) => updateKernel(t, rule)).join('\n');
}
