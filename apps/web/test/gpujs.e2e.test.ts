// The production build in headless Chromium (WebGL2 on SwiftShader): the regularization
// experiment on gpujs:webgl2 against the same run on wasm32, first losses within float32 tolerance.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { validateRunRecord, type RunRecord, type TrainingRun } from '@dropout/run-record';
import { buildSite, downloaded, launchChromium, openPage, runToEnd, serve, type Served } from './helpers/site.js';

let browser: Browser;
let served: Served;
const QUERY = '?cells=regularization&epochs=1&num-train=200';

beforeAll(async () => {
  await buildSite();
  served = await serve(true);
  browser = await launchChromium();
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await served?.close();
});

async function run(backend: string): Promise<{ record: RunRecord; tolerance: { rtol: number; atol: number }; info: string; errors: string[] }> {
  const { page, errors, foreign } = await openPage(browser, served, `${QUERY}&backend=${backend}`);
  const offered = await page.$eval(`#backend option[value="${backend}"]`, (o) => !(o as HTMLOptionElement).disabled);
  expect(offered, `${backend} is offered in this browser`).toBe(true);
  expect(await runToEnd(page)).toBe('complete');
  const record = validateRunRecord(JSON.parse((await downloaded(page, 'download-record')).text));
  expect(foreign).toEqual([]);
  return { record, tolerance: JSON.parse((await page.getAttribute('body', 'data-backend-tolerance'))!), info: (await page.textContent('#backend-info'))!, errors };
}

const runs = (r: RunRecord): TrainingRun[] => (r.cells[0]!.kind === 'regularization' ? r.cells[0]!.runs : []);

describe('GPU backends offered only where the browser has them', () => {
  it('gpujs:webgpu is enabled exactly when the page gets a WebGPU adapter, and says why when not', async () => {
    const { page } = await openPage(browser, served);
    const adapter = await page.evaluate(async () => Boolean(await (navigator as { gpu?: { requestAdapter(): Promise<unknown> } }).gpu?.requestAdapter()));
    const option = await page.$eval('#backend option[value="gpujs:webgpu"]', (o) => ({ disabled: (o as HTMLOptionElement).disabled, text: o.textContent }));
    expect(option.disabled).toBe(!adapter);
    if (!adapter) expect(option.text).toMatch(/not available: this browser has no WebGPU adapter/);
    const webgl2 = await page.$eval('#backend option[value="gpujs:webgl2"]', (o) => (o as HTMLOptionElement).disabled);
    expect(webgl2).toBe(false); // SwiftShader gives this Chromium WebGL2
  });
});

describe('gpujs:webgl2 in the page', () => {
  it('trains both nets with first losses within float32 tolerance of wasm32', async () => {
    const gpu = await run('gpujs:webgl2');
    const cpu = await run('wasm32');
    expect(gpu.record.backend).toEqual({ requested: 'gpujs:webgl2', name: 'gpujs:webgl2', floatBits: 32 });
    expect(gpu.info).toMatch(/Training on gpujs:webgl2.*asked for gpujs:webgl2/);
    const [g, c] = [runs(gpu.record), runs(cpu.record)];
    expect(g.map((r) => [r.name, r.status, r.iterations])).toEqual(c.map((r) => [r.name, r.status, r.iterations]));
    const { rtol, atol } = gpu.tolerance;
    for (const [i, r] of g.entries()) {
      const [x, y] = [r.lossHistory[0]!, c[i]!.lossHistory[0]!];
      expect(Math.abs(x - y), `${r.name}: first loss ${x} vs wasm32 ${y}`).toBeLessThanOrEqual(atol + rtol * Math.abs(y));
    }
    expect(gpu.errors).toEqual([]);
  });
});
