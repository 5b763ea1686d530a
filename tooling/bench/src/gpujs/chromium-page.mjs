// The bench's Chromium part: bundle a page module with rolldown (the tensor sources and gpu.js's
// browser bundle), serve it from 127.0.0.1 cross-origin isolated, and drive it in headless
// Chromium (@dropout/chromium: Mesa llvmpipe where Debian's chromium is installed, else SwiftShader).
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '@dropout/chromium';
import { rolldown } from 'rolldown';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

/** The GL path to use when none is given: Mesa llvmpipe where Debian's chromium is installed (3–13× faster), else SwiftShader. */
export const defaultGl = () => process.env.DROPOUT_CHROMIUM_GL ?? (existsSync('/usr/bin/chromium') ? 'mesa' : 'swiftshader');

/** Bundles `entry` (which imports the built @dropout/tensor by name) for the browser into the single ES module `outFile`. */
export async function bundle(entry, outFile) {
  // gpu.js's browser build (its main entry is the Node one, with headless-gl).
  const aliases = { 'gpu.js': require.resolve('gpu.js/dist/gpu-browser.js') };
  const build = await rolldown({
    input: entry,
    platform: 'browser',
    logLevel: 'warn',
    plugins: [{ name: 'dropout-bench-page', resolveId: (id) => aliases[id] ?? null }],
  });
  await build.write({ file: outFile, format: 'esm', sourcemap: false, codeSplitting: false });
  await build.close();
}

/**
 * Serves `bundleFile` under a page that sets `process.env` from `env`, imports the bundle,
 * awaits its `main()` and stores the result; returns that result (and the WebGL renderer).
 */
export async function runPage({ bundleFile, env, gl = defaultGl(), timeoutMs }) {
  const page = `<!doctype html><meta charset="utf-8"><title>dropout</title>
<script>globalThis.process = { env: ${JSON.stringify(env)} };</script>
<script type="module">
  try {
    const { main } = await import('/bundle.js');
    window.__done = { ok: true, value: await main() };
  } catch (err) {
    window.__done = { ok: false, error: String(err && err.stack || err) };
  }
</script>`;
  const isolation = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };
  const server = createServer((req, res) => {
    if (req.url === '/') return res.writeHead(200, { ...isolation, 'Content-Type': 'text/html' }).end(page);
    if (req.url === '/bundle.js') return res.writeHead(200, { ...isolation, 'Content-Type': 'text/javascript' }).end(readFileSync(bundleFile));
    res.writeHead(404).end();
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const browser = await launchChromium({ gl });
  try {
    const tab = await browser.newPage();
    tab.on('pageerror', (err) => console.error('page error:', err.message));
    tab.on('console', (msg) => { if (msg.type() === 'error') console.error('page console:', msg.text()); });
    await tab.goto(`http://127.0.0.1:${server.address().port}/`);
    await tab.waitForFunction(() => window.__done, null, { timeout: timeoutMs, polling: 500 });
    const done = await tab.evaluate(() => window.__done);
    const renderer = await tab.evaluate(() => {
      const gl = document.createElement('canvas').getContext('webgl2');
      const ext = gl && gl.getExtension('WEBGL_debug_renderer_info');
      return gl ? gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER) : 'no webgl2';
    });
    if (!done.ok) throw new Error(`the page failed: ${done.error}`);
    return { value: done.value, renderer };
  } finally {
    await browser.close();
    server.close();
  }
}
