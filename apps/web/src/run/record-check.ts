import { validateRunRecord, type RunRecord } from '@dropout/run-record';

/**
 * The record as it will be saved, checked against the run-record schema the CLI's records
 * follow (a JSON round trip, so what is validated is exactly what is written).
 * @example
 *   download('record.json', JSON.stringify(checkedRecord(record)), 'application/json');
 */
export function checkedRecord(record: RunRecord): RunRecord {
  return validateRunRecord(JSON.parse(JSON.stringify(record)));
}

/**
 * Parses and validates a record file's text; the error names the file and the bad field.
 * @example
 *   const record = parseRecordFile(await file.text(), file.name);
 */
export function parseRecordFile(text: string, fileName: string): RunRecord {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`${fileName} is not a run record: it is not JSON (${(error as Error).message})`);
  }
  try {
    return validateRunRecord(value);
  } catch (error) {
    throw new Error(`${fileName} is not a valid run record: ${(error as Error).message}`);
  }
}
