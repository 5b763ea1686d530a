// @dropout/models in a real page: the main entry (src/index.ts) bundled by esbuild (platform browser, minified)
// and run in headless Chromium, where it loads a model that Node saved (served from 127.0.0.1),
// predicts from raw pixels, and re-saves it as Blobs; the scores are bit-identical to Node's.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '@dropout/chromium';
import { createRng, fromArray, getBackend } from '@dropout/tensor';
import { build as esbuild } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FullyConnectedNet, predict, serializeModel } from '../src/index.js';

const hex = (a: Float32Array | Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('hex');
const cpu32 = getBackend('cpu32');
const model = new FullyConnectedNet({ hiddenDims: [30], inputDim: 12, numClasses: 3, normalization: 'batchnorm', dropoutKeepRatio: 0.5, rng: createRng(4), weightScale: 0.2 });
const X0 = fromArray(Float64Array.from({ length: 60 }, (_, i) => Math.sin(i)), [5, 12], cpu32);
Object.values(model.loss(X0, [0, 1, 2, 0, 1]).grads).forEach((g) => g.dispose()); // moves the running statistics
const trained = { model, preprocessing: { inputShape: [3, 2, 2], meanImage: Float64Array.from({ length: 12 }, (_, i) => 120 + i / 3), classNames: ['a', 'b', 'c'] }, run: null, versions: {} };
const pixels = { data: Array.from({ length: 7 * 12 }, (_, i) => (i * 41) % 256), shape: [7, 3, 2, 2] };

let server: Server;
let url = '';
let modelsImports: Array<[string, string[]]> = [];
beforeAll(async () => {
  const bundle = await esbuild({
    entryPoints: [fileURLToPath(new URL('./browser/app.ts', import.meta.url))],
    absWorkingDir: fileURLToPath(new URL('..', import.meta.url)),
    bundle: true, platform: 'browser', format: 'esm', minify: true, write: false, metafile: true, logLevel: 'silent',
    external: ['gpu.js'],
  });
  expect(bundle.errors).toEqual([]);
  const bundleText = bundle.outputFiles[0]!.text;
  modelsImports = Object.entries(bundle.metafile.inputs)
    .filter(([path]) => path.startsWith('src/')) // this package's own modules (paths are relative to it)
    .map(([path, input]) => [path, input.imports.map((i) => i.path)]);
  const { manifest, weights } = await serializeModel(trained);
  const files: Record<string, [string, string | Uint8Array]> = {
    '/': ['text/html', '<!doctype html><meta charset="utf-8"><script type="module" src="/app.js"></script>'],
    '/app.js': ['text/javascript', bundleText],
    '/model.json': ['application/json', JSON.stringify(manifest)],
    '/weights.bin': ['application/octet-stream', weights],
    '/pixels.json': ['application/json', JSON.stringify(pixels)],
  };
  server = createServer((req, res) => {
    const file = files[req.url ?? ''];
    if (!file) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': file[0] }).end(file[1]);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}, 60_000);
afterAll(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

describe('@dropout/models in headless Chromium (esbuild bundle, platform browser)', () => {
  it('loads the model Node saved and predicts exactly as Node does; modelToBlobs round-trips it', async () => {
    // The main entry's own modules import no Node built-in (the tensor package's wasm backend imports them only in Node).
    expect(modelsImports.length).toBeGreaterThan(0);
    for (const [path, imports] of modelsImports) expect(imports.filter((p) => p.startsWith('node:')), path).toEqual([]);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.goto(url);
      await page.waitForFunction(() => (window as { dropoutResult?: unknown }).dropoutResult !== undefined, undefined, { timeout: 60_000 });
      const result = (await page.evaluate(() => (window as { dropoutResult?: unknown }).dropoutResult)) as Record<string, unknown>;
      expect(result.error).toBeUndefined();
      const mean = trained.preprocessing.meanImage;
      const X = fromArray(Float64Array.from(pixels.data, (v, i) => v - mean[i % 12]!), pixels.shape, cpu32);
      const scores = hex(model.scores(X).read());
      expect(result.scores).toBe(scores);
      expect(result.againScores).toBe(scores);
      const node = await predict(trained, { data: Uint8Array.from(pixels.data), shape: pixels.shape }, { input: 'pixels' });
      expect(result.labels).toEqual(Array.from(node.labels));
      (result.probs as number[]).forEach((p, i) => expect(Math.abs(p - node.probs[i]!)).toBeLessThan(1e-15));
      expect(result.classNames).toEqual(['a', 'b', 'c']);
      expect(result.blobTypes).toEqual(['application/json', 'application/octet-stream']);
    } finally {
      await browser.close();
    }
  }, 120_000);
});
