#!/usr/bin/env node
// Benchmark (not a test): the notebook's default regularization experiment (keep 1 and 0.25,
// seed 231, 25 epochs, 500 examples, embedded MNIST) on wasm32 with threads, in the production
// page served with COOP/COEP vs `pnpm experiment` in Node, on this machine. Prints the
// regularization cell's time from each record, the training time per net, and the ratio.
// Usage (after `pnpm build`): node scripts/bench.mjs [--repeats N]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { launchChromium } from '@dropout/chromium';
import { serveSite } from './serve.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const repeats = Number(process.argv.includes('--repeats') ? process.argv[process.argv.indexOf('--repeats') + 1] : 2);
const cli = join(root, '../experiment/dist/cli.js');

function cellTimes(record) {
  const cell = record.cells.find((c) => c.kind === 'regularization');
  return { cellMs: cell.durationMs, trainMs: cell.runs.map((r) => r.timings.totalMs) };
}

function runCli() {
  const out = mkdtempSync(join(tmpdir(), 'dropout-web-bench-'));
  try {
    execFileSync(process.execPath, [cli, '--cells', 'regularization', '--dataset', 'mnist', '--backend', 'wasm32', '--no-save-models', '--quiet', '--out', out], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    throw new Error(`pnpm experiment failed (exit ${error.status}): ${String(error.stderr).trim().split('\n').slice(-3).join(' / ')}`);
  }
  const [folder] = readdirSync(out);
  return cellTimes(JSON.parse(readFileSync(join(out, folder, 'record.json'), 'utf8')));
}

async function runPage(browser, url) {
  const page = await browser.newPage();
  await page.goto(`${url}?cells=regularization&backend=wasm32`);
  await page.waitForSelector('body[data-ready=true]');
  await page.click('#start');
  await page.waitForSelector('body[data-run-status]', { timeout: 900_000 });
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-record')]);
  const record = JSON.parse(readFileSync(await download.path(), 'utf8'));
  if (record.backend.name !== 'wasm32' || record.status !== 'complete') throw new Error(`page run: ${record.status} on ${record.backend.name}`);
  await page.close();
  return cellTimes(record);
}

await build({ root, logLevel: 'warn' });
const { url, close } = await serveSite({ dir: join(root, 'dist'), port: 0, isolated: true });
const browser = await launchChromium();
const best = (xs) => xs.reduce((a, b) => (a.cellMs <= b.cellMs ? a : b));
const results = { cli: [], page: [] };
try {
  for (let i = 0; i < repeats; i++) {
    results.cli.push(runCli());
    results.page.push(await runPage(browser, url));
  }
} finally {
  await browser.close();
  await close();
}
const [c, p] = [best(results.cli), best(results.page)];
const s = (ms) => (ms / 1000).toFixed(2);
console.log(`Machine: ${cpus()[0]?.model.trim()} × ${cpus().length}, Node ${process.versions.node}; best of ${repeats}`);
console.log('| runner | regularization cell (s) | keep 1 net (s) | keep 0.25 net (s) |');
console.log('|---|---|---|---|');
console.log(`| pnpm experiment (Node, wasm32 threads) | ${s(c.cellMs)} | ${s(c.trainMs[0])} | ${s(c.trainMs[1])} |`);
console.log(`| page (Chromium, wasm32 threads, COOP/COEP) | ${s(p.cellMs)} | ${s(p.trainMs[0])} | ${s(p.trainMs[1])} |`);
console.log(`page / CLI: ${(p.cellMs / c.cellMs).toFixed(2)}× (target ≤ 1.3×)`);
