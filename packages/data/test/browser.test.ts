// @dropout/data in a real page: the main entry bundled by esbuild (platform browser) and by
// Vite in production mode (default minifier), the Vite page run in headless Chromium, where it
// loads the embedded MNIST asset and unpacks a CIFAR-10 .tar.gz in memory — with the same
// numbers as Node.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '@dropout/chromium';
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCifar10DataFromArchive } from '../src/cifar/from-archive.js';
import { getMnistData } from '../src/mnist/get-mnist-data.js';
import { cifarBinBatch, makeImages } from '../src/testing.js';
import { tarGz } from './helpers/tar-writer.js';

const app = fileURLToPath(new URL('./browser/', import.meta.url));
const names = ['data_batch_1', 'data_batch_2', 'data_batch_3', 'data_batch_4', 'data_batch_5', 'test_batch'];
const archive = tarGz(names.map((name, b) => ({ path: `cifar-10-batches-bin/${name}.bin`, data: cifarBinBatch(makeImages(5, (i, c, y, x) => (b * 5 + i) * 9 + c + y + x), [0, 1, 2, 3, 4].map((i) => (b + i) % 10)) })));

describe('esbuild --bundle --platform=browser', () => {
  it('bundles a program using getMnistData and the CIFAR-10 readers, and no data module imports a Node built-in', async () => {
    const result = await esbuild({ entryPoints: [join(app, 'app.ts')], bundle: true, platform: 'browser', format: 'esm', minify: true, write: false, metafile: true, logLevel: 'silent' });
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    const dataModules = Object.entries(result.metafile.inputs).filter(([path]) => /(^|\/)dist\//.test(path) && !path.includes('tensor'));
    expect(dataModules.length).toBeGreaterThan(0);
    for (const [path, input] of dataModules) expect(input.imports.map((i) => i.path).filter((p) => p.startsWith('node:') || p === 'tar'), path).toEqual([]);
    expect(result.outputFiles[0]!.text).toMatch(/new URL\("\.\.\/assets\/mnist\.bin",import\.meta\.url\)/);
  });
});

describe('a Vite production build in headless Chromium', () => {
  const out = mkdtempSync(join(tmpdir(), 'dropout-data-page-'));
  let server: Server;
  let url = '';
  beforeAll(async () => {
    await viteBuild({ root: app, mode: 'production', logLevel: 'warn', configFile: false, build: { outDir: out, emptyOutDir: true } });
    server = createServer((req, res) => {
      const path = req.url === '/' ? '/index.html' : req.url!;
      if (path === '/cifar-10-binary.tar.gz') return void res.writeHead(200, { 'content-type': 'application/gzip' }).end(archive);
      try {
        const body = readFileSync(join(out, path));
        res.writeHead(200, { 'content-type': { '.html': 'text/html', '.js': 'text/javascript' }[extname(path)] ?? 'application/octet-stream' }).end(body);
      } catch {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    rmSync(out, { recursive: true, force: true });
  });

  it('ships mnist.bin as an asset, and the page gets the same digits and CIFAR-10 splits as Node', async () => {
    expect(readdirSync(join(out, 'assets')).some((f) => /^mnist-.+\.bin$/.test(f))).toBe(true);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.goto(url);
      await page.waitForFunction(() => window.dropoutResult !== undefined, undefined, { timeout: 60_000 });
      const result = (await page.evaluate(() => window.dropoutResult)) as { error?: string; mnist: Record<string, unknown>; cifar: Record<string, unknown>; readers: boolean };
      expect(result.error).toBeUndefined();
      const mnist = await getMnistData({ numTraining: 500, numValidation: 100, numTest: 100, dtype: 'float32' });
      expect(result.mnist).toEqual({ name: mnist.identity.name, hash: mnist.identity.hash, yTrain: Array.from(mnist.yTrain.slice(0, 12)), mean: mnist.meanImage![14 * 28 + 14], x: mnist.XTrain.read()[14 * 28 + 14] });
      expect(result.mnist.yTrain).toEqual([1, 7, 3, 6, 0, 2, 4, 9, 8, 5, 1, 7]); // the README's values
      const cifar = await getCifar10DataFromArchive(archive, { numTraining: 15, numValidation: 5, numTest: 5, md5: false });
      expect(result.cifar).toEqual({ hash: cifar.identity.hash, shapes: cifar.identity.shapes, yVal: Array.from(cifar.yVal), x: Array.from(cifar.XTrain.read().slice(0, 4)) });
      expect(result.readers).toBe(true);
    } finally {
      await browser.close();
    }
  });
});
