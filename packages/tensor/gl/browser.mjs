// Shared by the GL test runner and the bench: bundle a page module with rolldown (sources of
// the @dropout packages, gpu.js's browser bundle, a Vitest shim, embedded fixture files), serve
// it from 127.0.0.1 cross-origin isolated, and drive it in headless Chromium (@dropout/chromium:
// SwiftShader by default, Mesa llvmpipe with gl: 'mesa').
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launchChromium } from '@dropout/chromium';
import { rolldown } from 'rolldown';

const here = dirname(fileURLToPath(import.meta.url));
export const pkg = resolve(here, '..');
export const packages = resolve(pkg, '..');

/** The GL path to use when none is given: Mesa llvmpipe where Debian's chromium is installed (3–13× faster), else SwiftShader. */
export const defaultGl = () => process.env.DROPOUT_CHROMIUM_GL ?? (existsSync('/usr/bin/chromium') ? 'mesa' : 'swiftshader');

/** Bundles `entry` for the browser into the single ES module `outFile`. */
export async function bundle(entry, outFile) {
  const fixtures = {};
  for (const dir of [join(pkg, 'fixtures'), join(packages, 'layers/fixtures')]) {
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.json'))) fixtures[join(dir, f)] = readFileSync(join(dir, f), 'utf8');
  }
  const virtualFs = '\0gl-fs';
  const aliases = {
    vitest: join(here, 'vitest-shim.mjs'),
    'gpu.js': join(pkg, 'node_modules/gpu.js/dist/gpu-browser.js'),
    '@dropout/tensor/testing': join(pkg, 'src/testing/index.ts'),
    '@dropout/tensor/gpujs': join(pkg, 'src/gpujs/index.ts'),
    '@dropout/tensor': join(pkg, 'src/index.ts'),
    '@dropout/gradcheck': join(packages, 'gradcheck/src/index.ts'),
    '@dropout/layers': join(packages, 'layers/src/index.ts'),
  };
  const build = await rolldown({
    input: entry,
    platform: 'browser',
    logLevel: 'warn',
    // The packages say sideEffects: false, but a test file is nothing but side effects.
    treeshake: false,
    plugins: [{
      name: 'dropout-browser-page',
      resolveId(id) {
        if (id === 'node:fs' || id === 'fs') return virtualFs;
        return aliases[id] ?? null;
      },
      load(id) {
        if (id !== virtualFs) return null;
        return `const files = ${JSON.stringify(fixtures)};
export function readFileSync(p) {
  const path = typeof p === 'string' ? p : decodeURIComponent(p.pathname);
  if (!(path in files)) throw new Error('browser page: no embedded file ' + path);
  return files[path];
}
export default { readFileSync };`;
      },
      transform(code, id) {
        // Each module sees its own file URL, as under Node, so fixture paths resolve.
        if (!code.includes('import.meta.url')) return null;
        return code.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(id).href));
      },
    }],
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
