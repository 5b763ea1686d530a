import type { RunRecord } from '@dropout/run-record';
import { renderReport } from '@dropout/report/browser';

/**
 * Shows a record's report in the page's sandboxed frame, rendered here by @dropout/report's
 * own renderer (the same page `pnpm report` writes).
 * @example
 *   showReport(record, 'Report of record.json');
 */
export function showReport(record: RunRecord, note: string): void {
  const section = document.getElementById('report-section')!;
  const frame = document.getElementById('report-frame') as HTMLIFrameElement;
  document.getElementById('report-note')!.textContent = note;
  frame.srcdoc = renderReport([record]);
  section.hidden = false;
  section.scrollIntoView({ block: 'start' });
}
