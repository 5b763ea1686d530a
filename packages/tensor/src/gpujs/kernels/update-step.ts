// Becomes a shader per output: one update rule's new weights or one new state tensor, each
// thread reading its cell of w, dw and the old state once (no temporaries between ops).
import { updateStepScalars, type UpdateStep } from '../../backend.js';
import type { KernelSource } from './kernel-this.js';

/** Names the kernel reads its tensors by: 0 w, 1 dw, 2 state[0], 3 state[1]. */
const TENSORS = ['w', 'dw', 's0', 's1'] as const;

/** One launch of an update step: which output it writes, its source, its tensor inputs and scalars. */
export interface UpdateKernel {
  /** 'w' for the new weights, else the index of the new state tensor. */
  output: 'w' | number;
  body: KernelSource;
  /** Indices into [w, dw, state[0], state[1]] in the kernel's argument order. */
  inputs: number[];
  /** Scalar arguments after the tensors (uniforms, so a changing `t` or rate needs no recompile). */
  scalars: number[];
}

function source(inputs: number[], scalars: readonly string[], lines: string): KernelSource {
  const args = [...inputs.map((k) => TENSORS[k]!), ...scalars].join(', ');
  return `function (${args}) {\n  const i = this.thread.x;\n${lines}\n}`;
}

/**
 * The kernels of one step of `step.rule`: the new weights first, then each new state tensor.
 * The formulas are the CPU reference's (src/cpu/update-step.ts) in the same order; a state
 * tensor that is absent (`has[k]` false, the first step) reads as the literal 0, so the
 * zeros are never stored. Every kernel is one pass over its inputs.
 */
export function updateKernels(step: UpdateStep, has: readonly boolean[]): UpdateKernel[] {
  const state = (k: number): string => (has[k] ? `s${k}[i]` : '0');
  const scalars = updateStepScalars(step);
  // Only the tensors and scalars a kernel reads become its arguments (no unused uniforms).
  const make = (output: 'w' | number, tensors: number[], names: string[], lines: string): UpdateKernel => {
    const inputs = tensors.filter((k) => k < 2 || has[k - 2]);
    return { output, body: source(inputs, names, lines), inputs, scalars: names.map((n) => scalars[n]!) };
  };
  switch (step.rule) {
    case 'sgd':
      return [make('w', [0, 1], ['lr'], '  return w[i] - lr * dw[i];')];
    case 'sgdMomentum': {
      const v = `momentum * ${state(0)} - lr * dw[i]`;
      return [
        make('w', [0, 1, 2], ['lr', 'momentum'], `  return w[i] + (${v});`),
        make(0, [1, 2], ['lr', 'momentum'], `  return ${v};`),
      ];
    }
    case 'rmsprop': {
      const cache = `  const g = dw[i];\n  const c = decay * ${state(0)} + keep * (g * g);`;
      return [
        make('w', [0, 1, 2], ['lr', 'decay', 'keep', 'eps'], `${cache}\n  return w[i] - (lr * g) / (Math.sqrt(c) + eps);`),
        make(0, [1, 2], ['decay', 'keep'], `${cache}\n  return c;`),
      ];
    }
    case 'adam': {
      const g = '  const g = dw[i];';
      const m = `  const m = beta1 * ${state(0)} + keep1 * g;`;
      const v = `  const v = beta2 * ${state(1)} + keep2 * (g * g);`;
      const all = ['lr', 'beta1', 'keep1', 'beta2', 'keep2', 'c1', 'c2', 'eps'];
      return [
        make('w', [0, 1, 2, 3], all, `${g}\n${m}\n${v}\n  return w[i] - (lr * (m / c1)) / (Math.sqrt(v / c2) + eps);`),
        make(0, [1, 2], ['beta1', 'keep1'], `${g}\n${m}\n  return m;`),
        make(1, [1, 3], ['beta2', 'keep2'], `${g}\n${v}\n  return v;`),
      ];
    }
  }
}
