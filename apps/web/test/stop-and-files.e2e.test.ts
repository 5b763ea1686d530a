// The production build in headless Chromium: Stop mid-training, a record dropped on the page,
// CIFAR-10 files from the reader's disk, a wrong file, and a plain static host (no COOP/COEP).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { validateRunRecord } from '@dropout/run-record';
import { writeLearnableCifarFolder } from '@dropout/data/testing';
import type { Page } from 'playwright-core';
import { buildSite, downloaded, launchChromium, openPage, runToEnd, serve, type Served } from './helpers/site.js';

/** Chooses files with the page's file input and returns the data status message they led to. */
async function choose(page: Page, files: string | string[]): Promise<string> {
  await page.evaluate(() => (document.getElementById('data-status')!.textContent = ''));
  await page.setInputFiles('#file-input', files);
  await page.waitForFunction(() => (document.getElementById('data-status')!.textContent ?? '') !== '');
  return (await page.textContent('#data-status'))!;
}

/** `<name>/cifar-10-binary.tar.gz`: a small archive in the official binary layout (cifar-10-batches-bin/…), made with tar. */
function cifarArchive(name: string, perBatch: number): string {
  const root = join(tmp, name);
  writeLearnableCifarFolder(root, perBatch);
  const archive = join(root, 'cifar-10-binary.tar.gz');
  execFileSync('tar', ['-czf', archive, '-C', root, 'cifar-10-batches-bin']);
  return archive;
}

let browser: Browser;
let isolated: Served;
let plain: Served;
const tmp = mkdtempSync(join(tmpdir(), 'dropout-web-files-'));

beforeAll(async () => {
  await buildSite();
  [isolated, plain] = await Promise.all([serve(true), serve(false)]);
  browser = await launchChromium();
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await isolated?.close();
  await plain?.close();
});

describe('Stop', () => {
  it('mid-training keeps what finished, marks the record partial, and its report names what is missing', async () => {
    const { page, errors } = await openPage(browser, isolated, '?cells=dropout-forward,regularization&epochs=25');
    await page.click('#start');
    // Stop once the first net has finished its first epoch (the progress text says epoch 1/25).
    await page.waitForFunction(() => /epoch [1-9]\d*\/25/.test(document.querySelector('#progress')?.textContent ?? ''), null, { timeout: 300_000 });
    await page.click('#stop');
    await page.waitForSelector('body[data-run-status]', { timeout: 120_000 });
    expect(await page.getAttribute('body', 'data-run-status')).toBe('partial');
    expect(await page.textContent('#run-status')).toMatch(/^Run partial\. Kept what finished; missing: .*training run/);
    expect(await page.textContent('#progress')).toContain('stopped');
    const file = await downloaded(page, 'download-record');
    const record = validateRunRecord(JSON.parse(file.text));
    expect(record.status).toBe('partial');
    expect(record.finishedAt).not.toBeNull();
    const [forward, reg] = record.cells;
    expect(forward!.status).toBe('done');
    expect(reg!.status).toBe('interrupted');
    if (reg!.kind !== 'regularization') throw new Error(reg!.kind);
    expect(reg!.runs).toHaveLength(1);
    expect(reg!.runs[0]).toMatchObject({ name: 'keep 1, seed 231', status: 'partial' });
    expect(reg!.runs[0]!.epochsDone).toBeGreaterThanOrEqual(1);
    expect(reg!.runs[0]!.epochsDone).toBeLessThan(25);
    expect(record.missing).toEqual(expect.arrayContaining([expect.stringContaining('keep 1, seed 231')]));

    const report = await downloaded(page, 'download-report');
    expect(report.text).toContain('id="partial"');
    expect(report.text).toMatch(/training run keep 1, seed 231: interrupted after \d+ of 25 epochs/);
    expect(report.text).toContain('Regularization Experiment');
    expect(errors).toEqual([]);

    // The record dropped (chosen) on a fresh page is shown as its report, rendered in the page.
    const recordPath = join(tmp, 'record.json');
    writeFileSync(recordPath, file.text);
    const viewer = await openPage(browser, isolated);
    await viewer.page.setInputFiles('#file-input', recordPath);
    await viewer.page.waitForSelector('#report-section:not([hidden])');
    const frame = viewer.page.frameLocator('#report-frame');
    await expect(frame.locator('#partial').textContent()).resolves.toMatch(/This run is partial.*keep 1, seed 231/s);
    expect(await frame.locator('figure.chart[data-chart="val-acc"] svg').count()).toBe(1);
    expect(viewer.errors).toEqual([]);
    expect(viewer.foreign).toEqual([]);

    // The same record dragged and dropped onto the drop zone (a real drop event with a File).
    const dropped = await openPage(browser, isolated);
    await dropped.page.evaluate((text) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], 'record.json', { type: 'application/json' }));
      document.getElementById('drop-zone')!.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    }, file.text);
    await dropped.page.waitForSelector('#report-section:not([hidden])');
    expect(await dropped.page.textContent('#data-status')).toBe('Showing the report of record.json.');
  });
});

