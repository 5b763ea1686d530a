import { pyExp, type CellResult, type RunRecord } from '@dropout/run-record';
import { html, type SafeHtml } from '../escape.js';

export type CellKind = CellResult['kind'];
export type CellOf<K extends CellKind> = Extract<CellResult, { kind: K }>;

/** The record's result for one notebook cell, if the run got that far. */
export function findCell<K extends CellKind>(record: RunRecord, kind: K): CellOf<K> | undefined {
  return record.cells.find((c): c is CellOf<K> => c.kind === kind);
}

/** A coloured label; `kind` picks the colour. */
export function badge(kind: 'pass' | 'near' | 'fail' | 'info' | 'warn', text: string): SafeHtml {
  return html`<span class="badge ${kind}">${text}</span>`;
}

/**
 * Why a cell has no (complete) result: not run, skipped, interrupted or failed, with its error.
 * Returns nothing for a cell that finished.
 */
export function cellNotice(record: RunRecord, kind: CellKind, cell: CellResult | undefined): SafeHtml {
  if (!cell) {
    const asked = record.config.cells.includes(kind);
    return html`<p class="notice">${badge(asked ? 'fail' : 'info', asked ? 'missing' : 'not requested')} ${
      asked ? `This run did not reach the "${kind}" cell.` : `The "${kind}" cell was not in this run's --cells.`
    }</p>`;
  }
  if (cell.status === 'done') return html``;
  if (cell.status === 'skipped' && !record.config.cells.includes(cell.id)) {
    return html`<p class="notice">${badge('info', 'not requested')} The "${cell.id}" cell was not in this run's --cells.</p>`;
  }
  const kindOf = cell.status === 'skipped' ? 'info' : 'fail';
  return html`<p class="notice">${badge(kindOf, cell.status)} The cell "${cell.title}" is ${cell.status}.${
    cell.error ? html` <code>${cell.error}</code>` : ''
  }</p>`;
}

/** Renders `body` once per record, under a heading with the record's name when there are several. */
export function perRecord(records: RunRecord[], body: (record: RunRecord) => SafeHtml): SafeHtml {
  if (records.length === 1) return body(records[0]!);
  return html`${records.map((r) => html`<div class="per-record"><h3 class="record-name">${r.name}</h3>${body(r)}</div>`)}`;
}

/** A number at full precision (as the notebook prints), or a dash for null. */
export function num(x: number | null | undefined): string {
  return x === null || x === undefined ? '—' : String(x);
}

/** A number with three significant digits in exponent form, as the notebook's `%.2e` prints it (`1.03e-07`). */
export function exp2(x: number | null | undefined): string {
  return x === null || x === undefined ? '—' : pyExp(x, 2);
}

/** Milliseconds as a short human duration. */
export function duration(ms: number): string {
  if (ms < 1000) return `${ms.toFixed(0)} ms`;
  if (ms < 120_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** A fraction in [0, 1] with three decimals, as accuracies are reported. */
export function acc(x: number | null | undefined): string {
  return x === null || x === undefined ? '—' : x.toFixed(3);
}

/** A section of the page, one per notebook cell. */
export function section(id: string, title: string, intro: SafeHtml | string, body: SafeHtml): SafeHtml {
  return html`<section id="${id}"><h2>${title}</h2>${typeof intro === 'string' ? html`<p class="intro">${intro}</p>` : intro}${body}</section>`;
}
