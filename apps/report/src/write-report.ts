import { basename, join, resolve } from 'node:path';
import { statSync } from 'node:fs';
import { fsErrorCause, readRunRecord, RECORD_FILE, writeFileAtomic } from '@dropout/run-record/node';
import { renderReport, type RenderReportOptions } from './render-report.js';
import { ReportUsageError } from './report-error.js';

/** Options for {@link writeReport}. */
export interface WriteReportOptions extends RenderReportOptions {
  /** Output file; defaults to `report.html` in the first folder. */
  out?: string;
  /** Largest record read, in bytes (default: readRunRecord's 64 MiB). */
  maxRecordBytes?: number;
}

const recordPathOf = (folderOrFile: string): string => resolve(folderOrFile.endsWith('.json') ? folderOrFile : join(folderOrFile, RECORD_FILE));

/** Refuses an output that would overwrite a run record (an input, or any record.json) or a folder. */
function checkOutput(path: string, inputs: string[], flag: string): void {
  if (inputs.includes(path)) throw new ReportUsageError(`${flag} ${path} is one of the run records being read; write the report to another file, e.g. report.html`);
  if (basename(path) === RECORD_FILE) throw new ReportUsageError(`${flag} ${path} would replace a run record (${RECORD_FILE}); write the report to another file, e.g. report.html`);
  let isDirectory = false;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch {
    // Nothing there yet: the usual case.
  }
  if (isDirectory) throw new ReportUsageError(`${flag} ${path} is a folder; give a file name such as ${join(path, 'report.html')}`);
}

/**
 * Reads the run records of one or more run folders, renders them into one page and writes
 * it atomically (default `<first folder>/report.html`); returns the absolute path written.
 * Refuses to write over any `record.json`; an output that cannot be written is a
 * {@link ReportUsageError} naming `--out` (or the default path) and the cause, with nothing left behind.
 * @example
 *   const path = writeReport('runs/default-2025-11-28'); // '/…/runs/default-2025-11-28/report.html'
 */
export function writeReport(folders: string | string[], options: WriteReportOptions = {}): string {
  const list = typeof folders === 'string' ? [folders] : folders;
  if (list.length === 0) throw new ReportUsageError('writeReport needs at least one run folder (a folder holding record.json)');
  const { out, maxRecordBytes, ...renderOptions } = options;
  const flag = out === undefined ? 'the default output' : '--out';
  const path = resolve(out ?? join(list[0]!, 'report.html'));
  checkOutput(path, list.map(recordPathOf), flag);
  const records = list.map((folder) => {
    try {
      return readRunRecord(folder, { maxBytes: maxRecordBytes });
    } catch (error) {
      throw new ReportUsageError((error as Error).message);
    }
  });
  const page = renderReport(records, { generatedAt: new Date().toISOString(), ...renderOptions });
  try {
    writeFileAtomic(path, page);
  } catch (error) {
    const fix = out === undefined ? 'pass --out FILE to write it elsewhere' : 'choose another --out file or free the disk';
    throw new ReportUsageError(`${flag} ${path}: cannot write the report: ${fsErrorCause(error)}; ${fix}`);
  }
  return path;
}
