import type { RunRecord, TrainingRun } from '@dropout/run-record';
import { renderReport } from '@dropout/report/browser';
import { loadEmbeddedMnist, type RawDataset } from './data/embedded-mnist.js';
import { applyQuery, lockControls, readControls, renderBackendChoices, renderCellChoices } from './page/controls.js';
import { download, fileStamp } from './page/downloads.js';
import { acceptFiles, type Accepted } from './page/file-drop.js';
import { clearCharts, drawCharts, liveChartCss, resizeCharts } from './page/live-charts.js';
import { installSetImmediate } from './page/fast-yield.js';
import { OutputView, ProgressView } from './page/output-view.js';
import { showReport } from './page/report-view.js';
import { backendOffers } from './run/backends.js';
import { checkedRecord } from './run/record-check.js';
import { runInPage } from './run/run-in-page.js';
import './style.css';

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const output = new OutputView($('output'));
const progress = new ProgressView($('progress'));
const charts = $('charts');
let cifar: RawDataset | null = null;
let lastRecord: RunRecord | null = null;
let controller: AbortController | null = null;

const style = document.createElement('style');
style.textContent = liveChartCss;
document.head.append(style);

function say(id: string, text: string, kind: 'info' | 'error' = 'info'): void {
  const el = $(id);
  el.textContent = text;
  el.classList.toggle('error', kind === 'error');
}

// Redrawing five SVG charts costs milliseconds that training would otherwise use: while a net
// trains, the charts are redrawn at most every CHART_INTERVAL_MS with the latest numbers.
const CHART_INTERVAL_MS = 500;
let pendingChart: RunRecord | null = null;
let chartTimer: ReturnType<typeof setTimeout> | null = null;
function scheduleCharts(record: RunRecord): void {
  pendingChart = record;
  chartTimer ??= setTimeout(() => {
    chartTimer = null;
    if (pendingChart) drawCharts(charts, pendingChart);
    pendingChart = null;
  }, CHART_INTERVAL_MS);
}
function drawChartsNow(record: RunRecord): void {
  if (chartTimer) clearTimeout(chartTimer);
  chartTimer = null;
  pendingChart = null;
  drawCharts(charts, record);
}

/** The record with the training run still going on added to its regularization cell, for the charts. */
function withLive(record: RunRecord, live: TrainingRun | null): RunRecord {
  if (!live) return record;
  return { ...record, cells: record.cells.map((c) => (c.kind === 'regularization' ? { ...c, runs: [...c.runs, live] } : c)) };
}

async function start(): Promise<void> {
  const { options, errors } = readControls();
  if (options && options.dataset === 'cifar10' && !cifar) errors.push('Data: CIFAR-10 is chosen but no CIFAR-10 files are loaded; drop the archive or the batch files first');
  say('form-errors', errors.join('\n'), 'error');
  if (!options || errors.length) return;
  controller = new AbortController();
  lockControls(true);
  output.clear();
  progress.clear();
  clearCharts(charts);
  $('report-section').hidden = true;
  say('run-status', 'Running…');
  say('backend-info', `Loading backend ${options.backend}…`);
  let record: RunRecord | null = null;
  const loadRaw = options.dataset === 'cifar10' ? () => Promise.resolve(cifar!) : loadEmbeddedMnist;
  try {
    record = await runInPage(options, loadRaw, {
      backend: (name, reason, tolerance) => {
        say('backend-info', `Training on ${name}; gradient checks on cpu64. Why ${name}: ${reason}.`);
        document.body.dataset.backendTolerance = JSON.stringify(tolerance);
      },
      cellStarted: (cell) => output.cell(cell.id),
      line: (id, text) => output.line(id, text),
      progress: (state) => progress.update(state),
      progressDone: () => {},
      recordChanged: (r) => {
        record = r;
        drawChartsNow(r);
      },
      liveRun: (run) => record && scheduleCharts(withLive(record, run)),
    }, controller.signal);
  } catch (error) {
    say('run-status', `The run could not start: ${(error as Error).message}`, 'error');
  }
  lockControls(false);
  controller = null;
  if (!record) return;
  lastRecord = record;
  document.body.dataset.runStatus = record.status;
  const failed = record.cells.filter((c) => c.status === 'failed').map((c) => `${c.id}: ${c.error}`);
  if (record.status !== 'complete') progress.stopped();
  say('run-status', record.status === 'complete'
    ? `Done in ${(record.timings.totalMs / 1000).toFixed(1)} s. Download the record or the report below.`
    : `Run ${record.status}${failed.length ? ` (${failed.join('; ')})` : ''}. Kept what finished; missing: ${record.missing.join('; ')}.`, record.status === 'failed' ? 'error' : 'info');
  $<HTMLButtonElement>('download-record').disabled = false;
  $<HTMLButtonElement>('download-report').disabled = false;
}

function accepted(result: Accepted): void {
  if (result.kind === 'error') return say('data-status', result.message, 'error');
  if (result.kind === 'record') {
    showReport(result.record, `Report of the record ${result.fileName} (run “${result.record.name}”, ${result.record.status}), rendered in this page.`);
    return say('data-status', `Showing the report of ${result.fileName}.`);
  }
  cifar = result.data;
  $<HTMLInputElement>('dataset-cifar').checked = true;
  say('data-status', `CIFAR-10 ready: ${result.data.yTrain.length} training and ${result.data.yTest.length} test images, from ${result.note}.`);
}

async function main(): Promise<void> {
  installSetImmediate();
  renderCellChoices();
  renderBackendChoices(await backendOffers());
  applyQuery(new URLSearchParams(location.search));
  say('backend-info', `Not started. This page is ${crossOriginIsolated ? '' : 'not '}cross-origin isolated, so auto means wasm32 with ${crossOriginIsolated ? 'worker threads' : 'one thread'}.`);
  $('controls').addEventListener('submit', (event) => {
    event.preventDefault();
    void start();
  });
  $('stop').addEventListener('click', () => {
    controller?.abort();
    say('run-status', 'Stopping at the next safe point (the end of the current step)…');
  });
  $('download-record').addEventListener('click', () => {
    if (!lastRecord) return;
    download(`${fileStamp(lastRecord.createdAt)}-${lastRecord.name}-record.json`, `${JSON.stringify(checkedRecord(lastRecord), null, 2)}\n`, 'application/json');
  });
  $('download-report').addEventListener('click', () => {
    if (!lastRecord) return;
    download(`${fileStamp(lastRecord.createdAt)}-${lastRecord.name}-report.html`, renderReport([checkedRecord(lastRecord)]), 'text/html');
  });
  const input = $<HTMLInputElement>('file-input');
  input.addEventListener('change', async () => {
    accepted(await acceptFiles([...(input.files ?? [])]));
    input.value = '';
  });
  const zone = $('drop-zone');
  zone.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      input.click();
    }
  });
  for (const target of [zone, document.body]) {
    target.addEventListener('dragover', (e) => {
      e.preventDefault();
      zone.classList.add('over');
    });
  }
  document.body.addEventListener('dragleave', () => zone.classList.remove('over'));
  document.body.addEventListener('drop', async (e) => {
    e.preventDefault();
    zone.classList.remove('over');
    accepted(await acceptFiles([...(e.dataTransfer?.files ?? [])]));
  });
  addEventListener('resize', resizeCharts);
  document.body.dataset.ready = 'true';
}

void main();
