// The test page: imports the packages by name (as an application would), loads the selected
// suites, runs them with Mocha and Vitest's matchers, and leaves the outcome in window.__done.
import './config.js';
import '@dropout/tensor/gpujs';
import { loadBackend } from '@dropout/tensor';
import { outcomes, runAll } from './vitest-api.js';

const suites = {
  tensor: import.meta.glob(['../../../packages/tensor/src/ops/*.test.ts']),
  // The gpujs backend's own suites read with readAsync, so they also run on gpujs:webgpu.
  gpujs: import.meta.glob(['../../../packages/tensor/src/gpujs/*.test.ts', '!../../../packages/**/*.node-only.test.ts']),
  layers: import.meta.glob(['../../../packages/layers/src/*.test.ts', '!../../../packages/**/*.node-only.test.ts']),
  models: import.meta.glob(['../../../packages/models/src/*.test.ts', '!../../../packages/**/*.node-only.test.ts']),
  solver: import.meta.glob(['../../../packages/optim/src/solver/solver.test.ts', '../../../packages/optim/src/update-rules/*.test.ts']),
  page: import.meta.glob(['./cases/*.test.js']),
};

async function main() {
  const query = new URLSearchParams(location.search);
  const name = query.get('backend') || 'cpu32';
  const wanted = (query.get('suites') || Object.keys(suites).join(',')).split(',');
  for (const group of wanted) {
    if (!suites[group]) throw new Error(`unknown suite group '${group}' (?suites=): use ${Object.keys(suites).join(', ')}`);
    for (const [path, load] of Object.entries(suites[group])) {
      try {
        await load();
      } catch (err) {
        outcomes.push({ name: `${group}: loading ${path.replace(/^(\.\.\/)+/, '')}`, state: 'failed', error: String(err?.stack ?? err) });
      }
    }
  }
  await runAll();
  const backend = await loadBackend(name);
  return {
    outcomes,
    backend: { name: backend.name, info: backend.info ?? null, kernelClasses: backend.kernelClasses?.() ?? null },
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
    training: globalThis.__training ?? null,
  };
}

main().then(
  (value) => { window.__done = { ok: true, value }; },
  (err) => { window.__done = { ok: false, error: String(err?.stack ?? err) }; },
).finally(() => { document.getElementById('status').textContent = 'done'; });