describe('files from the reader\'s disk', () => {
  it('a wrong file and a truncated batch get clear messages and the page keeps working', async () => {
    const { page, errors } = await openPage(browser, isolated, '?cells=data,regularization&epochs=1&num-train=100');
    const notRecord = join(tmp, 'notes.json');
    writeFileSync(notRecord, '{"hello": 1}');
    expect(await choose(page, notRecord)).toMatch(/^notes\.json is not a valid run record: .*schemaVersion/);

    const dir = writeLearnableCifarFolder(join(tmp, 'short'), 10);
    const files = readdirSync(dir).filter((f) => f.endsWith('.bin')).map((f) => join(dir, f));
    const broken = join(dir, 'data_batch_3.bin');
    writeFileSync(broken, readFileSync(broken).subarray(0, 3073 * 4 + 100)); // cut inside a record
    expect(await choose(page, files)).toMatch(/data_batch_3\.bin.*3073/);
    expect(await page.getAttribute('#data-status', 'class')).toBe('error');
    // Still usable: a small MNIST run goes through.
    // A truncated archive (cut mid-stream): its MD5 is not the official one and it cannot be unpacked.
    const archive = cifarArchive('cut', 10);
    const cut = join(tmp, 'cifar-10-binary.tar.gz');
    writeFileSync(cut, readFileSync(archive).subarray(0, Math.floor(readFileSync(archive).length / 2)));
    expect(await choose(page, cut)).toMatch(/^cifar-10-binary\.tar\.gz is not the official CIFAR-10 archive \(MD5 differs from [0-9a-f]{32} binary.*\) and cannot be read: .*(truncated|gzip|end)/i);
    expect(await runToEnd(page)).toBe('complete');
    expect(errors).toEqual([]);
  });

  it('the extracted binary batch files are read and CIFAR-10 becomes the chosen data', async () => {
    const { page, errors } = await openPage(browser, isolated, '?num-val=10&num-test=6');
    const dir = writeLearnableCifarFolder(join(tmp, 'batches'), 10);
    expect(await choose(page, readdirSync(dir).filter((f) => f.endsWith('.bin')).map((f) => join(dir, f)))).toBe(
      'CIFAR-10 ready: 50 training and 10 test images, from the binary batch files.');
    expect(await page.isChecked('#dataset-cifar')).toBe(true);
    expect(errors).toEqual([]);
  });

  it('a CIFAR-10 archive generated in the official binary format (not the official file) trains, said to be unverified', async () => {
    const { page, errors, foreign } = await openPage(browser, isolated, '?cells=data,regularization,mc-dropout&epochs=2&num-train=20&num-val=10&num-test=6&batch-size=10');
    expect(await choose(page, cifarArchive('cifar', 10))).toMatch(
      /^CIFAR-10 ready: 50 training and 10 test images, from cifar-10-binary\.tar\.gz: not the official archive \(its MD5 is neither of the official sums/);
    expect(await page.isChecked('#dataset-cifar')).toBe(true);
    expect(await runToEnd(page)).toBe('complete');
    const record = validateRunRecord(JSON.parse((await downloaded(page, 'download-record')).text));
    expect(record.config.dataset).toBe('cifar10');
    expect(record.dataset?.name).toBe('CIFAR-10');
    expect(record.dataset?.source).toBe('cifar-10-binary.tar.gz (not the official archive: MD5 differs)');
    const data = record.cells[0]!;
    if (data.kind !== 'data') throw new Error(data.kind);
    expect(data.shapes).toEqual({ X_train: [40, 3, 32, 32], y_train: [40], X_val: [10, 3, 32, 32], y_val: [10], X_test: [6, 3, 32, 32], y_test: [6] });
    const reg = record.cells[1]!;
    if (reg.kind !== 'regularization') throw new Error(reg.kind);
    expect(reg.runs.map((r) => [r.status, r.iterations])).toEqual([['complete', 4], ['complete', 4]]);
    // The mc-dropout cell (beyond the notebook, asked for here) uses the nets the page just trained.
    const mc = record.cells[2]!;
    if (mc.kind !== 'mc-dropout') throw new Error(mc.kind);
    expect(mc.status).toBe('done');
    expect(mc.numImages).toBe(10);
    expect(mc.nets).toHaveLength(2);
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
  });
});

describe('a plain static host (no COOP/COEP headers)', () => {
  it('runs wasm32 on one thread and says why; every control is labelled and the keyboard starts the run', async () => {
    const { page, errors } = await openPage(browser, plain, '?cells=dropout-backward,regularization&epochs=1&num-train=100');
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(false);
    const unlabelled = await page.$$eval('#controls input, #controls select, #controls button', (els) =>
      els.filter((e) => (e as HTMLInputElement).labels?.length === 0 && !e.getAttribute('aria-label') && !(e.textContent ?? '').trim()).map((e) => e.id || e.outerHTML));
    expect(unlabelled).toEqual([]);
    await page.evaluate(() => delete document.body.dataset.runStatus);
    await page.focus('#start');
    await page.keyboard.press('Enter');
    await page.waitForSelector('body[data-run-status]', { timeout: 300_000 });
    expect(await page.getAttribute('body', 'data-run-status')).toBe('complete');
    expect(await page.textContent('#backend-info')).toMatch(/not cross-origin isolated \(no COOP\/COEP headers\), so wasm32 runs one thread/);
    const record = validateRunRecord(JSON.parse((await downloaded(page, 'download-record')).text));
    expect(record.backend).toEqual({ requested: 'auto', name: 'wasm32', floatBits: 32 });
    expect(errors).toEqual([]);
  });
});
