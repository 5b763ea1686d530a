import { GPU } from 'gpu.js';
import { describe, expect, it } from 'vitest';
import { loadBackend } from '../index.js';
import { createGpujsBackend, GpujsBackend } from './index.js';

// Node-only: which modes exist here is a property of Node (no WebGL, headless-gl not built).
describe('gpujs mode choice (Node)', () => {
  it('reports the mode that runs in its name', async () => {
    const webasm = await loadBackend('gpujs:webasm');
    expect(webasm).toBeInstanceOf(GpujsBackend);
    expect(webasm.name).toBe('gpujs:webasm');
    expect((webasm as GpujsBackend).mode).toMatchObject({ kernelMode: 'webasm', async: false, device: false });
    expect((await loadBackend('gpujs:webasm-async')).name).toBe('gpujs:webasm-async');
    expect((await loadBackend('gpujs:cpu')).name).toBe('gpujs:cpu');
  });

  it.runIf(!GPU.isHeadlessGLSupported)("'auto' refuses to settle for a CPU kernel and says why", async () => {
    await expect(createGpujsBackend('auto')).rejects.toThrow(/found no GPU here \(headlessgl: .*'gl'.*webgl2: .*needs a browser.*'gpujs:webasm'/s);
    await expect(loadBackend('gpujs')).rejects.toThrow(/found no GPU here/);
  });

  it.runIf(!GPU.isHeadlessGLSupported)('an unavailable GPU mode is an error naming the reason', async () => {
    await expect(createGpujsBackend('headlessgl')).rejects.toThrow(/mode 'headlessgl' is not available: .*'gl'/);
    await expect(createGpujsBackend('webgl2')).rejects.toThrow(/mode 'webgl2' is not available: webgl2 needs a browser/);
    await expect(createGpujsBackend('webgpu')).rejects.toThrow(/mode 'webgpu' is not available/);
  });

  it('refuses float64 and points to cpu64', async () => {
    await expect(loadBackend('gpujs:float64')).rejects.toThrow(/float32 only; use the 'cpu64' backend/);
    await expect(createGpujsBackend('webasm64')).rejects.toThrow(/cpu64/);
  });

  it('names the valid modes when one is unknown', async () => {
    await expect(createGpujsBackend('tpu')).rejects.toThrow(/unknown mode 'tpu'; use one of auto, headlessgl, webgl2, webgl, webgpu, webasm, webasm-async, cpu/);
  });
});
