import type * as GpujsModule from 'gpu.js';
import { GPUJS_INSTALL } from '../gpujs-install.js';

// gpu.js is an optional peer dependency: say how to install it rather than fail on a bare import.
const gpujs: typeof GpujsModule = await import('gpu.js').then(
  (m: typeof GpujsModule & { default?: typeof GpujsModule }) => (m.GPU ? m : m.default!),
  (err: unknown) => {
    throw new Error(`@dropout/tensor/gpujs needs gpu.js, an optional peer dependency that is not installed here: ${GPUJS_INSTALL} `
      + `(${(err as Error).message.split('\n')[0]})`);
  },
);
const { GPU } = gpujs;

/** gpu.js backends this package can run on ('webasm' covers both its sync and threaded forms). */
export type GpujsKernelMode = 'headlessgl' | 'webgl2' | 'webgl' | 'webgpu' | 'webasm' | 'cpu';

/** What `loadBackend('gpujs:<mode>')` accepts after the colon. */
export type GpujsModeName = 'auto' | GpujsKernelMode | 'webasm-async';

/** The resolved choice: which gpu.js kernel class runs, and whether kernels answer with Promises. */
export interface GpujsModeChoice {
  /** The name the backend reports, e.g. 'webasm-async' (so `backend.name` is 'gpujs:webasm-async'). */
  readonly name: Exclude<GpujsModeName, 'auto'>;
  /** gpu.js's own mode, as `kernel.kernel.constructor.mode` reports it. */
  readonly kernelMode: GpujsKernelMode;
  /** True where results arrive asynchronously (threaded webasm, webgpu). */
  readonly async: boolean;
  /** True where tensors live in device memory (textures or buffers) rather than host arrays. */
  readonly device: boolean;
}

const GPU_ORDER: GpujsKernelMode[] = ['headlessgl', 'webgl2', 'webgl'];
const ALL: GpujsModeName[] = ['auto', 'headlessgl', 'webgl2', 'webgl', 'webgpu', 'webasm', 'webasm-async', 'cpu'];

function choice(name: Exclude<GpujsModeName, 'auto'>): GpujsModeChoice {
  const kernelMode: GpujsKernelMode = name === 'webasm-async' ? 'webasm' : name;
  return {
    name,
    kernelMode,
    async: name === 'webasm-async' || name === 'webgpu',
    device: kernelMode !== 'webasm' && kernelMode !== 'cpu',
  };
}

const isNode = typeof process !== 'undefined' && typeof process.versions?.node === 'string';

/** Why headless-gl cannot run here, in words a user can act on. */
async function headlessGlReason(): Promise<string> {
  if (!isNode) return 'headless-gl exists only in Node';
  try {
    const { createRequire } = await import(/* @vite-ignore */ ['node', 'module'].join(':'));
    createRequire(import.meta.url)('gl');
  } catch (err) {
    return `the optional native module 'gl' (headless-gl) is not built here (${(err as Error).message.split('\n')[0]}); ` +
      "build it as the README section 'GPU (gpu.js)' explains (pnpm-workspace.yaml ships with allowBuilds gl: false)";
  }
  return "'gl' is built but could not create a GL context (no X display?); run under `xvfb-run -a`";
}

async function unavailableReason(mode: GpujsKernelMode | 'webasm-async'): Promise<string | null> {
  switch (mode) {
    case 'headlessgl':
      return GPU.isHeadlessGLSupported ? null : await headlessGlReason();
    case 'webgl2':
    case 'webgl': {
      const ok = mode === 'webgl2' ? GPU.isWebGL2Supported : GPU.isWebGLSupported;
      if (ok) return null;
      return isNode ? `${mode} needs a browser (Node has no WebGL; use 'headlessgl' there)` : `this browser gave no ${mode} context`;
    }
    case 'webgpu':
      if (!GPU.isWebGPUSupported) return 'there is no navigator.gpu (WebGPU API) here';
      return (await GPU.isWebGPUAvailable()) ? null : 'navigator.gpu exists but requestAdapter() returned no adapter';
    case 'webasm':
      return GPU.isWebAssemblySupported ? null : 'this runtime lacks WebAssembly SIMD';
    case 'webasm-async':
      if (!GPU.isWebAssemblySupported) return 'this runtime lacks WebAssembly SIMD';
      return typeof SharedArrayBuffer === 'function'
        ? null
        : 'threaded webasm needs SharedArrayBuffer; serve the page cross-origin isolated (COOP same-origin + COEP require-corp)';
    case 'cpu':
      return null;
  }
}

