// Opens the built test page for one backend in headless Chromium and returns what it reports.
import { browserCapabilities } from '@dropout/chromium';

/**
 * @param {import('playwright-core').Browser} browser
 * @param {string} origin  where servePage serves dist/
 * @param {{ backend: string, suites?: string[], csp?: string, timeoutMs?: number }} options
 */
export async function runPage(browser, origin, { backend, suites, csp, timeoutMs = 600_000 }) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (msg) => { if (msg.type() === 'error') problems.push(`console: ${msg.text()}`); });
  try {
    const query = new URLSearchParams({ backend, ...(suites ? { suites: suites.join(',') } : {}), ...(csp ? { csp: '1' } : {}) });
    await page.goto(`${origin}/?${query}`);
    await page.waitForFunction(() => window.__done, null, { timeout: timeoutMs, polling: 250 });
    const done = await page.evaluate(() => window.__done);
    const capabilities = await browserCapabilities(page);
    return { ...done, capabilities, problems };
  } finally {
    await context.close();
  }
}
