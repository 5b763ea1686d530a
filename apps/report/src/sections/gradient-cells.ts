import type { GradCheckRun, RunRecord } from '@dropout/run-record';
import { html, type SafeHtml } from '../escape.js';
import { dxThreshold, gradThreshold, meanTolerance, notebookDxRelError, notebookGradCheck, verdict } from '../notebook-reference.js';
import { inlineQuestion1 } from './forward-cell.js';
import { badge, cellNotice, exp2, findCell, num, perRecord, section } from './common.js';

const verdictText = { pass: 'below threshold', near: 'within 10× of threshold', fail: 'above threshold' } as const;

/** A relative error cell coloured by its verdict against `threshold`. */
function relErrorCell(value: number, threshold: number): SafeHtml {
  const v = verdict(value, threshold);
  return html`<td class="num rel ${v}" title="${verdictText[v]} (${threshold.toExponential(0)})">${exp2(value)}</td>`;
}

const legend = html`<p class="note">Colours: <span class="rel pass">below the threshold</span>, <span class="rel near">within 10× of it</span>, <span class="rel fail">beyond</span>.</p>`;

/** The "Dropout: Backward Pass" cell: dx relative error against the notebook's, plus inline question 1. */
export function backwardSection(records: RunRecord[]): SafeHtml {
  const body = perRecord(records, (record) => {
    const cell = findCell(record, 'dropout-backward');
    const value = cell?.dxRelError ?? null;
    const table = value === null ? html`` : html`<table class="small"><thead><tr><th></th><th>this run</th><th>notebook</th><th>threshold</th></tr></thead>
<tbody><tr><td>dx relative error</td>${relErrorCell(value, dxThreshold)}<td class="num">${exp2(notebookDxRelError)}</td><td class="num">${dxThreshold.toExponential(0)}</td></tr></tbody></table>`;
    const forwardRows = findCell(record, 'dropout-forward')?.rows ?? [];
    return html`${cellNotice(record, 'dropout-backward', cell)}${table}${inlineQuestion1(forwardRows)}`;
  });
  return section('dropout-backward', 'Dropout: backward pass',
    html`<p class="intro">dropoutBackward against evalNumericalGradientArray on a 10 × 10 input with p = 0.2, seed 123. Threshold ${dxThreshold.toExponential(0)} (the notebook: "around e-10 or less").</p>${legend}`, body);
}

function gradCheckTable(record: RunRecord, run: GradCheckRun): SafeHtml {
  const reference = notebookGradCheck[run.keepRatio];
  const comparable = record.config.rng === 'numpy';
  const lossMatch = reference && Math.abs(run.initialLoss - reference.initialLoss) <= meanTolerance(record.backend.floatBits) * reference.initialLoss;
  const lossBadge = !reference ? badge('info', 'no notebook value') : lossMatch ? badge('pass', 'match') : badge(comparable ? 'fail' : 'warn', comparable ? 'differs' : 'differs (other RNG)');
  const params = Object.keys(run.relErrors).sort();
  return html`<table class="gradcheck"><caption>keep ratio ${run.keepRatio}: initial loss ${num(run.initialLoss)} (notebook ${num(reference?.initialLoss)}) ${lossBadge}</caption>
<thead><tr><th>parameter</th><th>relative error</th><th>threshold</th><th>notebook</th></tr></thead>
<tbody>${params.map((p) => html`<tr><td><code>${p}</code></td>${relErrorCell(run.relErrors[p]!, gradThreshold(p, run.keepRatio))}<td class="num">${gradThreshold(p, run.keepRatio).toExponential(0)}</td><td class="num">${exp2(reference?.relErrors[p])}</td></tr>`)}</tbody></table>`;
}

/** The FC-net gradient check cell: one table per keep ratio, each error coloured against its threshold. */
export function gradCheckSection(records: RunRecord[]): SafeHtml {
  const body = perRecord(records, (record) => {
    const cell = findCell(record, 'fc-gradcheck');
    return html`${cellNotice(record, 'fc-gradcheck', cell)}<div class="tables">${(cell?.runs ?? []).map((run) => gradCheckTable(record, run))}</div>`;
  });
  return section('fc-gradcheck', 'Fully connected nets with dropout: gradient check',
    html`<p class="intro">FullyConnectedNet([20, 30], inputDim 15, 10 classes, weightScale 5e-2, float64, seed 123) on 2 examples; numerical gradients with h = 1e-5.
Thresholds: 1e-6 for every parameter (the notebook: "around e-6 or less"), except W2 at keep ratio 1, where the notebook allows "on the order of e-5": 1e-4.
Initial losses match when within the forward pass's relative tolerance.</p>${legend}`, body);
}
