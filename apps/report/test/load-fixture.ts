import { readFileSync } from 'node:fs';
import { validateRunRecord, type RunRecord } from '@dropout/run-record';

/** Fixture run records written by test/fixtures/make-fixtures.mjs (test data, not results); mc-dropout.json is the record of a real run (`pnpm experiment --cells data,regularization,mc-dropout --dataset mnist`). */
export type FixtureName = 'complete' | 'sweep' | 'partial' | 'mc-dropout';

/** Reads a fixture through the real validator, so a fixture that drifts from the schema fails here. */
export function loadFixture(name: FixtureName): RunRecord {
  return validateRunRecord(JSON.parse(readFileSync(fixturePath(name), 'utf8')));
}

export function fixturePath(name: FixtureName): string {
  return new URL(`./fixtures/${name}.json`, import.meta.url).pathname;
}

/** A deep copy, for tests that modify a record. */
export function cloneRecord(record: RunRecord): RunRecord {
  return structuredClone(record);
}
