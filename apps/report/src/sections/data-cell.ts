import { pyShape, type RunRecord } from '@dropout/run-record';
import { html, type SafeHtml } from '../escape.js';
import { cellNotice, findCell, perRecord, section } from './common.js';

/** The data-loading cell: every array's shape, as `print(f"{k}: {v.shape}")` shows them. */
export function dataSection(records: RunRecord[]): SafeHtml {
  const body = perRecord(records, (record) => {
    const cell = findCell(record, 'data');
    const shapes = Object.entries(cell?.shapes ?? {});
    return html`${cellNotice(record, 'data', cell)}${shapes.length ? html`<table class="small"><thead><tr><th>array</th><th>shape</th></tr></thead>
<tbody>${shapes.map(([k, v]) => html`<tr><td><code>${k}</code></td><td class="num">${pyShape(v)}</td></tr>`)}</tbody></table>` : ''}
<p class="note">Dataset: ${record.dataset ? html`${record.dataset.name} from <code>${record.dataset.source}</code>` : html`<code>${record.config.dataset}</code> (no identity recorded)`}.</p>`;
  });
  return section('data', 'Data', 'The preprocessed arrays the run loaded.', body);
}
