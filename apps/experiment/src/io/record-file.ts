import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateRunRecord, type RunRecord } from '@dropout/optim';
import { writeFileAtomic } from './atomic-write.js';

/** File name of the run record inside a run folder. */
export const RECORD_FILE = 'record.json';

/**
 * Validates `record` against the run-record schema and writes `<folder>/record.json` atomically;
 * returns the path. An invalid record is never written.
 * @example
 *   const path = writeRunRecord('runs/20250826-140322-mnist', record);
 */
export function writeRunRecord(folder: string, record: RunRecord): string {
  validateRunRecord(JSON.parse(JSON.stringify(record)));
  const path = join(folder, RECORD_FILE);
  writeFileAtomic(path, `${JSON.stringify(record, null, 2)}\n`);
  return path;
}

/**
 * Reads and validates a run record (a `record.json` path or the run folder holding one).
 * @example
 *   const record = readRunRecord('runs/20250826-140322-mnist');
 */
export function readRunRecord(pathOrFolder: string): RunRecord {
  const path = pathOrFolder.endsWith('.json') ? pathOrFolder : join(pathOrFolder, RECORD_FILE);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read run record ${path}: ${(error as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`Run record ${path} is not valid JSON (${(error as Error).message}); was the file edited by hand?`);
  }
  try {
    return validateRunRecord(value);
  } catch (error) {
    throw new Error(`${path}: ${(error as Error).message}`);
  }
}
