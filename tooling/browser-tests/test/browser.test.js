// `pnpm test` for the browser: builds page/ with Vite in production mode (default minifier),
// serves it from 127.0.0.1 with and without cross-origin isolation, and runs the package suites
// plus a FullyConnectedNet + Solver training run in headless Chromium (@dropout/chromium: the
// Chromium from the @sparticuz/chromium npm package, no system install) once per backend.
// Every in-page test must pass; the skipped ones (mode-specific `it.runIf`) are listed by name.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '@dropout/chromium';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPage } from '../build-page.js';
import { runPage } from '../run-page.js';
import { servePage } from '../serve-page.js';

const here = dirname(fileURLToPath(import.meta.url));
const SYNC_SUITES = ['tensor', 'layers', 'models', 'solver', 'gpujs', 'page'];
// gpujs:webgpu has no synchronous read, so the suites that read with read() cannot run there;
// its own suites (readAsync) and the trainAsync run do.
const ASYNC_SUITES = ['gpujs', 'page'];
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'none'";
export const RUNS = [
  { backend: 'cpu32', isolated: false, suites: SYNC_SUITES },
  { backend: 'wasm32', isolated: true, suites: SYNC_SUITES },
  { backend: 'wasm32', isolated: false, suites: SYNC_SUITES },
  { backend: 'gpujs:webgl2', isolated: false, suites: SYNC_SUITES },
  { backend: 'gpujs:webgpu', isolated: false, suites: ASYNC_SUITES },
  { backend: 'gpujs:webasm', isolated: false, suites: SYNC_SUITES },
  // A strict Content-Security-Policy (no eval, no blob: workers): wasm32 on one thread trains;
  // with threads it refuses with an error naming the policy (environment.test.js).
  { backend: 'wasm32:threads=1', isolated: true, suites: ['page'], csp: CSP },
  { backend: 'gpujs:webgl2', isolated: true, suites: ['gpujs', 'page'], csp: CSP },
  { backend: 'gpujs:webasm-async', isolated: true, suites: ASYNC_SUITES },
];

// DROPOUT_BROWSER_RUNS=gpujs:webgl2,… narrows the runs (.ci/gl-tests.sh: the Mesa GL path);
// DROPOUT_CHROMIUM_GL picks the GL path (@dropout/chromium).
const only = process.env.DROPOUT_BROWSER_RUNS?.split(',').map((s) => s.trim()).filter(Boolean);
const selected = only ? RUNS.filter((r) => only.includes(r.backend)) : RUNS;
if (only && selected.length === 0) throw new Error(`DROPOUT_BROWSER_RUNS=${only.join(',')} names no run; choose from ${[...new Set(RUNS.map((r) => r.backend))].join(', ')}`);
const glPath = process.env.DROPOUT_CHROMIUM_GL ?? 'swiftshader';

let browser;
const servers = {};
const summary = [];

beforeAll(async () => {
  const dist = await buildPage();
  servers.isolated = await servePage(dist, { isolated: true });
  servers.plain = await servePage(dist, { isolated: false });
  servers.csp = await servePage(dist, { isolated: true, csp: CSP });
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  for (const s of Object.values(servers)) await s.close();
  const out = join(here, `../.test-results/browser-pages-${glPath}.json`);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(`${out}.tmp`, `${JSON.stringify(summary, null, 2)}\n`);
  renameSync(`${out}.tmp`, out);
});

describe('the production page in headless Chromium', () => {
  for (const run of selected) {
    const where = `${run.isolated ? 'cross-origin isolated page' : 'plain page'}${run.csp ? ' under a strict CSP' : ''}, ${glPath}`;
    it(`${run.backend} on a ${where}: ${run.suites.join(', ')}`, async () => {
      const server = run.csp ? servers.csp : run.isolated ? servers.isolated : servers.plain;
      const result = await runPage(browser, server.origin, run);
      expect(result.error, 'the page itself failed').toBeUndefined();
      const { outcomes, backend, crossOriginIsolated, training } = result.value;
      const by = (state) => outcomes.filter((o) => o.state === state);
      const line = `browser [${run.backend}, ${where}]: ${by('passed').length} passed, ${by('failed').length} failed, ${by('skipped').length} skipped`;
      const trained = training && `  training: first loss ${training.backend.firstLoss.toFixed(6)} (cpu32 ${training.cpu32.firstLoss.toFixed(6)}), final val acc ${training.backend.valAcc.at(-1)} (cpu32 ${training.cpu32.valAcc.at(-1)}), ${training.seconds.toFixed(1)} s`;
      console.log([line, ...(trained ? [trained] : []), ...by('skipped').map((o) => `  skipped (mode-specific): ${o.name}`), ...by('failed').map((o) => `  FAILED: ${o.name}\n    ${o.error.split('\n').slice(0, 4).join('\n    ')}`)].join('\n'));
      summary.push({ ...run, backend: backend.name, info: backend.info, renderer: result.capabilities.webgl2, training, outcomes });
      expect(by('failed').map((o) => `${o.name}: ${o.error.split('\n')[0]}`)).toEqual([]);
      expect(by('passed').length).toBeGreaterThan(0);
      // A backend that did not load shows up as skipped "unavailable" suites: that is a failure here.
      expect(by('skipped').filter((o) => /unavailable/.test(o.name)).map((o) => o.name)).toEqual([]);
      expect(outcomes.some((o) => o.state === 'passed' && o.name.startsWith('FullyConnectedNet + Solver.trainAsync'))).toBe(true);
      expect(backend.name).toBe(run.backend.startsWith('wasm') ? run.backend.split(':')[0] : run.backend);
      if (run.csp) expect(outcomes.some((o) => o.state === 'passed' && /under a CSP/.test(o.name))).toBe(true);
      expect(crossOriginIsolated).toBe(run.isolated);
      expect(result.problems.filter((p) => p.startsWith('page error'))).toEqual([]);
    }, 900_000);
  }
});
