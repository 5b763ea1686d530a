import { missingParts, type RunRecord } from '@dropout/run-record';
import { html, type SafeHtml } from '../escape.js';
import { badge, duration, section } from './common.js';

type Cell = string | SafeHtml;
type Row = [label: string, value: (r: RunRecord) => Cell];

const shown = (v: unknown): string => {
  if (typeof v === 'string') return v;
  if (Array.isArray(v) && v.every((x) => typeof x !== 'object' || x === null)) return v.map(String).join(', ');
  return JSON.stringify(v);
};
const shapes = (s: Record<string, number[]>) => Object.entries(s).map(([k, v]) => `${k} ${JSON.stringify(v)}`).join(', ');

function statusBadge(r: RunRecord): SafeHtml {
  return badge(r.status === 'complete' ? 'pass' : 'fail', r.status);
}

/** Rows of the context table; each value is computed per record, one column per run. */
function rows(records: RunRecord[]): Array<[string, Row[]]> {
  const configKeys = [...new Set(records.flatMap((r) => Object.keys(r.config)))];
  const versionKeys = [...new Set(records.flatMap((r) => Object.keys(r.versions)))].sort();
  const cellIds = [...new Set(records.flatMap((r) => r.cells.map((c) => c.id)))];
  return [
    ['Run', [
      ['name', (r) => r.name],
      ['status', statusBadge],
      ['missing', (r) => { const m = missingParts(r); return m.length ? m.join('; ') : '—'; }],
      ['started', (r) => r.createdAt],
      ['finished', (r) => r.finishedAt ?? 'not finished'],
    ]],
    ['Backend and randomness', [
      ['backend requested', (r) => r.backend.requested],
      ['backend used', (r) => html`<code>${r.backend.name}</code>`],
      ['float width', (r) => `${r.backend.floatBits}-bit`],
      ['RNG', (r) => (r.config.rng === 'numpy' ? 'numpy (NumPy-compatible MT19937)' : `${r.config.rng}`)],
      ['seeds', (r) => r.config.seeds.join(', ')],
    ]],
    ['Config', configKeys.filter((k) => k !== 'seeds' && k !== 'rng').map((k): Row => [k, (r) => (k in r.config ? shown(r.config[k]) : '—')])],
    ['Dataset', [
      ['name', (r) => r.dataset?.name ?? `${r.config.dataset} (no identity recorded)`],
      ['source', (r) => r.dataset?.source ?? '—'],
      ['content hash', (r) => (r.dataset ? html`<code>${r.dataset.hash}</code>` : '—')],
      ['shapes', (r) => (r.dataset ? shapes(r.dataset.shapes) : '—')],
    ]],
    ['Timings', [
      ['total', (r) => duration(r.timings.totalMs)],
      ...cellIds.map((id): Row => [`cell ${id}`, (r) => {
        const c = r.cells.find((x) => x.id === id);
        return c ? `${duration(c.durationMs)} (${c.status})` : '—';
      }]),
      // Each run's stepMs is its total over all its iterations: the mean step is their sum over the sum of iterations.
      ['training step (mean)', (r) => {
        const runs = r.cells.flatMap((c) => (c.kind === 'regularization' ? c.runs : [])).filter((x) => x.iterations > 0);
        const steps = runs.reduce((s, x) => s + x.iterations, 0);
        return steps ? `${(runs.reduce((s, x) => s + x.timings.stepMs, 0) / steps).toFixed(2)} ms per step (${steps} steps)` : '—';
      }],
    ]],
    ['Versions', versionKeys.map((k): Row => [k, (r) => r.versions[k] ?? '—'])],
    ['Machine', [
      ['platform', (r) => `${r.machine.platform} ${r.machine.arch}`],
      ['CPU', (r) => `${r.machine.cpuModel} × ${r.machine.cpuCount}`],
      ['memory', (r) => `${r.machine.totalMemGiB} GiB`],
    ]],
  ];
}

/** Context of every run, one column per record so several runs compare side by side. */
export function contextSection(records: RunRecord[]): SafeHtml {
  const groups = rows(records);
  const table = html`<table class="context"><thead><tr><th></th>${records.map((r) => html`<th scope="col">${r.name}</th>`)}</tr></thead>
${groups.map(([group, list]) => html`<tbody><tr class="group"><th colspan="${records.length + 1}" scope="rowgroup">${group}</th></tr>
${list.map(([label, value]) => html`<tr><th scope="row">${label}</th>${records.map((r) => html`<td>${value(r)}</td>`)}</tr>`)}</tbody>`)}</table>`;
  return section('context', 'Context', 'What ran, where and how: enough to reproduce each run.', table);
}
