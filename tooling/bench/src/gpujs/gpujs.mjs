#!/usr/bin/env node
// `pnpm bench` for @dropout/tensor (issue 7): matMul GFLOP/s at the workload's shapes and the
// latency of a tiny elementwise op on every backend and gpu.js mode available here, gpu.js's
// WebGL2 mode in headless Chromium (@dropout/chromium; Mesa llvmpipe where Debian's chromium is installed), and the wall time
// of one 25-epoch training run (500 examples, 3072→500→10, adam 5e-4, batch 100, keep 0.25) per
// Node backend, and, per gpu.js mode in Node, the kernel launches and milliseconds of a training
// step with the fused kernels against the composed ones (launches.mjs; old and new side by side
// in the same run). Writes /work/main/bench-results/gpujs.json (atomically) and prints tables.
// `--quick` measures only the launches, on gpujs:webasm (about half a minute).
// Needs built dist/ folders (pnpm build); @dropout/models, @dropout/optim and @dropout/tensor are
// declared dependencies of tooling/bench. The WebGL2 part runs in a page on @dropout/chromium
// (chromium-page.mjs beside this file).
// Usage: pnpm --filter @dropout/bench bench:gpujs -- [--backends cpu64,cpu32,gpujs:webasm,…] [--train gpujs:webasm,…] [--no-gl] [--gl mesa|swiftshader] [--no-kernels] [--no-train] [--no-launches] [--quick] [--out file]
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { FullyConnectedNet } from '@dropout/models';
import { Solver } from '@dropout/optim';
import { cpus, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as api from '@dropout/tensor';
import { benchKernels } from './bench-core.mjs';
import { benchLaunches } from './launches.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../../../..');
// pnpm 12 passes the `--` of `pnpm … bench:gpujs -- --quick` through; drop it.
const argv = process.argv.slice(2);
const { values: opts } = parseArgs({
  args: argv[0] === '--' ? argv.slice(1) : argv,
  options: {
    backends: { type: 'string', default: 'cpu64,cpu32,gpujs:webasm,gpujs:webasm-async,gpujs:cpu' },
    'no-gl': { type: 'boolean', default: false },
    'no-kernels': { type: 'boolean', default: false },
    'no-train': { type: 'boolean', default: false },
    'no-launches': { type: 'boolean', default: false },
    // Only the fused-vs-composed launch measurement, on gpujs:webasm unless --backends says otherwise.
    quick: { type: 'boolean', default: false },
    // Which of --backends also get the (long) 25-epoch training run; default: all of them.
    train: { type: 'string' },
    gl: { type: 'string' },
    // Default: bench-results/gpujs.json, or gpujs-launches.json with --quick (a partial run never overwrites the full one).
    out: { type: 'string' },
  },
});
if (opts.quick) {
  if (!process.argv.some((a) => a.startsWith('--backends'))) opts.backends = 'gpujs:webasm';
  Object.assign(opts, { 'no-gl': true, 'no-kernels': true, 'no-train': true, 'no-launches': false });
}
opts.out ??= join(root, `bench-results/${opts.quick ? 'gpujs-launches' : 'gpujs'}.json`);
const log = (line) => console.log(`  ${line}`);

async function train(backend) {
  const rng = api.createRng(231);
  // Synthetic CIFAR-shaped data (benchmarks never download CIFAR-10): the cost depends on shapes only.
  const labels = (n) => Int32Array.from(rng.rand(n), (u) => Math.floor(u * 10));
  const data = {
    XTrain: api.randn(rng, [500, 3072], backend), yTrain: labels(500),
    XVal: api.randn(rng, [1000, 3072], backend), yVal: labels(1000),
  };
  const model = new FullyConnectedNet({ hiddenDims: [500], inputDim: 3072, numClasses: 10, dropoutKeepRatio: 0.25, weightScale: 5e-2, seed: 231, backend });
  const solver = new Solver(model, data, { updateRule: 'adam', optimConfig: { learningRate: 5e-4 }, batchSize: 100, numEpochs: 25, verbose: false });
  const t0 = performance.now();
  const result = backend.syncRead ? solver.train() : await solver.trainAsync();
  const seconds = (performance.now() - t0) / 1000;
  log(`${backend.name} 25-epoch run: ${seconds.toFixed(1)} s, final loss ${result.lossHistory.at(-1).toFixed(4)}`);
  return { seconds, iterations: result.lossHistory.length, finalLoss: result.lossHistory.at(-1), finalTrainAcc: result.trainAccHistory.at(-1) };
}

