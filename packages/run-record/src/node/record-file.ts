import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import type { RunRecord } from '../run-record.js';
import { validateRunRecord } from '../validate-run-record.js';
import { fsErrorCause, writeFileAtomic } from '@dropout/tensor/node';

/** File name of the run record inside a run folder. */
export const RECORD_FILE = 'record.json';

/** Largest record {@link readRunRecord} reads by default (a 25-epoch run is ~60 KB; 3M loss entries ~40 MB). */
export const MAX_RECORD_BYTES = 64 * 2 ** 20;

/**
 * Validates `record` and writes `<folder>/record.json` atomically (see `writeFileAtomic`);
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
 * Reads and validates a run record: a `record.json` path or the run folder holding one. The
 * file must be a regular file of at most `maxBytes` (FIFOs, devices and huge files are refused
 * before reading); every error names the file, the cause and the fix.
 * @example
 *   const record = readRunRecord('runs/20250826-140322-mnist');
 */
export function readRunRecord(pathOrFolder: string, options: { maxBytes?: number } = {}): RunRecord {
  const maxBytes = options.maxBytes ?? MAX_RECORD_BYTES;
  const path = pathOrFolder.endsWith('.json') ? pathOrFolder : join(pathOrFolder, RECORD_FILE);
  const value = parseJson(path, readBounded(path, maxBytes));
  try {
    return validateRunRecord(value);
  } catch (error) {
    throw new Error(`${path}: ${(error as Error).message}`);
  }
}

function readBounded(path: string, maxBytes: number): string {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused just below.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw new Error(`Cannot read run record ${path}: ${fsErrorCause(error)}; pass a run folder written by the experiment (it holds ${RECORD_FILE})`);
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new Error(`Run record ${path} is not a regular file; pass a run folder written by the experiment`);
    if (stat.size > maxBytes) {
      throw new Error(`Run record ${path} is ${(stat.size / 2 ** 20).toFixed(1)} MiB, more than the ${(maxBytes / 2 ** 20).toFixed(0)} MiB limit; raise the limit if the file is really a run record`);
    }
    const buffer = Buffer.alloc(stat.size);
    let offset = 0;
    while (offset < buffer.length) {
      const n = readSync(fd, buffer, offset, buffer.length - offset, offset);
      if (n === 0) break;
      offset += n;
    }
    return buffer.toString('utf8', 0, offset);
  } finally {
    closeSync(fd);
  }
}

function parseJson(path: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const why = error instanceof RangeError ? 'it is nested too deeply' : (error as Error).message;
    throw new Error(`Run record ${path} is not valid JSON (${why}); re-run the experiment or restore the file`);
  }
}
