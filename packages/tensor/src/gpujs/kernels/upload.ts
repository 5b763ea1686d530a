// Becomes a shader: copies a host Float32Array into device memory (a texture or buffer), element by element.
import type { KernelSource } from './kernel-this.js';

/** out[i] = a[i]; output `[size]`. Used to make host data resident on GL and WebGPU. */
export const upload: KernelSource = `function (a) {
  return a[this.thread.x];
}`;