const rows = [];
for (const name of opts.backends.split(',').map((s) => s.trim()).filter(Boolean)) {
  let backend;
  try {
    backend = await api.loadBackend(name);
  } catch (err) {
    rows.push({ backend: name, unavailable: err.message });
    log(`${name}: unavailable — ${err.message}`);
    continue;
  }
  const row = opts['no-kernels'] ? { backend: backend.name, matMul: [] } : await benchKernels(api, backend, { log });
  const trainOn = opts.train === undefined ? null : opts.train.split(',').map((t) => t.trim());
  if (!opts['no-train'] && (trainOn === null || trainOn.includes(name))) row.train = await train(backend);
  else row.train = { skipped: 'not selected (--train / --no-train)' };
  if (!opts['no-launches'] && backend.name.startsWith('gpujs')) row.launches = await benchLaunches(api, { FullyConnectedNet, Solver }, backend, { log });
  rows.push(row);
}

if (!opts['no-gl']) {
  const { bundle, runPage } = await import('./chromium-page.mjs');
  const build = join(here, '../../node_modules/.cache/bench-page');
  mkdirSync(build, { recursive: true });
  const entry = join(build, 'bench-entry.mjs');
  writeFileSync(entry, `import '@dropout/tensor/gpujs';
import * as api from '@dropout/tensor';
import { benchKernels } from ${JSON.stringify(join(here, 'bench-core.mjs'))};
export async function main() {
  const out = [];
  for (const name of ['gpujs:webgl2', 'gpujs:webasm', 'gpujs:webasm-async']) {
    try {
      out.push(await benchKernels(api, await api.loadBackend(name), { maxCallMs: 30000 }));
    } catch (err) {
      out.push({ backend: name, unavailable: String(err.message) });
    }
  }
  return out;
}
`);
  await bundle(entry, join(build, 'bench.js'));
  const { value, renderer } = await runPage({ bundleFile: join(build, 'bench.js'), env: {}, gl: opts.gl, timeoutMs: 30 * 60_000 });
  for (const r of value) {
    r.where = `Chromium (${renderer})`;
    r.train = { skipped: 'training runs in Node only' };
    rows.push(r);
    for (const m of r.matMul ?? []) log(`${r.backend} (Chromium) ${m.shape}: ${m.gflops ? `${m.gflops.toFixed(2)} GFLOP/s` : m.skipped}`);
  }
}

const machine = `${cpus().length}× ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, no GPU`;
const report = { date: new Date().toISOString(), machine, rows };
mkdirSync(dirname(opts.out), { recursive: true });
writeFileSync(`${opts.out}.tmp`, `${JSON.stringify(report, null, 2)}\n`);
renameSync(`${opts.out}.tmp`, opts.out);

const fmt = (r, i) => {
  const m = r.matMul?.[i];
  return m ? (m.gflops ? m.gflops.toFixed(2) : 'skipped') : '–';
};
console.log(`\n${report.date.slice(0, 10)} · ${machine}\n`);
console.log('| backend | where | S1 GFLOP/s | S2 (Aᵀ) GFLOP/s | S3 GFLOP/s | add 100×500 ms | 25-epoch run s |');
console.log('|---|---|---|---|---|---|---|');
for (const r of rows) {
  if (r.unavailable) {
    console.log(`| ${r.backend} | ${r.where ?? 'Node'} | unavailable: ${r.unavailable.slice(0, 80)} | | | | |`);
    continue;
  }
  const t = r.train?.seconds !== undefined ? r.train.seconds.toFixed(1) : (r.train?.skipped ? '–' : '');
  console.log(`| ${r.backend} | ${r.where ? 'Chromium' : 'Node'} | ${fmt(r, 0)} | ${fmt(r, 1)} | ${fmt(r, 2)} | ${r.tinyAddMs?.toFixed(3) ?? '–'} | ${t} |`);
}
console.log('\nS1 = (100×3072)·(3072×500), S2 = (3072×100)ᵀ·(100×500), S3 = (1500×3072)·(3072×500)');
const measured = rows.filter((r) => r.launches);
if (measured.length > 0) {
  console.log('\nKernel launches, composed (one kernel per op, as before) → fused, and median ms, interleaved in this run:\n');
  console.log('| backend | what | launches | ms |');
  console.log('|---|---|---|---|');
  for (const r of measured) {
    const { ops, step, msPerTinyLaunch } = r.launches;
    const stepName = `training step (3072→500→10, batch 100, adam; ${step.composed.compiles.toFixed(1)} → ${step.fused.compiles.toFixed(1)} kernel compiles per step)`;
    for (const [name, { composed, fused }] of [...Object.entries(ops), [stepName, step]]) {
      console.log(`| ${r.backend} | ${name} | ${composed.launches} → ${fused.launches} | ${composed.ms.toFixed(2)} → ${fused.ms.toFixed(2)} |`);
    }
    console.log(`| ${r.backend} | one tiny kernel (add, 1 element) | 1 | ${msPerTinyLaunch.toFixed(3)} |`);
  }
}
console.log(`\nwrote ${opts.out}`);
process.exit(0);
