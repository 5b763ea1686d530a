import { WasmRuntime, type RuntimeOptions } from './runtime.js';
import { WasmBackend } from './wasm-backend.js';

export { WasmBackend } from './wasm-backend.js';
export type { RuntimeOptions } from './runtime.js';

const runtimes = new Map<string, Promise<WasmRuntime>>();

/** Parses 'threads=2,fma=off,memory=2048,shared=off' (any order, any subset). */
export function parseRuntimeOptions(option: string | undefined): RuntimeOptions {
  const options: RuntimeOptions = {};
  for (const part of (option ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    const [key, value = ''] = part.split('=', 2) as [string, string?];
    const n = Number(value);
    if (key === 'threads' && Number.isInteger(n) && n >= 1) options.threads = n;
    else if (key === 'fma' && (value === 'auto' || value === 'off')) options.fma = value;
    else if (key === 'memory' && Number.isInteger(n) && n >= 16 && n <= 4096) options.memoryMiB = n;
    else if (key === 'shared' && value === 'off') options.shared = false;
    else {
      throw new Error(
        `fast backend: bad option '${part}'; use threads=N (N ≥ 1), fma=auto|off, memory=MiB (16–4096) or shared=off, ` +
          "comma-separated, e.g. loadBackend('wasm32:threads=1,fma=off')",
      );
    }
  }
  return options;
}

/**
 * The WebAssembly SIMD backend for float32 (`wasm32`) or float64 (`wasm64`) tensors; both
 * share one runtime (heap, kernels, threads) per option string.
 * @example
 *   const backend = await loadBackend('wasm32'); // or 'wasm32:threads=1'
 */
export async function createWasmBackend(floatBits: 32 | 64, option?: string): Promise<WasmBackend> {
  const options = parseRuntimeOptions(option);
  const key = JSON.stringify(options);
  let runtime = runtimes.get(key);
  if (!runtime) {
    runtime = WasmRuntime.create(options);
    runtimes.set(key, runtime);
  }
  return new WasmBackend(floatBits, await runtime);
}
