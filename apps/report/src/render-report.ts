import { missingParts, type RunRecord } from '@dropout/run-record';
import { html, trusted, type SafeHtml } from './escape.js';
import { contentSecurityPolicy, pageCss, pageScript } from './page-assets.js';
import { badge } from './sections/common.js';
import { contextSection } from './sections/context.js';
import { dataSection } from './sections/data-cell.js';
import { forwardSection } from './sections/forward-cell.js';
import { backwardSection, gradCheckSection } from './sections/gradient-cells.js';
import { regularizationSection } from './sections/regularization-cell.js';
import { hasMcDropout, mcDropoutSection } from './sections/mc-dropout-cell.js';

/** Options for {@link renderReport}. */
export interface RenderReportOptions {
  /** Page title; defaults to the run names. */
  title?: string;
  /** Shown in the footer (an ISO time); left out by default so the output depends only on the records. */
  generatedAt?: string;
}

function partialBanner(records: RunRecord[]): SafeHtml {
  const unfinished = records.filter((r) => r.status !== 'complete' || missingParts(r).length > 0);
  if (unfinished.length === 0) return html``;
  return html`<div class="banner" role="alert" id="partial">${unfinished.map((r) => html`<h2>${records.length > 1 ? html`Run <q>${r.name}</q> is` : 'This run is'} ${r.status === 'complete' ? 'incomplete' : r.status}${r.finishedAt === null ? ' (it never finished)' : ''}</h2>
<p>Missing or unfinished:</p><ul class="missing">${missingParts(r).map((m) => html`<li>${m}</li>`)}</ul>`)}
<p>Sections below show what exists; charts draw the epochs each run completed.</p></div>`;
}

const sections: Array<[id: string, label: string]> = [
  ['data', 'Data'], ['dropout-forward', 'Forward pass'], ['dropout-backward', 'Backward pass'],
  ['fc-gradcheck', 'Gradient check'], ['regularization', 'Regularization'], ['mc-dropout', 'MC dropout'], ['context', 'Context'],
];

/**
 * Renders run records as one self-contained HTML page: a section per notebook cell, charts as
 * inline SVG, inline CSS and JS, no external requests; several records are compared side by side.
 * Every string from a record is escaped. Pure: the same records give the same page.
 * @example
 *   const page = renderReport([validateRunRecord(JSON.parse(text))]);
 *   page.startsWith('<!doctype html>'); // true
 */
export function renderReport(records: RunRecord[], options: RenderReportOptions = {}): string {
  if (records.length === 0) throw new Error('renderReport needs at least one run record; pass the records read from each run folder\'s record.json');
  const title = options.title ?? `Dropout report: ${records.map((r) => r.name).join(' vs ')}`;
  const script = pageScript();
  const page = html`<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${trusted(contentSecurityPolicy(script))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<link rel="icon" href="data:,">
<title>${title}</title>
<style>${trusted(pageCss)}</style></head>
<body><main>
<header><h1>${title}</h1>
${records.map((r) => html`<p class="runs-summary">${badge(r.status === 'complete' ? 'pass' : 'fail', r.status)} <strong>${r.name}</strong>: ${r.config.keepRatios.length} keep ratios × ${r.config.seeds.length} seed${r.config.seeds.length === 1 ? '' : 's'}, ${r.config.numEpochs} epochs, backend <code>${r.backend.name}</code> (${r.backend.floatBits}-bit), ${r.config.rng} RNG, started <time>${r.createdAt}</time></p>`)}
<nav>${sections.filter(([id]) => id !== 'mc-dropout' || hasMcDropout(records)).map(([id, label]) => html`<a href="#${id}">${label}</a>`)}</nav></header>
${partialBanner(records)}
${dataSection(records)}
${forwardSection(records)}
${backwardSection(records)}
${gradCheckSection(records)}
${regularizationSection(records)}${mcDropoutSection(records)}
${contextSection(records)}
<footer>Made by @dropout/report from ${records.length} run record${records.length === 1 ? '' : 's'}${options.generatedAt ? ` on ${options.generatedAt}` : ''}. Charts: Apache ECharts, rendered to SVG when the report was written. This page loads nothing from the network.</footer>
</main><div id="chart-tip" role="tooltip" hidden></div>
<script>${trusted(script)}</script>
</body></html>
`;
  return page.value;
}
