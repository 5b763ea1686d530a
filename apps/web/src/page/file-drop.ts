import type { RunRecord } from '@dropout/run-record';
import { cifarFromFiles } from '../data/cifar-files.js';
import type { RawDataset } from '../data/embedded-mnist.js';
import { parseRecordFile } from '../run/record-check.js';

/** What a drop or a file choice turned out to be. */
export type Accepted =
  | { kind: 'record'; record: RunRecord; fileName: string }
  | { kind: 'cifar10'; data: RawDataset; note: string }
  | { kind: 'error'; message: string };

/**
 * Sorts dropped or chosen files: one `.json` file is a run record to show; anything else is
 * CIFAR-10 (an official archive or the extracted batch files). Never throws: a wrong or
 * damaged file comes back as a message naming it and what to give instead.
 * @example
 *   const result = await acceptFiles([...input.files]);
 */
export async function acceptFiles(files: File[]): Promise<Accepted> {
  if (files.length === 0) return { kind: 'error', message: 'No files were given.' };
  try {
    if (files.length === 1 && files[0]!.name.endsWith('.json')) {
      const file = files[0]!;
      return { kind: 'record', record: parseRecordFile(await file.text(), file.name), fileName: file.name };
    }
    const { raw, note } = await cifarFromFiles(files);
    return { kind: 'cifar10', data: raw, note };
  } catch (error) {
    return { kind: 'error', message: (error as Error).message };
  }
}
