// How `loadBackend('gpujs:…')` reaches the gpu.js backend without naming it to bundlers, so a
// CPU-only page builds without gpu.js installed (gpu.js is an optional peer dependency).
import type * as GpujsEntry from './gpujs/index.js';

// A computed specifier: bundlers leave it alone; Node resolves it next to this module (dist/).
const GPUJS_ENTRY = ['.', 'gpujs', 'index.js'].join('/');
const isNode = typeof process !== 'undefined' && typeof process.versions?.node === 'string';

/** The install command the gpu.js errors name. */
export const GPUJS_INSTALL = 'npm install gpu.js@2.24.1';

/**
 * Loads `@dropout/tensor/gpujs` on demand in Node. In a bundled page the page imports it
 * itself (`import '@dropout/tensor/gpujs'`), which registers the backend; reaching this there
 * means it did not.
 */
export async function importGpujsEntry(): Promise<typeof GpujsEntry> {
  if (!isNode) {
    throw new Error("loadBackend('gpujs:…'): the gpu.js backend is not part of this page: add `import '@dropout/tensor/gpujs'` "
      + `before loading it (gpu.js is an optional peer dependency: ${GPUJS_INSTALL})`);
  }
  return (await import(/* @vite-ignore */ GPUJS_ENTRY)) as typeof GpujsEntry;
}
