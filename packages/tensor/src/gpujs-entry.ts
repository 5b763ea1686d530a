// How `loadBackend('gpujs:…')` reaches the gpu.js backend without naming it to bundlers, so a
// CPU-only page builds without gpu.js installed (gpu.js is an optional peer dependency).
import { GPUJS_INSTALL } from './gpujs-install.js';
import type { Backend } from './tensor.js';

/**
 * What the registry needs from `@dropout/tensor/gpujs` when it loads it on demand. The entry
 * checks that it fits (`gpujs/index.ts`); naming the entry's own type here would make a file
 * cycle (the entry imports the registry to register itself).
 */
export interface GpujsEntry {
  createGpujsBackend(mode?: string): Promise<Backend>;
}

// A computed specifier: bundlers leave it alone; Node resolves it next to this module (dist/).
const GPUJS_ENTRY = ['.', 'gpujs', 'index.js'].join('/');
const isNode = typeof process !== 'undefined' && typeof process.versions?.node === 'string';

/**
 * Loads `@dropout/tensor/gpujs` on demand in Node. In a bundled page the page imports it
 * itself (`import '@dropout/tensor/gpujs'`), which registers the backend; reaching this there
 * means it did not.
 */
export async function importGpujsEntry(): Promise<GpujsEntry> {
  if (!isNode) {
    throw new Error("loadBackend('gpujs:…'): the gpu.js backend is not part of this page: add `import '@dropout/tensor/gpujs'` "
      + `before loading it (gpu.js is an optional peer dependency: ${GPUJS_INSTALL})`);
  }
  return (await import(/* @vite-ignore */ GPUJS_ENTRY)) as GpujsEntry;
}
