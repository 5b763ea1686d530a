import { simdBinaryOps, simdUnaryOps, type FloatType } from './wat/elementwise-wat.js';
import { updateKernels, type UpdateKernel } from './wat/update-wat.js';

type BinaryKernel = (typeof simdBinaryOps)[keyof typeof simdBinaryOps];
type UnaryKernel = (typeof simdUnaryOps)[number];
/** Broadcast forms of a binary kernel: same size, tensor∘scalar, scalar∘tensor, `[D]` row, `[N, 1]` column. */
export type BinaryForm = 'vv' | 'vs' | 'sv' | 'rows' | 'cols';

/** Every export of the kernel module; a name outside this union is a compile error. */
export type KernelName =
  | `${FloatType}_gemm`
  | `${FloatType}_pack_b`
  | `${FloatType}_${BinaryKernel}_${BinaryForm}`
  | `${FloatType}_${UnaryKernel}`
  | `${FloatType}_sum_${'blocks' | 'axis0' | 'axis1'}`
  | `${FloatType}_${'dropout' | 'relu_dropout'}`
  | `${FloatType}_${UpdateKernel}`;

const forms: readonly BinaryForm[] = ['vv', 'vs', 'sv', 'rows', 'cols'];

/** The names above as a list, in the order workers index them (task kind k is `kernelNames[k − 1]`). */
export const kernelNames: readonly KernelName[] = (['f32', 'f64'] as const).flatMap((t): KernelName[] => [
  `${t}_gemm`,
  `${t}_pack_b`,
  ...Object.values(simdBinaryOps).flatMap((op) => forms.map((f): KernelName => `${t}_${op}_${f}`)),
  ...simdUnaryOps.map((op): KernelName => `${t}_${op}`),
  `${t}_sum_blocks`, `${t}_sum_axis0`, `${t}_sum_axis1`,
  `${t}_dropout`, `${t}_relu_dropout`,
  ...(Object.keys(updateKernels) as UpdateKernel[]).map((rule): KernelName => `${t}_${rule}`),
]);

/** A kernel: pointers are byte offsets into the heap; most return nothing (0). */
export type Kernel = (...args: number[]) => number;

/** The module's kernels by name; throws if the module lacks one (a stale or foreign build). */
export function kernelTable(exports: WebAssembly.Exports): Record<KernelName, Kernel> {
  const table = {} as Record<KernelName, Kernel>;
  for (const name of kernelNames) {
    const fn = exports[name];
    if (typeof fn !== 'function') throw new Error(`fast backend: the kernel module has no export '${name}'; rebuild the package (pnpm build)`);
    table[name] = fn as Kernel;
  }
  return table;
}
