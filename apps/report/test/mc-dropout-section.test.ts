import { describe, expect, it } from 'vitest';
import { renderReport } from '../src/index.js';
import { mcDropoutChartSpecs } from '../src/sections/mc-dropout-series.js';
import { mcDropoutReading } from '../src/sections/mc-dropout-cell.js';
import { cloneRecord, loadFixture } from './load-fixture.js';

const text = (page: string) => page.replace(/<svg[\s\S]*?<\/svg>/g, '').replace(/<script[\s\S]*?<\/script>/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const mc = loadFixture('mc-dropout');
const section = (page: string) => page.slice(page.indexOf('<section id="mc-dropout">'), page.indexOf('</section>', page.indexOf('<section id="mc-dropout">')));

describe('Monte Carlo dropout section', () => {
  it('is left out of a report whose runs did not ask for it', () => {
    const page = renderReport([loadFixture('complete')]);
    expect(page).not.toContain('id="mc-dropout"');
    expect(page).not.toContain('href="#mc-dropout"');
  });

  it('draws accuracy and ECE against T, the reliability diagram and the entropy histograms', () => {
    const page = renderReport([mc]);
    expect(page).toContain('href="#mc-dropout"');
    const html = section(page);
    for (const id of ['mc-accuracy', 'mc-ece', 'mc-reliability', 'mc-entropy']) expect(html).toContain(`data-chart="${id}"`);
    expect(html.match(/<svg /g)).toHaveLength(4);
    const [accuracy, , reliability] = mcDropoutChartSpecs(mc);
    const mcLine = accuracy!.series.find((s) => s.name === 'keep 0.25 · MC mean over T')!;
    const cell = mc.cells.find((c) => c.kind === 'mc-dropout')!;
    if (cell.kind !== 'mc-dropout') throw new Error(cell.kind);
    const net = cell.nets.find((n) => n.keepRatio === 0.25)!;
    expect(mcLine.points.map((p) => [p.x, p.mean])).toEqual(net.predictions.slice(1).map((p) => [p.samples, p.accuracy]));
    // Pooled over one seed, the reliability points are the bins themselves.
    const det = reliability!.series.find((s) => s.name === 'keep 0.25 · deterministic')!;
    expect(det.points.map((p) => p.mean)).toEqual(net.predictions[0]!.reliability.filter((b) => b.count > 0).map((b) => b.accuracy));
  });

  it("says so when the MC mean over T = 50 is less accurate than the deterministic prediction (this real run's case)", () => {
    const reading = text(mcDropoutReading(mc).value);
    expect(reading).toMatch(/the mean of 50 stochastic passes is less accurate than the deterministic \(inverted-dropout\) prediction: 0\.841 against 0\.844 \(−0\.3 points\)/);
    expect(reading).toMatch(/expected calibration error falls from 0\.128 to 0\.026 \(the net without dropout, keep 1, has 0\.158\)/);
    expect(reading).toMatch(/wrong predictions carry more predictive entropy than the correct ones \(0\.981 against 0\.371 nats\)/);
  });

  it('says the MC mean is at least as accurate when it is, and reads calibration that got worse', () => {
    const record = cloneRecord(mc);
    const cell = record.cells.find((c) => c.kind === 'mc-dropout')!;
    if (cell.kind !== 'mc-dropout') throw new Error(cell.kind);
    const p50 = cell.nets.find((n) => n.keepRatio === 0.25)!.predictions.at(-1)!;
    p50.accuracy = 0.85;
    p50.ece = 0.2;
    const reading = text(mcDropoutReading(record).value);
    expect(reading).toMatch(/is at least as accurate as the deterministic \(inverted-dropout\) prediction: 0\.850 against 0\.844 \(\+0\.6 points\)/);
    expect(reading).toMatch(/Calibration does not improve: the expected calibration error goes from 0\.128 to 0\.200/);
  });

  it('names a failed mc-dropout cell', () => {
    const record = cloneRecord(mc);
    const cell = record.cells.find((c) => c.kind === 'mc-dropout')!;
    Object.assign(cell, { status: 'failed', error: 'fast backend: worker did not finish', nets: [] });
    const html = text(section(renderReport([record])));
    expect(html).toMatch(/The cell "Monte Carlo Dropout: Uncertainty and Calibration" is failed\. fast backend: worker did not finish/);
    expect(html).toContain('No Monte Carlo results in this run.');
  });
});
