#!/usr/bin/env node
// Runs the tensor and layer test suites through gpu.js's WebGL2 backend in headless Chromium.
// The suites are bundled with rolldown (Vitest's API swapped for ./vitest-shim.mjs, gpu.js for
// its browser bundle), served from 127.0.0.1 cross-origin isolated, and run in @dropout/chromium
// (--gl mesa: Debian's chromium on Mesa llvmpipe; --gl swiftshader: the packaged Chromium). Fails
// unless every test passes and the backend that ran is the one asked for (default gpujs:webgl2).
// Usage: node gl/run-gl-tests.mjs [--backends gpujs:webgl2] [--suites all|gpujs] [--gl mesa|swiftshader]
import { existsSync, mkdirSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { bundle, defaultGl, packages, pkg, runPage } from './browser.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const { values: opts } = parseArgs({
  options: {
    backends: { type: 'string', default: 'gpujs:webgl2' },
    gl: { type: 'string', default: defaultGl() },
    out: { type: 'string', default: join(pkg, '.test-results', 'gl.json') },
    // 'all' (tensor + layers) or 'gpujs' (only src/gpujs, which reads with readAsync: for webgpu).
    suites: { type: 'string', default: 'all' },
  },
});
const expected = opts.backends.split(',').map((s) => s.trim());

const testFiles = (dir) => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.test.ts')).map((f) => join(dir, f)) : []);
// Tensor's op and gpujs suites and every layer suite (all go through forEachBackend); Node-only files stay out.
const dirs = opts.suites === 'gpujs' ? [join(pkg, 'src/gpujs')] : [join(pkg, 'src/ops'), join(pkg, 'src/gpujs'), join(packages, 'layers/src')];
const files = dirs.flatMap(testFiles).filter((f) => !f.endsWith('.node-only.test.ts'));

const build = join(here, '.build');
mkdirSync(build, { recursive: true });
const entry = join(build, 'tests-entry.mjs');
writeFileSync(entry, `${files.map((f) => `import ${JSON.stringify(f)};`).join('\n')}
import { runAll } from ${JSON.stringify(join(here, 'vitest-shim.mjs'))};
export async function main() {
  const log = [];
  return { ...(await runAll((line) => log.push(line))), log };
}
`);
await bundle(entry, join(build, 'tests.js'));
const { value: result, renderer } = await runPage({
  bundleFile: join(build, 'tests.js'),
  env: { DROPOUT_BACKENDS: opts.backends },
  gl: opts.gl,
  timeoutMs: 20 * 60_000,
});

// The describe labels carry backend.name, i.e. the mode that actually ran.
const ran = [...new Set(result.log.map((l) => /\[(gpujs:[^\]\s]+)/.exec(l)?.[1]).filter(Boolean))];
const missing = expected.filter((b) => !result.log.some((l) => l.startsWith('PASS') && l.includes(`[${b}]`)));
for (const f of result.failures) console.log(`FAIL ${f.name}\n  ${f.message.split('\n').slice(0, 4).join('\n  ')}`);
console.log(`gl tests: renderer ${renderer}; backends that ran: ${ran.join(', ') || 'none'}`);
console.log(`gl tests: ${result.passed} passed, ${result.failed} failed, ${result.skipped} skipped (${files.length} files)`);
mkdirSync(dirname(opts.out), { recursive: true });
writeFileSync(`${opts.out}.tmp`, JSON.stringify({ ...result, renderer, ran, files: files.map((f) => f.slice(packages.length + 1)) }, null, 2));
renameSync(`${opts.out}.tmp`, opts.out);
if (missing.length) console.log(`gl tests: no passing test ran on ${missing.join(', ')}`);
process.exit(result.failed > 0 || result.passed === 0 || missing.length > 0 ? 1 : 0);
