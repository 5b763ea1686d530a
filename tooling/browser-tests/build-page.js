// Builds the test page with Vite in production mode (its default minifier, no keepNames), the
// way an application that uses the packages is built. The only test-only parts: 'vitest' maps
// to page/vitest-api.js, suites that import their own package's src/index.ts get the published
// build by name instead, and test files (never package code) read fixtures from an embedded fs.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));
const packages = resolve(here, '../../packages');
export const outDir = join(here, 'dist');

const BY_NAME = [
  [/\/packages\/tensor\/src\/testing\/index\.ts$/, '@dropout/tensor/testing'],
  [/\/packages\/tensor\/src\/registry\.ts$/, '@dropout/tensor'],
  [/\/packages\/tensor\/src\/gpujs\/(gpujs-backend|kernel-cache|index)\.ts$/, '@dropout/tensor/gpujs'],
  [/\/packages\/(tensor|layers|models|optim|data|gradcheck)\/src\/index\.ts$/, (m) => `@dropout/${m[1]}`],
];
const isTestCode = (id) => /\.test\.[tj]s$/.test(id) || /\/packages\/[^/]+\/test\//.test(id);

function fixtures() {
  const files = {};
  for (const pkg of readdirSync(packages)) {
    const dir = join(packages, pkg, 'fixtures');
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.json'))) files[join(dir, f)] = readFileSync(join(dir, f), 'utf8');
  }
  return files;
}

function testPagePlugin() {
  const virtualFs = '\0test-fixtures-fs';
  return {
    name: 'dropout-test-page',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (importer && isTestCode(importer) && (source === 'node:fs' || source === 'fs')) return virtualFs;
      if (!importer || !(source.startsWith('.') || source.startsWith('/'))) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      if (!resolved) return null;
      for (const [re, name] of BY_NAME) {
        const m = re.exec(resolved.id);
        if (m) return this.resolve(typeof name === 'function' ? name(m) : name, join(here, 'page/main.js'), { skipSelf: true });
      }
      // The packages say sideEffects: false, but a test file is nothing but side effects.
      return isTestCode(resolved.id) ? { ...resolved, moduleSideEffects: true } : resolved;
    },
    load(id) {
      if (id !== virtualFs) return null;
      return `const files = ${JSON.stringify(fixtures())};
export function readFileSync(p) {
  const path = typeof p === 'string' ? p : decodeURIComponent(p.pathname);
  if (!(path in files)) throw new Error('test page: no embedded fixture ' + path);
  return files[path];
}
export default { readFileSync };`;
    },
    transform(code, id) {
      // A test file's own URL, as under Node, so its fixture paths resolve in the embedded fs.
      if (!isTestCode(id)) return null;
      return { code: code.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(id).href)), moduleSideEffects: true };
    },
  };
}

/** Builds page/ into dist/ (production mode, default minify); returns the output folder. */
export async function buildPage() {
  await build({
    configFile: false,
    root: join(here, 'page'),
    base: './',
    mode: 'production',
    logLevel: 'warn',
    resolve: { alias: { vitest: join(here, 'page/vitest-api.js') } },
    define: { 'process.env.DROPOUT_BACKENDS': 'globalThis.__DROPOUT_BACKENDS__' },
    plugins: [testPagePlugin()],
    build: { outDir, emptyOutDir: true, reportCompressedSize: false, chunkSizeWarningLimit: 100_000 },
  });
  return outDir;
}
