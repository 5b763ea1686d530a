// The production build in headless Chromium, served as `pnpm web` serves it (COOP/COEP): every
// cell on the embedded MNIST with 2 epochs, compared with `pnpm experiment --dataset mnist
// --epochs 2 --backend wasm32` (same seeds, same cells).
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { CellResult, RunRecord } from '@dropout/run-record';
import { validateRunRecord } from '@dropout/run-record';
import { cliRecord } from './helpers/cli-record.js';
import { buildSite, downloaded, launchChromium, openPage, runToEnd, serve, webRoot, type OpenedPage, type Served } from './helpers/site.js';

let browser: Browser;
let served: Served;
let cli: { record: RunRecord; stdout: string };
let web: RunRecord;
let opened: OpenedPage;
let outputText: string;

const cell = <K extends CellResult['kind']>(r: RunRecord, kind: K) => r.cells.find((c) => c.kind === kind) as Extract<CellResult, { kind: K }>;
/** float32 training on wasm32 in two JavaScript engines: equal up to float32 rounding of summation order. */
const F32_REL = 1e-4;

beforeAll(async () => {
  const cliRun = cliRecord(['--dataset', 'mnist', '--epochs', '2', '--backend', 'wasm32', '--no-save-models']);
  await buildSite();
  served = await serve(true);
  browser = await launchChromium();
  opened = await openPage(browser, served, '?epochs=2');
  const status = await runToEnd(opened.page);
  expect(status).toBe('complete');
  const file = await downloaded(opened.page, 'download-record');
  expect(file.name).toMatch(/^\d{8}-\d{6}-web-mnist-record\.json$/);
  web = validateRunRecord(JSON.parse(file.text));
  outputText = await opened.page.evaluate(() => [...document.querySelectorAll('#output pre')].map((p) => p.textContent).join(''));
  mkdirSync(`${webRoot}../../artifacts/web`, { recursive: true });
  await opened.page.screenshot({ path: `${webRoot}../../artifacts/web/notebook-mnist-2-epochs.png`, fullPage: true });
  await opened.page.screenshot({ path: `${webRoot}../../artifacts/web/notebook-top.png`, clip: { x: 0, y: 0, width: 1280, height: 1420 } });
  cli = await cliRun;
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await served?.close();
});

