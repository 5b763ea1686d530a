import type { GpujsEntry } from '../gpujs-entry.js';
import { registerBackend } from '../registry.js';
import { GpujsBackend } from './gpujs-backend.js';
import { chooseMode, createGpu } from './modes.js';

export { GpujsBackend } from './gpujs-backend.js';
export { WEBASM_KERNEL_CAP } from './kernel-cache.js';
export type { GpujsStats, OpStats } from './kernel-cache.js';
export type { GpujsKernelMode, GpujsModeChoice, GpujsModeName } from './modes.js';

/**
 * Creates the gpu.js backend in `mode` ('auto', 'headlessgl', 'webgl2', 'webgl', 'webgpu',
 * 'webasm', 'webasm-async' or 'cpu'); throws saying why when that mode cannot run here, and
 * 'auto' throws rather than settle for a CPU kernel. Usually reached through
 * `loadBackend('gpujs:<mode>')`; `backend.name` reports the mode that runs.
 * @example
 *   const backend = await createGpujsBackend('webasm');
 *   backend.name; // 'gpujs:webasm'
 */
export async function createGpujsBackend(mode?: string): Promise<GpujsBackend> {
  const choice = await chooseMode(mode);
  return new GpujsBackend(choice, createGpu(choice));
}

// Importing this entry makes `loadBackend('gpujs:<mode>')` use it directly (in a bundled page
// this import is the only way in: the main entry never names gpu.js, see gpujs-entry.ts).
registerBackend('gpujs', createGpujsBackend);

// What the main entry's on-demand loader (gpujs-entry.ts) expects this module to export.
void ({ createGpujsBackend } satisfies GpujsEntry);
