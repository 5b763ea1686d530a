// The gpu.js backend from a minified production bundle (Oxc, as `vite build` minifies by
// default): its kernels must compute the same numbers as in the sources. Kernels written as
// functions broke here (helpers lost their names; `x > 0 ? 1 : 0` became `+(x > 0)`, a Boolean).
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { rolldown } from 'rolldown';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Api from '../index.js';
import { unaryHelpers } from './kernels/unary.js';

const pkg = fileURLToPath(new URL('../..', import.meta.url));
const outDir = join(pkg, 'node_modules/.cache/minified-test');
let api: typeof Api & { createGpujsBackend(mode: string): Promise<Api.Backend> };
let bundleText: string;
let file: string;

beforeAll(async () => {
  mkdirSync(outDir, { recursive: true });
  const entry = join(outDir, 'entry.ts');
  writeFileSync(entry, `export * from ${JSON.stringify(join(pkg, 'src/index.ts'))};\nexport { createGpujsBackend } from ${JSON.stringify(join(pkg, 'src/gpujs/index.ts'))};\n`);
  const build = await rolldown({ input: entry, platform: 'node', logLevel: 'silent', external: [/^node:/, 'gpu.js', 'seedrandom'] });
  file = join(outDir, `bundle-${process.pid}.mjs`);
  await build.write({ file, format: 'esm', minify: true, codeSplitting: false });
  await build.close();
  bundleText = readFileSync(file, 'utf8');
  api = await import(pathToFileURL(file).href);
}, 60_000);
afterAll(() => rmSync(file, { force: true }));

describe('gpu.js kernels in a minified bundle', () => {
  it('the bundle carries the kernel sources verbatim and the minifier really ran', () => {
    for (const src of Object.values(unaryHelpers)) expect(bundleText).toContain(src);
    // Internal names are mangled away by the minifier.
    expect(bundleText).not.toContain('collapseBroadcast');
    expect(bundleText).not.toContain('kernelClassName');
  });

  for (const mode of ['webasm', 'webasm-async', 'cpu']) {
    it(`gpujs:${mode} from the bundle matches cpu32 on comparisons, activations, broadcasting, reductions, matMul and the fused kernels`, async () => {
      const gpu = await api.createGpujsBackend(mode);
      const cpu = api.getBackend('cpu32');
      const run = async (backend: Api.Backend) => {
        const r = api.createRng(7);
        const a = api.randn(r, [37, 61], backend);
        const b = api.randn(r, [61, 130], backend);
        const bias = api.randn(r, [130], backend);
        const h = api.add(api.matMul(a, b), bias);
        // The fused kernels too: affine, adam (all three outputs), ReLU + dropout, softmax loss.
        const adam = api.updateStep({ rule: 'adam', learningRate: 1e-2, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, t: 2 }, b, api.scale(b, 0.5), [b, api.mul(b, b)]);
        const drop = api.dropoutMask(h, r.rand(h.size), 0.5, { relu: true });
        const loss = api.softmaxCrossEntropy(api.sliceRows(h, 0, 37), Array.from({ length: 37 }, (_, i) => i % 130));
        const outs = [api.maximum0(h), api.step(h), api.greater(h, api.scale(bias, 0.5)), api.sum(h, { axis: 0 }), api.maxCols(h),
          api.matMul(a, b, { transposeA: false }), api.exp(api.scale(h, 0.1)), api.matMulBias(a, b, bias), adam.w, ...adam.state,
          drop.out, drop.mask, loss.lossSum, loss.dx];
        return Promise.all(outs.map((t) => t.readAsync()));
      };
      const [got, want] = [await run(gpu), await run(cpu)];
      for (let i = 0; i < want.length; i++) {
        const g = got[i]!;
        const w = want[i]!;
        expect(g.length).toBe(w.length);
        let worst = 0;
        for (let j = 0; j < w.length; j++) worst = Math.max(worst, Math.abs(g[j]! - w[j]!) - 1e-4 * Math.abs(w[j]!));
        expect(worst, `output ${i}`).toBeLessThanOrEqual(1e-4);
      }
      expect((gpu as Api.Backend & { kernelClasses(): string[] }).kernelClasses()).toEqual([mode === 'cpu' ? 'CPUKernel' : 'WebAssemblyKernel']);
    });
  }
});
