import type { Backend } from './tensor.js';
import { CpuBackend } from './cpu/cpu-backend.js';
import { importGpujsEntry } from './gpujs-entry.js';

type Factory = (options: string | undefined) => Backend | Promise<Backend>;

const factories = new Map<string, Factory>();
const instances = new Map<string, Backend>();

/** Makes a backend family available to `loadBackend('family')` and `loadBackend('family:option')`. */
export function registerBackend(family: string, factory: Factory): void {
  factories.set(family, factory);
}

registerBackend('cpu64', () => new CpuBackend(64));
registerBackend('cpu32', () => new CpuBackend(32));
registerBackend('wasm32', async (options) => (await import('./fast/index.js')).createWasmBackend(32, options));
registerBackend('wasm64', async (options) => (await import('./fast/index.js')).createWasmBackend(64, options));
// Loaded on demand, so CPU-only users never load gpu.js; importing '@dropout/tensor/gpujs'
// replaces this factory with the real one (that is how a bundled page gets it).
registerBackend('gpujs', async (mode) => (await importGpujsEntry()).createGpujsBackend(mode));

/** Names `loadBackend` accepts on every machine (others are registered by extra modules). */
export const builtinBackendNames = ['cpu64', 'cpu32', 'wasm32', 'wasm64', 'gpujs'] as const;

function unknown(name: string): Error {
  return new Error(`Unknown backend '${name}'. Available: ${[...factories.keys()].join(', ')} (gpujs takes a mode, e.g. 'gpujs:webasm')`);
}

/**
 * The backend called `name` ('cpu64', 'cpu32', 'gpujs:webasm', …), created once and reused.
 * The gpu.js backend is imported on demand, so CPU-only users never load gpu.js.
 * @example
 *   const backend = await loadBackend(process.env.DROPOUT_BACKEND ?? 'cpu64');
 */
export async function loadBackend(name: string): Promise<Backend> {
  const cached = instances.get(name);
  if (cached) return cached;
  const [family, option] = name.split(/:(.*)/s, 2) as [string, string | undefined];
  const factory = factories.get(family);
  if (!factory) throw unknown(name);
  const backend = await factory(option);
  instances.set(name, backend);
  return backend;
}

/**
 * A synchronously available backend (the CPU ones, or one already loaded with `loadBackend`).
 * @example
 *   const cpu = getBackend('cpu64');
 */
export function getBackend(name: string): Backend {
  const cached = instances.get(name);
  if (cached) return cached;
  const factory = factories.get(name);
  if (!factory) throw unknown(name);
  const backend = factory(undefined);
  if (backend instanceof Promise) {
    throw new Error(`getBackend: backend '${name}' loads asynchronously; use 'await loadBackend("${name}")'`);
  }
  instances.set(name, backend);
  return backend;
}
