// Becomes part of every shader: how a kernel is written down (source text, never a bundled function).

/**
 * A kernel body or helper as the JavaScript source text gpu.js parses into a shader. Kernels
 * are strings, not functions, because gpu.js reads `fn.toString()`: a minifier renames helper
 * functions and rewrites expressions (`x > 0 ? 1 : 0` → `+(x > 0)`, a Boolean gpu.js rejects or
 * miscompiles), so a function's text differs between dev, a production bundle and Node. A
 * string is the same text everywhere. Inside, `this.thread.{x,y,z}` is the thread index and
 * `this.constants.*` the compile-time constants.
 */
export type KernelSource = string;
