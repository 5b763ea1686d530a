import type { DropoutForwardRow, RunRecord } from '@dropout/run-record';
import { html, type SafeHtml } from '../escape.js';
import { meanTolerance, notebookForward } from '../notebook-reference.js';
import { badge, cellNotice, findCell, num, perRecord, section } from './common.js';

type Quantity = 'inputMean' | 'trainMean' | 'testMean' | 'trainZeroFraction' | 'testZeroFraction';
const quantities: Array<[Quantity, string]> = [
  ['inputMean', 'Mean of input'],
  ['trainMean', 'Mean of train-time output'],
  ['testMean', 'Mean of test-time output'],
  ['trainZeroFraction', 'Fraction of train-time output set to zero'],
  ['testZeroFraction', 'Fraction of test-time output set to zero'],
];
/** Zero fractions are counts over the same 250 000 entries, so they must agree exactly. */
const ZERO_FRACTION_TOLERANCE = 1e-12;

/**
 * Whether a forward-pass value matches the notebook's: means within `meanTolerance(floatBits)`
 * relative, zero fractions within 1e-12 absolute.
 * @example
 *   forwardMatches('trainMean', 10.014059116977283, 10.014059116977283, 64); // true
 */
export function forwardMatches(quantity: Quantity, value: number, expected: number, floatBits: 32 | 64): boolean {
  if (quantity.endsWith('ZeroFraction')) return Math.abs(value - expected) <= ZERO_FRACTION_TOLERANCE;
  return Math.abs(value - expected) <= meanTolerance(floatBits) * Math.abs(expected);
}

/** The STYLE guide's statistical check: train mean within 1% of the input mean, zeros within 0.01 of 1 − p. */
function statisticalCheck(row: DropoutForwardRow): SafeHtml {
  const meanOk = Math.abs(row.trainMean - row.inputMean) <= 0.01 * Math.abs(row.inputMean);
  const zerosOk = Math.abs(row.trainZeroFraction - (1 - row.p)) <= 0.01;
  const testOk = Math.abs(row.testMean - row.inputMean) <= 1e-12 * Math.abs(row.inputMean) && row.testZeroFraction === 0;
  const ok = meanOk && zerosOk && testOk;
  return badge(ok ? 'pass' : 'fail', ok ? 'as expected' : `unexpected${meanOk ? '' : ': train mean off by >1%'}${zerosOk ? '' : ': zero fraction off by >0.01'}${testOk ? '' : ': test mode is not the identity'}`);
}

function forwardTable(record: RunRecord, rows: DropoutForwardRow[]): SafeHtml {
  const comparable = record.config.rng === 'numpy';
  // The experiment runs the forward cell on its gradient-check backend (cpu64), not on the training one.
  const backend = typeof record.config.gradcheckBackend === 'string' ? record.config.gradcheckBackend : record.backend.name;
  const bits: 32 | 64 = typeof record.config.gradcheckBackend === 'string' ? (backend.endsWith('64') ? 64 : 32) : record.backend.floatBits;
  const tol = meanTolerance(bits);
  const body = rows.map((row) => {
    const reference = notebookForward.find((r) => r.p === row.p);
    return quantities.map(([key, label], i) => {
      const expected = reference?.[key];
      let verdict: SafeHtml;
      if (expected === undefined) verdict = badge('info', 'no notebook value');
      else if (forwardMatches(key, row[key], expected, bits)) verdict = badge('pass', 'match');
      else verdict = badge(comparable ? 'fail' : 'warn', comparable ? 'differs' : 'differs (other RNG)');
      return html`<tr>${i === 0 ? html`<th rowspan="${quantities.length}" scope="rowgroup">p = ${row.p}<br>${statisticalCheck(row)}</th>` : ''}
<td>${label}</td><td class="num">${num(row[key])}</td><td class="num">${num(expected)}</td><td>${verdict}</td></tr>`;
    });
  });
  return html`<table class="forward"><thead><tr><th>keep p</th><th>printed line</th><th>this run</th><th>notebook</th><th>match?</th></tr></thead>
<tbody>${body}</tbody></table>
<p class="note">Match: means within ${tol.toExponential(0)} relative (${bits}-bit backend <code>${backend}</code>), zero fractions exactly (within ${ZERO_FRACTION_TOLERANCE.toExponential(0)}).
${comparable ? 'This run used the NumPy-compatible stream (seed 231), so its masks are the notebook\'s and the numbers should match.' : html`This run used the <code>${record.config.rng}</code> stream, so its masks differ from NumPy's: the numbers are not expected to match the notebook, and the statistical check (train mean within 1% of the input mean, zero fraction within 0.01 of 1 − p) is what counts.`}</p>`;
}

/**
 * Inline question 1, answered with this run's forward-pass numbers: without the 1/p the
 * train-time mean shrinks to p times the mean. Rows: the dropout-forward cell's rows.
 * @example
 *   inlineQuestion1(findCell(record, 'dropout-forward')?.rows ?? []);
 */
export function inlineQuestion1(rows: DropoutForwardRow[]): SafeHtml {
  if (rows.length === 0) return html``;
  const items = rows.map((r) => html`<li>p = ${r.p}: the train-time mean would be ${(r.p * r.trainMean).toFixed(4)} instead of ${r.trainMean.toFixed(4)}, while test time still gives ${r.testMean.toFixed(4)}.</li>`);
  return html`<div class="question"><h3>Inline Question 1</h3>
<p class="q">What happens if we do not divide the values being passed through inverse dropout by p in the dropout layer? Why does that happen?</p>
<p>Dropping units without rescaling multiplies the expected activation by p during training only. With this run's numbers (undivided mean = p × the measured train-time mean):</p>
<ul>${items}</ul>
<p>The next layer would then see inputs about 1/p times larger at test time than it was trained on, so test-time outputs would be systematically off unless every test activation were scaled by p. Inverted dropout divides by p during training so that test mode is the identity.</p></div>`;
}

/** The "Dropout: Forward Pass" cell: this run's statistics beside the notebook's. */
export function forwardSection(records: RunRecord[]): SafeHtml {
  const body = perRecord(records, (record) => {
    const cell = findCell(record, 'dropout-forward');
    const rows = cell?.rows ?? [];
    return html`${cellNotice(record, 'dropout-forward', cell)}${rows.length ? forwardTable(record, rows) : ''}`;
  });
  return section('dropout-forward', 'Dropout: forward pass', 'x = randn(500, 500) + 10; each row runs dropoutForward in train and test mode and is set beside the notebook\'s printed output.', body);
}
