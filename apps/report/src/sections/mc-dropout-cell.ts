import type { RunRecord } from '@dropout/run-record';
import { renderChart } from '../charts.js';
import { html, type SafeHtml } from '../escape.js';
import { keepLabel } from '../series.js';
import { acc, cellNotice, perRecord, section } from './common.js';
import { groupValue, mcDropoutCell, mcDropoutChartSpecs, mcKeepGroups, type McDropoutCell } from './mc-dropout-series.js';

const pts = (x: number) => `${(100 * Math.abs(x)).toFixed(1)} points`;
const f3 = (x: number | null | undefined) => (x === null || x === undefined ? '—' : x.toFixed(3));

/**
 * What the mc-dropout numbers say, in the style of the inline-question answers: MC T = max
 * against the deterministic prediction (saying so plainly when it is less accurate),
 * calibration against keep 1, and whether the predictive entropy singles out the mistakes.
 * @example
 *   mcDropoutReading(record); // "With keep 0.25, the mean of 50 passes is at least as accurate …"
 */
export function mcDropoutReading(record: RunRecord): SafeHtml {
  const cell = mcDropoutCell(record);
  if (!cell || cell.nets.length === 0) return html`<p>No Monte Carlo results in this run.</p>`;
  const groups = mcKeepGroups(cell);
  const tMax = Math.max(...cell.samples);
  const base = groups.find((g) => g.keepRatio === 1);
  const baseEce = base ? groupValue(base, 0, (p) => p.ece) : null;
  const dropout = groups.filter((g) => g.keepRatio < 1);
  if (dropout.length === 0) return html`<p>Every net in this run has keep 1 (no dropout), so there is nothing to sample: Monte Carlo dropout needs a keep ratio below 1.</p>`;
  const parts = dropout.map((g) => {
    const seeds = g.seeds.length > 1 ? ` (means over ${g.seeds.length} seeds)` : '';
    const det = groupValue(g, 0, (p) => p.accuracy)!.mean;
    const mc = groupValue(g, tMax, (p) => p.accuracy)?.mean;
    const one = groupValue(g, 1, (p) => p.accuracy)?.mean;
    const eceDet = groupValue(g, 0, (p) => p.ece)!.mean;
    const eceMc = groupValue(g, tMax, (p) => p.ece)?.mean;
    const hRight = groupValue(g, tMax, (p) => p.entropyCorrect)?.mean;
    const hWrong = groupValue(g, tMax, (p) => p.entropyWrong)?.mean;
    if (mc === undefined || eceMc === undefined) return html`<p>${keepLabel(g.keepRatio)}: the Monte Carlo passes did not finish.</p>`;
    const accuracyText = mc >= det
      ? html`the mean of ${tMax} stochastic passes is at least as accurate as the deterministic (inverted-dropout) prediction: <strong>${acc(mc)}</strong> against ${acc(det)}${mc > det ? ` (+${pts(mc - det)})` : ''}`
      : html`the mean of ${tMax} stochastic passes is <strong>less accurate</strong> than the deterministic (inverted-dropout) prediction: <strong>${acc(mc)}</strong> against ${acc(det)} (−${pts(det - mc)}), so on this run Monte Carlo averaging costs accuracy`;
    const oneText = one !== undefined && one < det ? ` A single stochastic pass (T = 1) reaches only ${acc(one)}: one thinned net is a worse predictor than the weight-scaled one, and averaging passes closes that gap.` : '';
    const eceText = eceMc < eceDet
      ? `Calibration improves: the expected calibration error falls from ${f3(eceDet)} to ${f3(eceMc)}`
      : `Calibration does not improve: the expected calibration error goes from ${f3(eceDet)} to ${f3(eceMc)}`;
    const baseText = baseEce ? ` (the net without dropout, keep 1, has ${f3(baseEce.mean)})` : '';
    const hText = hRight !== undefined && hWrong !== undefined
      ? hWrong > hRight
        ? ` The wrong predictions carry more predictive entropy than the correct ones (${f3(hWrong)} against ${f3(hRight)} nats), so the spread of the passes flags the likely mistakes.`
        : ` The wrong predictions do not carry more predictive entropy than the correct ones (${f3(hWrong)} against ${f3(hRight)} nats), so here the uncertainty does not single out the mistakes.`
      : '';
    return html`<p>With ${keepLabel(g.keepRatio)}${seeds}, ${accuracyText}.${oneText} ${eceText}${baseText}.${hText}</p>`;
  });
  return html`${parts}`;
}

function table(cell: McDropoutCell): SafeHtml {
  const rows = cell.nets.flatMap((n) => n.predictions.map((p) => ({ n, p })));
  return html`<table class="runs"><thead><tr><th>net</th><th>prediction</th><th>accuracy</th><th>ECE</th><th>mean confidence</th><th>entropy, correct</th><th>entropy, wrong</th><th>mean per-class spread</th></tr></thead>
<tbody>${rows.map(({ n, p }) => html`<tr><td>${n.run}</td><td>${p.samples === 0 ? 'deterministic' : `MC mean, T = ${p.samples}`}</td><td class="num">${acc(p.accuracy)}</td><td class="num">${f3(p.ece)}</td>
<td class="num">${f3(p.meanConfidence)}</td><td class="num">${f3(p.entropyCorrect)}</td><td class="num">${f3(p.entropyWrong)}</td><td class="num">${p.samples === 0 ? '—' : f3(p.meanStd)}</td></tr>`)}</tbody></table>`;
}

/** Whether any record asked for or ran the mc-dropout cell (the section is left out otherwise, as the notebook has none). */
export function hasMcDropout(records: RunRecord[]): boolean {
  return records.some((r) => r.config.cells.includes('mc-dropout') || mcDropoutCell(r) !== undefined);
}

/** The Monte Carlo dropout section: per record the charts, the table and the reading. */
export function mcDropoutSection(records: RunRecord[]): SafeHtml {
  if (!hasMcDropout(records)) return html``;
  const body = perRecord(records, (record) => {
    const cell = mcDropoutCell(record);
    const specs = mcDropoutChartSpecs(record);
    const charts = specs.map((spec) => renderChart({ ...spec, id: records.length > 1 ? `${spec.id}-${records.indexOf(record)}` : spec.id }));
    return html`${cellNotice(record, 'mc-dropout', cell)}${specs.length ? html`<div class="charts">${charts}</div>` : ''}${cell?.nets.length ? table(cell) : ''}
<div class="question"><h3>What the numbers say</h3><p class="q">Does keeping dropout on at test time and averaging T passes (Gal &amp; Ghahramani, 2016) predict better, or better calibrated, than the deterministic net, and does its uncertainty point at the mistakes?</p>${mcDropoutReading(record)}</div>`;
  });
  const cell = records.map(mcDropoutCell).find((c) => c && c.nets.length);
  const intro = cell
    ? `Beyond the notebook: each trained net on the ${cell.numImages} validation images, predicted deterministically (dropout off, inverted-dropout scaling) and as the mean of T = ${cell.samples.join(', ')} stochastic passes with dropout on (masks seeded with ${cell.seed}). The nets are the ones the Solver leaves, with its best-validation parameters, so the deterministic accuracy is the run's best val accuracy. ECE: expected calibration error over ${cell.numBins} equal-width confidence bins; entropy in nats (at most ln 10 ≈ 2.303 for 10 classes).`
    : 'Beyond the notebook: Monte Carlo dropout on the regularization cell\'s nets.';
  return section('mc-dropout', 'Monte Carlo dropout: uncertainty and calibration', intro, body);
}
