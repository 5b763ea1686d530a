import { expect, it } from 'vitest';
import { add, createRng, fromArray, getBackend, matMul, randn, sum, tidy, toBackend } from '../index.js';
import { WEBASM_KERNEL_CAP } from './kernel-cache.js';
import { expectClose } from '../testing/index.js';
import { forEachGpujs } from './for-each-gpujs.js';

const KERNEL_CLASS: Record<string, string> = {
  webasm: 'WebAssemblyKernel', cpu: 'CPUKernel', webgl2: 'WebGL2Kernel', webgl: 'WebGLKernel', headlessgl: 'HeadlessGLKernel', webgpu: 'WebGPUKernel',
};

forEachGpujs('gpujs backend', (backend) => {
  it('runs in the mode its name reports', () => {
    expect(backend.name).toBe(`gpujs:${backend.mode.name}`);
    expect(KERNEL_CLASS[backend.mode.kernelMode]).toBeDefined();
    expect(backend.floatBits).toBe(32);
    expect(backend.syncRead).toBe(!backend.mode.async);
  });

  it('builds a kernel once per op and shape, and times compiling apart from running', async () => {
    const rng = createRng(231);
    const a = randn(rng, [5, 7], backend);
    const b = randn(rng, [7, 3], backend);
    const before = backend.stats().byOp.matMul ?? { compiles: 0, runs: 0 };
    tidy(() => [matMul(a, b), matMul(a, b), matMul(b, a, { transposeA: true, transposeB: true })]);
    await backend.flush();
    const after = backend.stats();
    expect(after.byOp.matMul!.compiles - before.compiles).toBe(2);
    expect(after.byOp.matMul!.runs - before.runs).toBe(3);
    expect(after.compileMs).toBeGreaterThan(0);
    expect(after.kernelsCompiled).toBeGreaterThanOrEqual(2);
    expect(backend.kernelClasses()).toEqual([KERNEL_CLASS[backend.mode.kernelMode]]);
  });

  it('multiplies with either operand transposed in place, like cpu64', async () => {
    const cpu = getBackend('cpu64');
    const rng = createRng(7);
    const a = randn(rng, [37, 70], cpu);
    const b = randn(rng, [70, 45], cpu);
    const aT = toBackend(a, cpu).read();
    const ga = toBackend(a, backend);
    const gb = toBackend(b, backend);
    const gaT = fromArray(transposeHost(aT, 37, 70), [70, 37], backend);
    const expected = matMul(a, b);
    expectClose(await matMul(ga, gb).readAsync(), expected, backend, 4);
    expectClose(await matMul(gaT, gb, { transposeA: true }).readAsync(), expected, backend, 4);
    const gbT = fromArray(transposeHost(b.read(), 70, 45), [45, 70], backend);
    expectClose(await matMul(ga, gbT, { transposeB: true }).readAsync(), expected, backend, 4);
  });

  it('reduces long axes in chunks (GL drivers cap loop lengths)', async () => {
    const values = Array.from({ length: 70_000 }, (_, i) => (i % 10) - 4.5 + 1 / 8);
    const x = fromArray(values, [7, 10_000], backend);
    expectClose(await sum(x).readAsync(), [8750], backend);
    expectClose(await sum(x, { axis: 1 }).readAsync(), new Array(7).fill(1250), backend);
  });
});

forEachGpujs('gpujs kernel cache', (backend) => {
  it.runIf(backend.mode.kernelMode === 'webasm')('keeps at most WEBASM_KERNEL_CAP webasm kernels (each holds a WebAssembly.Memory), rebuilding evicted ones', async () => {
    const before = backend.stats().kernelsEvicted;
    const sizes = Array.from({ length: WEBASM_KERNEL_CAP + 10 }, (_, i) => 1000 + i);
    const check = async (n: number) => {
      const x = fromArray(Array.from({ length: n }, (_, i) => i), [n], backend);
      const y = add(x, x);
      const got = await y.readAsync();
      expect(got[n - 1]).toBe(2 * (n - 1));
      x.dispose();
      y.dispose();
    };
    for (const n of sizes) await check(n);
    expect(backend.stats().kernelsEvicted - before).toBeGreaterThanOrEqual(10);
    // The first sizes were evicted; using them again rebuilds them and still computes right.
    await check(sizes[0]!);
  });
});

function transposeHost(x: ArrayLike<number>, rows: number, cols: number): number[] {
  const out = new Array<number>(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = x[r * cols + c]!;
  return out;
}
