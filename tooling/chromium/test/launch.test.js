// Starts the packaged Chromium the way every browser test does and checks what the tests rely
// on: WebGL2 and WebGPU on SwiftShader, and cross-origin isolation exactly when the page is
// served with COOP/COEP (the @sparticuz defaults would fake SharedArrayBuffer everywhere).
import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserCapabilities, chromiumLaunchOptions, launchChromium } from '../index.js';

let server;
let origin;
let browser;
beforeAll(async () => {
  const isolation = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };
  server = createServer((req, res) => res.writeHead(200, { 'content-type': 'text/html', ...(req.url === '/isolated' ? isolation : {}) }).end('<!doctype html><title>t</title>'));
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await new Promise((done) => (server ? server.close(done) : done()));
});

describe('launchChromium (default swiftshader path)', () => {
  it('a cross-origin isolated page has WebGL2 and WebGPU on SwiftShader, and SharedArrayBuffer', async () => {
    const page = await browser.newPage();
    await page.goto(`${origin}/isolated`);
    const caps = await browserCapabilities(page);
    expect(caps.webgl2).toMatch(/SwiftShader/);
    expect(caps.webgpu).toBe(true);
    expect(caps.crossOriginIsolated).toBe(true);
    expect(caps.sharedArrayBuffer).toBe(true);
    await page.close();
  });

  it('a plain page is not isolated and has no SharedArrayBuffer, as in a user\'s Chrome', async () => {
    const page = await browser.newPage();
    await page.goto(`${origin}/plain`);
    const caps = await browserCapabilities(page);
    expect(caps.crossOriginIsolated).toBe(false);
    expect(caps.sharedArrayBuffer).toBe(false);
    expect(caps.webgl2).toMatch(/SwiftShader/);
    await page.close();
  });
});

describe('chromiumLaunchOptions', () => {
  it('rejects an unknown GL path, naming it and the choices', async () => {
    await expect(chromiumLaunchOptions({ gl: 'vulkan' })).rejects.toThrow('unknown GL path "vulkan" (DROPOUT_CHROMIUM_GL or options.gl): use swiftshader or mesa');
  });

  it('rejects a CHROMIUM_PATH that does not exist, naming it', async () => {
    const saved = process.env.CHROMIUM_PATH;
    process.env.CHROMIUM_PATH = '/nonexistent/chromium';
    try {
      await expect(chromiumLaunchOptions()).rejects.toThrow('CHROMIUM_PATH=/nonexistent/chromium does not exist');
    } finally {
      if (saved === undefined) delete process.env.CHROMIUM_PATH;
      else process.env.CHROMIUM_PATH = saved;
    }
  });
});
