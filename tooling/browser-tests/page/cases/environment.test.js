// What the page really ran on: the backend asked for (never a silent fallback), and for
// wasm32/wasm64 the memory and thread choice that cross-origin isolation allows.
import { loadBackend } from '@dropout/tensor';
import { describe, expect, it } from 'vitest';

const name = globalThis.__DROPOUT_BACKENDS__;
const KERNEL_CLASS = { webgl2: 'WebGL2Kernel', webgpu: 'WebGPUKernel', webasm: 'WebAssemblyKernel', 'webasm-async': 'WebAssemblyKernel', cpu: 'CPUKernel' };

describe(`the page's backend [${name}]`, () => {
  it('is the one asked for', async () => {
    const backend = await loadBackend(name);
    expect(backend.name).toBe(name.startsWith('wasm') ? name.split(':')[0] : name);
    if (name.startsWith('gpujs:')) {
      const mode = name.slice('gpujs:'.length);
      await backend.flush();
      expect(backend.kernelClasses().every((c) => c === KERNEL_CLASS[mode])).toBe(true);
    }
  });

  it.runIf(name.startsWith('wasm'))('uses shared memory and threads exactly when the page is cross-origin isolated', async () => {
    const { info } = await loadBackend(name);
    expect(info.sharedMemory).toBe(globalThis.crossOriginIsolated === true);
    if (globalThis.crossOriginIsolated) expect(info.threads).toBeGreaterThanOrEqual(1);
    else expect(info.threads).toBe(1);
  });

  it.runIf(globalThis.__DROPOUT_CSP__)('under a CSP without blob: workers, wasm32 with threads is refused naming the policy and the fix', async () => {
    await expect(loadBackend('wasm32')).rejects.toThrow(/Content-Security-Policy[^]*worker-src blob:[^]*loadBackend\('wasm32:threads=1'\)/);
  });
});
