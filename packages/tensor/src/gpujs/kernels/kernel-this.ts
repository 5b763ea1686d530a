// Becomes part of every shader: the `this` gpu.js gives a kernel body (thread ids and constants).

/** What a gpu.js kernel body may read from `this`: its thread index and its compile-time constants. */
export interface KernelThis {
  thread: { x: number; y: number; z: number };
  constants: Record<string, number>;
}

/** A kernel body as gpu.js compiles it: plain arguments in, one number (or Array(4)) out. */
export type KernelBody = (this: KernelThis, ...args: any[]) => number | number[];

/** A helper gpu.js inlines into a kernel (its name, not a closure, is what the kernel calls). */
export type KernelHelper = (...args: number[]) => number;
