// Builds the production site once (Vite, default minifier) and serves it on 127.0.0.1 the way
// `pnpm web` does (COOP/COEP) or as a plain static host; opens pages in headless Chromium.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { launchChromium } from '@dropout/chromium';
import type { Browser, Page } from 'playwright-core';
// @ts-expect-error: a plain .mjs script without types
import { serveSite } from '../../scripts/serve.mjs';

export const webRoot = fileURLToPath(new URL('../../', import.meta.url));
export const distDir = `${webRoot}dist`;

let built: Promise<unknown> | null = null;
/** `vite build` of apps/web (production mode), once per test process. */
export function buildSite(): Promise<unknown> {
  built ??= build({ root: webRoot, logLevel: 'warn', mode: 'production' });
  return built;
}

export interface Served {
  url: string;
  close(): Promise<void>;
}

export function serve(isolated: boolean): Promise<Served> {
  return serveSite({ dir: distDir, port: 0, isolated }) as Promise<Served>;
}

export interface OpenedPage {
  page: Page;
  /** Requests to anything but the site's origin (and blob:/data:). */
  foreign: string[];
  /** Console errors and uncaught exceptions. */
  errors: string[];
}

export async function openPage(browser: Browser, served: Served, query = ''): Promise<OpenedPage> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1600 }, acceptDownloads: true });
  const page = await context.newPage();
  const foreign: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(served.url) && !u.startsWith('blob:') && !u.startsWith('data:') && u !== 'about:srcdoc') foreign.push(u);
  });
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${served.url}${query}`);
  await page.waitForSelector('body[data-ready=true]');
  return { page, foreign, errors };
}

/** Clicks Start and waits until the run ends (body[data-run-status] set). */
export async function runToEnd(page: Page, timeoutMs = 600_000): Promise<string> {
  await page.evaluate(() => delete document.body.dataset.runStatus);
  await page.click('#start');
  await page.waitForSelector('body[data-run-status]', { timeout: timeoutMs });
  return (await page.getAttribute('body', 'data-run-status'))!;
}

/** Clicks a download button and returns the downloaded file's name and text. */
export async function downloaded(page: Page, buttonId: string): Promise<{ name: string; text: string; path: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(`#${buttonId}`)]);
  const path = await download.path();
  return { name: download.suggestedFilename(), text: readFileSync(path, 'utf8'), path };
}

export { launchChromium };
