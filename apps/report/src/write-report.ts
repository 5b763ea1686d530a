import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { validateRunRecord, type RunRecord } from '@dropout/optim';
import { renderReport, type RenderReportOptions } from './render-report.js';

/**
 * Reads and validates `<folder>/record.json` (or a `.json` path); the error names the file and the bad field.
 * @example
 *   const record = readRunRecord('runs/default-2025-11-28');
 */
export function readRunRecord(folderOrFile: string): RunRecord {
  const path = folderOrFile.endsWith('.json') ? folderOrFile : join(folderOrFile, 'record.json');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read run record ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): pass a run folder written by the experiment, which holds record.json`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`Run record ${path} is not valid JSON (${(error as Error).message}); re-run the experiment or restore the file`);
  }
  try {
    return validateRunRecord(value);
  } catch (error) {
    throw new Error(`${path}: ${(error as Error).message}`);
  }
}

/**
 * Writes `text` to `path` atomically: a temporary file in the same folder, then a rename,
 * so a reader never sees half a report.
 * @example
 *   writeFileAtomic('runs/x/report.html', page);
 */
export function writeFileAtomic(path: string, text: string): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(temp, text);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/** Options for {@link writeReport}. */
export interface WriteReportOptions extends RenderReportOptions {
  /** Output file; defaults to `report.html` in the first folder. */
  out?: string;
}

/**
 * Reads the run records of one or more run folders, renders them into one page and writes
 * it atomically (default `<first folder>/report.html`); returns the absolute path written.
 * @example
 *   const path = writeReport('runs/default-2025-11-28'); // '/…/runs/default-2025-11-28/report.html'
 */
export function writeReport(folders: string | string[], options: WriteReportOptions = {}): string {
  const list = typeof folders === 'string' ? [folders] : folders;
  if (list.length === 0) throw new Error('writeReport needs at least one run folder (a folder holding record.json)');
  const records = list.map(readRunRecord);
  const { out, ...renderOptions } = options;
  const path = resolve(out ?? join(list[0]!, 'report.html'));
  writeFileAtomic(path, renderReport(records, { generatedAt: new Date().toISOString(), ...renderOptions }));
  return path;
}