describe('all cells on the embedded MNIST, 2 epochs: the page vs pnpm experiment', () => {
  it('ran in a cross-origin isolated page on wasm32 with threads, and says so', async () => {
    expect(web.backend).toEqual({ requested: 'auto', name: 'wasm32', floatBits: 32 });
    expect(await opened.page.textContent('#backend-info')).toMatch(/Training on wasm32.*cross-origin isolated \(COOP\/COEP headers\).*worker threads/);
    expect(web.config).toMatchObject({ ...cli.record.config, dataset: 'mnist', datasetRequested: 'mnist', dataDir: null, runner: 'web' });
  });

  it('the data and the deterministic cells (cpu64) are identical, line for line', () => {
    expect(web.dataset?.hash).toBe(cli.record.dataset?.hash);
    for (const kind of ['data', 'dropout-forward', 'dropout-backward'] as const) {
      const [w, c] = [cell(web, kind), cell(cli.record, kind)];
      expect(w.status).toBe('done');
      const { durationMs: _a, ...wData } = w;
      const { durationMs: _b, ...cData } = c;
      expect(wData).toEqual(cData);
    }
    expect(cell(web, 'dropout-forward').rows[0]!.trainZeroFraction).toBe(0.749784); // the notebook's printed value
  });

  // Chromium 153's V8 and Node 20's differ in the last bit of Math.exp/log/pow for ~10% of
  // arguments (measured). The initial losses still agree exactly; the centred differences
  // (f(x+h) − f(x−h)) / 2h amplify one ulp of the loss to ~2e-11 in the numerical gradient,
  // i.e. ~1e-7 relative for the smallest entries, so the printed relative errors agree only
  // in size: the notebook's own range (≤ 2.21e-05) and within 1e-5 of the CLI's.
  it('the FC-net gradient checks: identical initial losses, relative errors within rounding noise', () => {
    const [w, c] = [cell(web, 'fc-gradcheck'), cell(cli.record, 'fc-gradcheck')];
    expect(w.status).toBe('done');
    expect(w.runs.map((r) => [r.keepRatio, r.initialLoss])).toEqual(c.runs.map((r) => [r.keepRatio, r.initialLoss]));
    for (const [i, run] of w.runs.entries()) {
      expect(Object.keys(run.relErrors).sort()).toEqual(Object.keys(c.runs[i]!.relErrors).sort());
      for (const [name, e] of Object.entries(run.relErrors)) {
        expect(e).toBeLessThan(1e-4);
        expect(Math.abs(e - c.runs[i]!.relErrors[name]!)).toBeLessThan(1e-5);
      }
    }
  });

  it('the regularization runs agree with the CLI within float32 tolerance', () => {
    const [w, c] = [cell(web, 'regularization'), cell(cli.record, 'regularization')];
    expect(w.runs.map((r) => [r.name, r.status, r.epochsDone, r.iterations])).toEqual(c.runs.map((r) => [r.name, r.status, r.epochsDone, r.iterations]));
    expect(w.runs.map((r) => r.name)).toEqual(['keep 1, seed 231', 'keep 0.25, seed 231']);
    for (const [i, run] of w.runs.entries()) {
      const ref = c.runs[i]!;
      expect(run.lossHistory).toHaveLength(ref.lossHistory.length);
      run.lossHistory.forEach((loss, j) => expect(Math.abs(loss - ref.lossHistory[j]!)).toBeLessThanOrEqual(F32_REL * Math.abs(ref.lossHistory[j]!)));
      // Accuracies are counts over 500 / 1,000 images: equal unless a float32 rounding flips a prediction.
      run.trainAccHistory.forEach((a, j) => expect(Math.abs(a - ref.trainAccHistory[j]!)).toBeLessThanOrEqual(0.004));
      run.valAccHistory.forEach((a, j) => expect(Math.abs(a - ref.valAccHistory[j]!)).toBeLessThanOrEqual(0.002));
    }
  });

  it('prints the lines the CLI prints (regularization lines up to float32 digits)', () => {
    const cliLines = cli.stdout.split('\n');
    const webLines = outputText.split('\n');
    const end = cliLines.findIndex((l) => l.startsWith('Regularization summary'));
    const cliNotebook = cliLines.slice(0, end).filter((l) => !l.startsWith('Data: '));
    const mask = (l: string) => l.replace(/(loss|acc): \d+\.\d+/g, '$1: #').replace(/relative error: \d\.\d\de-\d\d/, 'relative error: #');
    expect(webLines.map(mask).join('\n').trim()).toBe(cliNotebook.map(mask).join('\n').trim());
    expect(webLines).toContain('dx relative error:  5.44560814873387e-11');
  });

  it('drew the report\'s five charts with every epoch of both runs', async () => {
    const charts = await opened.page.$$eval('figure.chart', (figs) => figs.map((f) => [(f as HTMLElement).dataset.chart, (f as HTMLElement).dataset.points, f.querySelectorAll('svg path').length > 0]));
    expect(charts.map((c) => c[0])).toEqual(['train-acc', 'val-acc', 'loss', 'final-acc', 'gap']);
    expect(charts[0]![1]).toBe(String(2 * 3)); // epochs 0, 1, 2 for two keep ratios
    expect(charts[2]![1]).toBe(String(2 * 10)); // 10 iterations per run
    expect(charts.every((c) => c[2])).toBe(true);
  });

  it('the downloaded report is the report renderer\'s page of this record', async () => {
    const report = await downloaded(opened.page, 'download-report');
    expect(report.name).toMatch(/-web-mnist-report\.html$/);
    expect(report.text.startsWith('<!doctype html>')).toBe(true);
    expect(report.text).toContain('This page loads nothing from the network.');
    expect(report.text).toContain('data-chart="val-acc"');
    expect(report.text).not.toContain('id="partial"');
  });

  it('loaded nothing from another origin and logged no errors', () => {
    expect(opened.foreign).toEqual([]);
    expect(opened.errors).toEqual([]);
  });
});