/**
 * Resolves a mode name to what will actually run, or throws saying why it cannot.
 * 'auto' takes gpu.js's own GPU order (headlessgl → webgl2 → webgl) and refuses to settle
 * for a CPU kernel: ask for 'webasm' or 'cpu' explicitly for those.
 */
export async function chooseMode(requested: string | undefined): Promise<GpujsModeChoice> {
  const name = (requested ?? 'auto') || 'auto';
  if (/64/.test(name)) {
    throw new Error(`gpujs: '${name}' asks for float64, but gpu.js kernels compute in float32 only; use the 'cpu64' backend for float64`);
  }
  if (!ALL.includes(name as GpujsModeName)) {
    throw new Error(`gpujs: unknown mode '${name}'; use one of ${ALL.join(', ')} (e.g. 'gpujs:webasm')`);
  }
  if (name === 'auto') {
    const reasons: string[] = [];
    for (const mode of GPU_ORDER) {
      const why = await unavailableReason(mode);
      if (why === null) return choice(mode);
      reasons.push(`${mode}: ${why}`);
    }
    throw new Error(
      `gpujs: gpu.js found no GPU here (${reasons.join('; ')}). It would fall back to its CPU kernels; ` +
        "ask for them explicitly with 'gpujs:webasm', 'gpujs:webasm-async' or 'gpujs:cpu'",
    );
  }
  const why = await unavailableReason(name as GpujsKernelMode | 'webasm-async');
  if (why !== null) throw new Error(`gpujs: mode '${name}' is not available: ${why}`);
  return choice(name as Exclude<GpujsModeName, 'auto'>);
}

const KERNEL_CLASS: Record<GpujsKernelMode, string> = {
  headlessgl: 'HeadlessGLKernel',
  webgl2: 'WebGL2Kernel',
  webgl: 'WebGLKernel',
  webgpu: 'WebGPUKernel',
  webasm: 'WebAssemblyKernel',
  cpu: 'CPUKernel',
};

/** The gpu.js kernel class that runs `mode` (GL classes all report mode 'gpu', so compare classes). */
export function kernelClass(mode: GpujsKernelMode): { name: string; cls: unknown } {
  const name = KERNEL_CLASS[mode];
  return { name, cls: (gpujs as unknown as Record<string, unknown>)[name] };
}

/**
 * The gpu.js name of a kernel class, found by identity (a minifier renames classes, so
 * `constructor.name` can read 'e' in a production bundle).
 */
export function kernelClassName(cls: unknown): string {
  for (const mode of Object.keys(KERNEL_CLASS) as GpujsKernelMode[]) {
    const k = kernelClass(mode);
    if (k.cls === cls) return k.name;
  }
  return `an unknown gpu.js kernel class (${(cls as { name?: string }).name ?? '?'})`;
}

/** A gpu.js instance pinned to the chosen mode, checked to be what gpu.js actually selected. */
export function createGpu(mode: GpujsModeChoice): GpujsModule.GPU {
  const gpu = new GPU({ mode: mode.kernelMode });
  const selected = (gpu as unknown as { Kernel: { name: string } }).Kernel;
  if (selected !== kernelClass(mode.kernelMode).cls) {
    gpu.destroy();
    throw new Error(`gpujs: asked gpu.js for '${mode.kernelMode}' but it selected ${kernelClassName(selected)}; refusing to fall back silently`);
  }
  return gpu;
}
