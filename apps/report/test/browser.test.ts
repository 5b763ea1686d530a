// Opens generated reports in headless Chromium (@dropout/chromium, driven by playwright-core) and checks
// what a reader gets: no console errors, no network requests, one series per keep ratio with
// one point per epoch in each accuracy chart, working tooltips; writes screenshots to
// <repo>/artifacts/ for people to look at. The Chromium is the one inside the @sparticuz/chromium
// npm package (or CHROMIUM_PATH), so no system install is needed.
import { chromiumLaunchOptions } from '@dropout/chromium';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReport } from '../src/render-report.js';
import { regularizationCell } from '../src/series.js';
import { loadFixture } from './load-fixture.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const artifacts = join(repoRoot, 'artifacts');
export const screenshotPath = join(artifacts, 'report-screenshot.png');

const complete = loadFixture('complete');
const sweep = loadFixture('sweep');
const pages: Record<string, string> = { '/complete.html': renderReport([complete]), '/sweep.html': renderReport([sweep]) };

let server: Server;
let origin: string;
let context: BrowserContext;
let profile: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const body = pages[req.url ?? ''];
    res.writeHead(body ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
    res.end(body ?? 'not found');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  profile = mkdtempSync(join(tmpdir(), 'dropout-report-chromium-'));
  const { glPath: _, ...launch } = await chromiumLaunchOptions();
  context = await chromium.launchPersistentContext(profile, { ...launch, viewport: { width: 1280, height: 900 } });
});

afterAll(async () => {
  await context?.close();
  await new Promise((done) => (server ? server.close(done) : done(undefined)));
  if (profile) rmSync(profile, { recursive: true, force: true });
});

/** Opens a report, recording console errors, page errors and every request (anything but the page fails). */
async function open(path: string): Promise<{ page: Page; problems: string[]; requests: string[] }> {
  const page = await context.newPage();
  const problems: string[] = [];
  const requests: string[] = [];
  const url = origin + path;
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => requests.push(r.url()));
  await page.route('**/*', (route) => (route.request().url() === url ? route.continue() : route.abort()));
  const response = await page.goto(url, { waitUntil: 'load' });
  expect(response?.status()).toBe(200);
  return { page, problems, requests };
}

/** Per chart: the legend names and, per ECharts series index, how many data points it drew. */
async function seriesInChart(page: Page, chartId: string): Promise<{ legend: string[]; points: Record<string, number> }> {
  return page.$eval(`figure[data-chart="${chartId}"]`, (figure) => {
    const points: Record<string, number> = {};
    for (const el of Array.from(figure.querySelectorAll('svg [ecmeta_ssr_type="chart"]'))) {
      const i = el.getAttribute('ecmeta_series_index')!;
      points[i] = (points[i] ?? 0) + 1;
    }
    const legend = Array.from(figure.querySelectorAll('ul.legend li')).map((el) => el.textContent ?? '');
    return { legend, points };
  });
}

describe('the report in headless Chromium', () => {
  it('default experiment: no console errors, no requests, one series per keep ratio with one point per epoch; screenshot', async () => {
    const { page, problems, requests } = await open('/complete.html');
    for (const chart of ['train-acc', 'val-acc']) {
      const { legend, points } = await seriesInChart(page, chart);
      expect(legend, chart).toEqual(['keep 1.00', 'keep 0.25']);
      expect(Object.values(points), chart).toEqual([26, 26]); // epochs 0..25
    }
    // Hovering a point shows its exact value.
    const run = regularizationCell(complete)!.runs[1]!;
    await page.hover('figure[data-chart="val-acc"] [ecmeta_series_index="1"][ecmeta_data_index="13"]');
    await expect.poll(() => page.textContent('#chart-tip')).toBe(`keep 0.25\nEpoch 13\nAccuracy ${run.valAccHistory[13]}`);
    expect(await page.isVisible('#chart-tip')).toBe(true);

    mkdirSync(artifacts, { recursive: true });
    await page.mouse.move(0, 0);
    await page.screenshot({ path: screenshotPath, fullPage: true });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: join(artifacts, 'report-screenshot-dark.png'), fullPage: true });
    expect(existsSync(screenshotPath)).toBe(true);
    expect(problems).toEqual([]);
    expect(requests).toEqual([`${origin}/complete.html`]);
    await page.close();
  });

  it('sweep over 3 seeds: one mean line per keep ratio (bands add no points), tooltips give the seed spread', async () => {
    const { page, problems, requests } = await open('/sweep.html');
    for (const chart of ['train-acc', 'val-acc']) {
      const { legend, points } = await seriesInChart(page, chart);
      expect(legend, chart).toEqual(['keep 1.00', 'keep 0.75', 'keep 0.50', 'keep 0.25']);
      expect(Object.values(points), chart).toEqual([9, 9, 9, 9]);
    }
    const runs = regularizationCell(sweep)!.runs.filter((r) => r.keepRatio === 0.5).map((r) => r.trainAccHistory[5]!);
    // Series index 8 = third keep ratio (each keep ratio is band-low, band-high, mean line).
    await page.hover('figure[data-chart="train-acc"] [ecmeta_series_index="8"][ecmeta_data_index="5"]');
    const tip = (await page.textContent('#chart-tip'))!;
    expect(tip).toContain('keep 0.50\nEpoch 5\n');
    expect(tip).toContain(`(mean of 3 seeds)\nmin ${Math.min(...runs)}, max ${Math.max(...runs)}`);
    await page.screenshot({ path: join(artifacts, 'report-screenshot-sweep.png'), fullPage: true });
    expect(problems).toEqual([]);
    expect(requests).toEqual([`${origin}/sweep.html`]);
    await page.close();
  });
});
