import { describe, expect, it } from 'vitest';
import { missingParts } from '@dropout/run-record';
import { renderReport } from '../src/render-report.js';
import { cloneRecord, loadFixture } from './load-fixture.js';

const complete = loadFixture('complete');
const page = renderReport([complete]);
/** Text of one section, tags stripped, for content assertions. */
function sectionText(html: string, id: string): string {
  const start = html.indexOf(`<section id="${id}">`);
  expect(start, `section #${id}`).toBeGreaterThan(-1);
  return html.slice(start, html.indexOf('</section>', start)).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
}

describe('renderReport: one section per notebook cell', () => {
  it('has the sections in notebook order, then context', () => {
    const ids = [...page.matchAll(/<section id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids).toEqual(['data', 'dropout-forward', 'dropout-backward', 'fc-gradcheck', 'regularization', 'context']);
  });

  it('prints the data shapes as NumPy does', () => {
    const text = sectionText(page, 'data');
    expect(text).toContain('X_train (8000, 1, 28, 28)');
    expect(text).toContain('y_val (1000,)');
  });

  it('sets the forward statistics beside the notebook\'s printed values, with match badges and the tolerance', () => {
    const text = sectionText(page, 'dropout-forward');
    // The notebook's printed values (spec/dropout-notebook.txt), then this run's (the same up to float rounding).
    for (const v of ['10.000207878477502', '10.014059116977283', '9.977917658761159', '9.987811912159426']) expect(text, v).toContain(v);
    const rows = (complete.cells.find((c) => c.kind === 'dropout-forward') as { rows: Array<{ trainMean: number }> }).rows;
    for (const row of rows) expect(text).toContain(String(row.trainMean));
    for (const v of ['0.749784', '0.600796', '0.30074']) expect(text.split(v).length - 1, v).toBe(2); // this run and the notebook
    const start = page.indexOf('<section id="dropout-forward">');
    const forwardHtml = page.slice(start, page.indexOf('</section>', start));
    expect(forwardHtml.match(/<span class="badge pass">match<\/span>/g)).toHaveLength(15);
    expect(text).not.toContain('differs');
    expect(text).toContain('means within 1e-9 relative');
  });

  it('calls values that differ "differs", and explains it when another RNG stream was used', () => {
    const r = cloneRecord(complete);
    const rows = (r.cells.find((c) => c.kind === 'dropout-forward') as { rows: Array<{ trainMean: number }> }).rows;
    rows[0]!.trainMean = 10.02;
    expect(sectionText(renderReport([r]), 'dropout-forward').match(/differs/g)).toHaveLength(1);
    const sweepText = sectionText(renderReport([loadFixture('sweep')]), 'dropout-forward');
    expect(sweepText).toContain('differs (other RNG)');
    // The forward cell runs on the experiment's float64 gradient-check backend, whatever trains the nets.
    expect(sweepText).toMatch(/means within 1e-9 relative \(64-bit backend cpu64 ?\)/);
    expect(sweepText).toContain('seedrandom');
  });

  it('colours the dx and FC-net relative errors against their thresholds and states the thresholds', () => {
    expect(page).toMatch(/<td class="num rel pass"[^>]*>5\.45e-11<\/td>/);
    expect(sectionText(page, 'dropout-backward')).toContain('Threshold 1e-9');
    // W2 at keep 1 (2.21e-05) is judged against 1e-4; W2 at keep 0.75 (1.30e-06) is just above 1e-6. Printed as the notebook's %.2e.
    expect(page).toMatch(/<td class="num rel pass" title="below threshold \(1e-4\)">2\.21e-05<\/td>/);
    expect(page).toMatch(/<td class="num rel near" title="within 10× of threshold \(1e-6\)">1\.30e-06<\/td>/);
    const r = cloneRecord(complete);
    (r.cells.find((c) => c.kind === 'fc-gradcheck') as { runs: Array<{ relErrors: Record<string, number> }> }).runs[2]!.relErrors.W1 = 3e-3;
    expect(renderReport([r])).toMatch(/<td class="num rel fail"[^>]*>3\.00e-03<\/td>/);
    expect(sectionText(page, 'fc-gradcheck')).toMatch(/1e-6 for every parameter.*W2 at keep ratio 1.*1e-4/);
  });

  it('answers inline question 1 with this run\'s numbers (p × train mean)', () => {
    const trainMean = (complete.cells.find((c) => c.kind === 'dropout-forward') as { rows: Array<{ trainMean: number }> }).rows[0]!.trainMean;
    expect(sectionText(page, 'dropout-backward')).toContain(`the train-time mean would be ${(0.25 * trainMean).toFixed(4)} instead of ${trainMean.toFixed(4)}`);
  });

  it('folds the Solver logs away and answers inline question 2 from the final accuracies', () => {
    expect(page.match(/<details class="log"><summary>Solver log: keep (1\.00|0\.25), seed 231/g)).toHaveLength(2);
    expect(page).toContain('(Iteration 101 / 125) loss:');
    const reg = complete.cells.find((c) => c.kind === 'regularization') as { runs: Array<{ finalTrainAcc: number; finalValAcc: number }> };
    const gap1 = (reg.runs[0]!.finalTrainAcc - reg.runs[0]!.finalValAcc).toFixed(3);
    const gap25 = (reg.runs[1]!.finalTrainAcc - reg.runs[1]!.finalValAcc).toFixed(3);
    const text = sectionText(page, 'regularization');
    expect(text).toContain(`Without dropout (keep 1.00) the final train–val gap is ${gap1}`);
    expect(text).toContain(`with keep 0.25 it is ${gap25}`);
  });

  it('draws the five charts as inline SVG', () => {
    const charts = [...page.matchAll(/<figure class="chart" data-chart="([^"]+)"/g)].map((m) => m[1]);
    expect(charts).toEqual(['train-acc', 'val-acc', 'loss', 'final-acc', 'gap']);
    expect(page.match(/<svg /g)).toHaveLength(5);
  });

  it('gives the context: config, seeds, RNG, backend and float width, dataset, timings, versions, machine', () => {
    const text = sectionText(page, 'context');
    const { dataset, machine, timings, backend } = complete;
    for (const s of ['learningRate 0.0005', 'seeds 231', 'numpy (NumPy-compatible MT19937)', `backend used ${backend.name}`, `float width ${backend.floatBits}-bit`,
      `content hash ${dataset!.hash}`, `total ${(timings.totalMs / 1000).toFixed(1)} s`, '@dropout/optim 0.1.0', `${machine.cpuModel} × ${machine.cpuCount}`]) {
      expect(text).toContain(s);
    }
    // Each run's stepMs is its total over its iterations: the row shows the mean time of one step.
    const runs = (complete.cells.find((c) => c.kind === 'regularization') as { runs: Array<{ iterations: number; timings: { stepMs: number } }> }).runs;
    const perStep = (runs[0]!.timings.stepMs + runs[1]!.timings.stepMs) / (runs[0]!.iterations + runs[1]!.iterations);
    expect(text).toContain(`training step (mean) ${perStep.toFixed(2)} ms per step (250 steps)`);
  });
});

describe('renderReport: partial records', () => {
  const partial = loadFixture('partial');
  const out = renderReport([partial]);
  it('names what is missing in a banner', () => {
    expect(out).toContain('<div class="banner" role="alert" id="partial">');
    expect(out).toContain('This run is partial');
    const banner = out.slice(out.indexOf('id="partial"'), out.indexOf('</div>', out.indexOf('id="partial"')));
    // Each gap once (the interrupted run used to be listed twice, in two wordings).
    expect([...banner.matchAll(/<li>([^<]*)<\/li>/g)].map((m) => m[1])).toEqual([
      'cell regularization (interrupted)',
      'training run keep 0.25, seed 231: interrupted after 11 of 25 epochs',
    ]);
  });
  it('marks the unfinished run and leaves it out of the final-accuracy comparison, saying so', () => {
    expect(out).toContain('partial: 11 of 25 epochs');
    expect(out).toContain('leave out unfinished runs: keep 0.25, seed 231');
    expect(out).toContain('Not enough finished training runs to compare');
  });
  it('names cells that never ran', () => {
    const r = cloneRecord(partial);
    r.cells = r.cells.filter((c) => c.kind !== 'regularization');
    expect(missingParts(r)).toContain('cell regularization (not run)');
    expect(renderReport([r])).toContain('This run did not reach the &quot;regularization&quot; cell.');
  });
  it('renders a run of only some cells (the rest skipped, as the experiment records them) without a dataset identity', () => {
    const r = cloneRecord(complete);
    r.config.cells = ['dropout-forward'];
    r.dataset = null;
    r.cells = r.cells.map((c) => (c.kind === 'dropout-forward' ? c : c.kind === 'regularization' ? { ...c, status: 'skipped', runs: [] } : { ...c, status: 'skipped' }));
    const out = renderReport([r]);
    expect(out.match(/not requested<\/span> The "[a-z-]+" cell was not in this run's --cells\./g)).toHaveLength(4);
    expect(out).not.toContain('<figure class="chart"');
    expect(out).not.toContain('class="banner"');
    expect(out).toContain('mnist (no identity recorded)');
  });

  it('a complete record has no banner', () => {
    expect(page).not.toContain('class="banner"');
  });
});

describe('renderReport: the page itself', () => {
  it('weighs under 1.5 MB for the default experiment (2 keep ratios × 1 seed × 25 epochs, every cell)', () => {
    const bytes = Buffer.byteLength(page, 'utf8');
    expect(bytes).toBeLessThan(1.5 * 1024 * 1024);
    expect(bytes).toBeGreaterThan(20_000); // it really contains the charts
  });

  it('references nothing outside itself: no src, no external href, a CSP that forbids fetching', () => {
    expect(page).not.toMatch(/\ssrc=/i);
    const hrefs = [...page.matchAll(/\shref="([^"]*)"/g)].map((m) => m[1]!);
    expect(hrefs.every((h) => h.startsWith('#') || h === 'data:,')).toBe(true);
    // The only URLs are SVG namespace names and the Apache licence header of ECharts' client script.
    const urls = [...page.matchAll(/https?:\/\/[^\s"'<>)]+/g)].map((m) => m[0]);
    expect(new Set(urls)).toEqual(new Set(['http://www.w3.org/2000/svg', 'http://www.w3.org/1999/xlink', 'http://www.apache.org/licenses/LICENSE-2.0']));
    expect(page).not.toMatch(/@import|url\((?!#)/);
    expect(page).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'sha256-[A-Za-z0-9+/=]+';/);
  });

  it('supports light and dark colour schemes', () => {
    expect(page).toContain('@media (prefers-color-scheme:dark)');
    expect(page).toContain('.chart [fill="#2f343b"]{fill:#d9dce1}');
  });

  it('is deterministic: the same records give the same page', () => {
    expect(renderReport([complete])).toBe(page);
  });

  it('compares several records side by side: a context column and chart series per run', () => {
    const both = renderReport([complete, loadFixture('sweep')]);
    expect(both).toMatch(/<thead><tr><th><\/th><th scope="col">complete<\/th><th scope="col">sweep<\/th><\/tr><\/thead>/);
    expect(both).toContain('data-chart="train-acc" data-series-count="6"');
    expect(both).toContain('sweep · keep 0.75');
  });

  it('refuses an empty list of records', () => {
    expect(() => renderReport([])).toThrow(/at least one run record/);
  });

  it('matches the committed snapshot of the complete fixture\'s report', async () => {
    await expect(page).toMatchFileSnapshot('./__snapshots__/complete-report.html');
  });
});
