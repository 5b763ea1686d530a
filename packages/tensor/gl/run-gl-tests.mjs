#!/usr/bin/env node
// Runs the tensor and layer test suites through gpu.js's WebGL2 backend in headless Chromium.
// The suites are bundled with rolldown (Vitest's API swapped for ./vitest-shim.mjs, gpu.js for
// its browser bundle), served from 127.0.0.1 cross-origin isolated, and run on Mesa llvmpipe
// via `--use-angle=gl-egl --ignore-gpu-blocklist` (no X server). Fails unless every test
// passes and the backend that ran is the one asked for (default gpujs:webgl2).
// Usage: node gl/run-gl-tests.mjs [--backends gpujs:webgl2] [--chromium /usr/bin/chromium]
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync, renameSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { rolldown } from 'rolldown';

const here = dirname(fileURLToPath(import.meta.url));
const pkg = resolve(here, '..');
const packages = resolve(pkg, '..');
const { values: opts } = parseArgs({
  options: {
    backends: { type: 'string', default: 'gpujs:webgl2' },
    chromium: { type: 'string', default: process.env.CHROMIUM ?? '/usr/bin/chromium' },
    out: { type: 'string', default: join(pkg, '.test-results', 'gl.json') },
  },
});
const expected = opts.backends.split(',').map((s) => s.trim());

const testFiles = (dir) => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.test.ts')).map((f) => join(dir, f)) : []);
// The suites: tensor's op and gpujs tests, and every layer test (they all go through forEachBackend).
const files = [...testFiles(join(pkg, 'src/ops')), ...testFiles(join(pkg, 'src/gpujs')), ...testFiles(join(packages, 'layers/src'))]
  .filter((f) => !f.endsWith('node-only.test.ts'));

// Fixture files the suites read with readFileSync, embedded so the page can read them.
const fixtures = {};
for (const dir of [join(pkg, 'fixtures'), join(packages, 'layers/fixtures')]) {
  if (!existsSync(dir)) continue;
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.json'))) fixtures[join(dir, f)] = readFileSync(join(dir, f), 'utf8');
}

const build = join(pkg, 'gl/.build');
mkdirSync(build, { recursive: true });
const entry = join(build, 'entry.mjs');
writeFileSync(entry, `${files.map((f) => `import ${JSON.stringify(f)};`).join('\n')}\nexport { runAll } from ${JSON.stringify(join(here, 'vitest-shim.mjs'))};\n`);

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
const bundle = await rolldown({
  input: entry,
  platform: 'browser',
  logLevel: 'warn',
  // The packages say sideEffects: false, but a test file is nothing but side effects.
  treeshake: false,
  plugins: [{
    name: 'gl-test-page',
    resolveId(id) {
      if (id === 'node:fs' || id === 'fs') return virtualFs;
      if (id in aliases) return aliases[id];
      return null;
    },
    load(id) {
      if (id !== virtualFs) return null;
      return `const files = ${JSON.stringify(fixtures)};
export function readFileSync(p) {
  const path = typeof p === 'string' ? p : decodeURIComponent(p.pathname);
  if (!(path in files)) throw new Error('gl test page: no embedded file ' + path);
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
await bundle.write({ file: join(build, 'bundle.js'), format: 'esm', sourcemap: false, codeSplitting: false });
await bundle.close();

const page = `<!doctype html><meta charset="utf-8"><title>gl tests</title>
<script>globalThis.process = { env: { DROPOUT_BACKENDS: ${JSON.stringify(opts.backends)} } };</script>
<script type="module">
  const log = [];
  try {
    const { runAll } = await import('/bundle.js');
    const result = await runAll((line) => log.push(line));
    window.__done = { ...result, log };
  } catch (err) {
    window.__done = { passed: 0, failed: 1, skipped: 0, failures: [{ name: 'loading the suites', message: String(err && err.stack || err) }], log };
  }
</script>`;
const server = createServer((req, res) => {
  const headers = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };
  if (req.url === '/') return res.writeHead(200, { ...headers, 'Content-Type': 'text/html' }).end(page);
  if (req.url === '/bundle.js') return res.writeHead(200, { ...headers, 'Content-Type': 'text/javascript' }).end(readFileSync(join(build, 'bundle.js')));
  res.writeHead(404).end();
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const url = `http://127.0.0.1:${server.address().port}/`;

const browser = await chromium.launch({
  executablePath: opts.chromium,
  headless: true,
  args: ['--use-angle=gl-egl', '--ignore-gpu-blocklist', '--enable-unsafe-webgpu', '--no-sandbox'],
});
let result;
try {
  const tab = await browser.newPage();
  tab.on('pageerror', (err) => console.error('page error:', err.message));
  await tab.goto(url);
  await tab.waitForFunction(() => window.__done, null, { timeout: 20 * 60_000, polling: 500 });
  result = await tab.evaluate(() => window.__done);
  result.renderer = await tab.evaluate(() => {
    const gl = document.createElement('canvas').getContext('webgl2');
    const ext = gl && gl.getExtension('WEBGL_debug_renderer_info');
    return gl ? gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER) : 'no webgl2';
  });
} finally {
  await browser.close();
  server.close();
}

// The describe labels carry backend.name, i.e. the mode that actually ran.
const ran = [...new Set(result.log.map((l) => /\[(gpujs:[^\]\s]+)/.exec(l)?.[1]).filter(Boolean))];
const missing = expected.filter((b) => !result.log.some((l) => l.includes(`[${b}]`) && l.startsWith('PASS')));
for (const f of result.failures) console.log(`FAIL ${f.name}\n  ${f.message.split('\n').slice(0, 4).join('\n  ')}`);
console.log(`gl tests: renderer ${result.renderer}; backends that ran: ${ran.join(', ') || 'none'}`);
console.log(`gl tests: ${result.passed} passed, ${result.failed} failed, ${result.skipped} skipped (${files.length} files)`);
mkdirSync(dirname(opts.out), { recursive: true });
writeFileSync(`${opts.out}.tmp`, JSON.stringify({ ...result, ran, files: files.map((f) => f.slice(packages.length + 1)) }, null, 2));
renameSync(`${opts.out}.tmp`, opts.out);
if (missing.length) console.log(`gl tests: no passing test ran on ${missing.join(', ')}`);
process.exit(result.failed > 0 || result.passed === 0 || missing.length > 0 ? 1 : 0);
