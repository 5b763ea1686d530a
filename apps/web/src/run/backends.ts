import { loadBackend, type Backend } from '@dropout/tensor';

/** A training backend the page can offer, and whether this browser has what it needs. */
export interface BackendOffer {
  /** What the backend control selects (and the run record's `backend.requested`). */
  id: 'auto' | 'wasm32' | 'cpu32' | 'gpujs:webgl2' | 'gpujs:webgpu';
  label: string;
  available: boolean;
  /** Why it is not available (shown next to the control). */
  why?: string;
}

/** The backend a run trains on, and the sentence the page shows about the choice. */
export interface BackendChoice {
  backend: Backend;
  /** The name passed to `loadBackend`. */
  loaded: string;
  reason: string;
}

function hasWebgl2(): boolean {
  try {
    return document.createElement('canvas').getContext('webgl2') !== null;
  } catch {
    return false;
  }
}

async function hasWebgpu(): Promise<boolean> {
  const gpu = (navigator as { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
  if (!gpu) return false;
  try {
    return (await gpu.requestAdapter()) !== null;
  } catch {
    return false;
  }
}

/**
 * What this browser can train on: `auto` and the CPU backends always; gpu.js on WebGL2 and
 * WebGPU only where the browser has them.
 * @example
 *   (await backendOffers()).find((b) => b.id === 'gpujs:webgl2')?.available;
 */
export async function backendOffers(): Promise<BackendOffer[]> {
  const isolated = globalThis.crossOriginIsolated === true;
  const webgpu = await hasWebgpu();
  return [
    { id: 'auto', label: `auto (wasm32, ${isolated ? 'threads' : 'one thread'})`, available: true },
    { id: 'wasm32', label: 'wasm32 (WebAssembly, float32)', available: true },
    { id: 'cpu32', label: 'cpu32 (plain JavaScript, float32)', available: true },
    { id: 'gpujs:webgl2', label: 'gpujs:webgl2 (GPU, float32)', available: hasWebgl2(), why: 'this browser has no WebGL2' },
    { id: 'gpujs:webgpu', label: 'gpujs:webgpu (GPU, float32)', available: webgpu, why: 'this browser has no WebGPU adapter' },
  ];
}

/**
 * The wasm32 variant this page can run: shared memory and worker threads only when the page
 * is cross-origin isolated (served with COOP/COEP), else one thread on a private heap.
 * @example
 *   wasmVariant(true); // { name: 'wasm32', reason: '…' }
 */
export function wasmVariant(isolated: boolean, cores = navigator.hardwareConcurrency || 1): { name: string; reason: string } {
  if (isolated) {
    return { name: 'wasm32', reason: `the page is cross-origin isolated (COOP/COEP headers), so wasm32 runs on shared memory with worker threads (${cores} cores)` };
  }
  return {
    name: 'wasm32:shared=off',
    reason: 'the page is not cross-origin isolated (no COOP/COEP headers), so wasm32 runs one thread on a private heap; `pnpm web` serves it with the headers for threads',
  };
}

/**
 * Loads the backend a run trains on. `auto` and `wasm32` pick the wasm32 variant the page
 * allows; a gpu.js backend is loaded only when asked for. A backend that does not load is an
 * error naming it and the reason (nothing falls back silently).
 * @example
 *   const { backend, reason } = await openPageBackend('auto');
 */
export async function openPageBackend(requested: string): Promise<BackendChoice> {
  const isolated = globalThis.crossOriginIsolated === true;
  let loaded = requested;
  let reason: string;
  if (requested === 'auto' || requested === 'wasm32') {
    const variant = wasmVariant(isolated);
    loaded = variant.name;
    reason = requested === 'auto' ? `auto: ${variant.reason}` : variant.reason;
  } else if (requested.startsWith('gpujs:')) {
    // Registers the gpu.js backend; a separate chunk, loaded only when a GPU backend is asked for.
    await import('@dropout/tensor/gpujs');
    reason = `asked for ${requested}: gpu.js kernels on this browser's ${requested.slice(6) === 'webgpu' ? 'WebGPU' : 'WebGL2'} device`;
  } else {
    reason = `asked for ${requested}`;
  }
  try {
    return { backend: await loadBackend(loaded), loaded, reason };
  } catch (error) {
    throw new Error(`Backend ${requested} cannot be used here (${loaded}: ${(error as Error).message}); choose another backend`);
  }
}
