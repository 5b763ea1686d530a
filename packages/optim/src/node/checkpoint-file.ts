import { mkdirSync, readFileSync } from 'node:fs';
import { fsErrorCause, writeFileAtomic } from '@dropout/tensor/node';
import { dirname } from 'node:path';
import type { SolverCheckpoint } from '../checkpoint/checkpoint.js';
import { validateCheckpoint } from '../checkpoint/validate-checkpoint.js';

/** Writes `text` to `path` with the one atomic writer, creating the folder; errors name saveCheckpoint and the path. */
function writeCheckpointText(path: string, text: string): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileAtomic(path, text);
  } catch (err) {
    throw new Error(`saveCheckpoint: cannot write '${path}': ${fsErrorCause(err)}`);
  }
}

/**
 * Writes a checkpoint as JSON to `path` (atomically: a crash or a full disk never leaves a
 * half-written file in its place) and returns the path. Its signature fits the Solver's
 * `saveCheckpoint` option, which passes `<checkpointName>_epoch_<n>.json`.
 * @example
 *   new Solver(model, data, { checkpointName: 'runs/keep-1', saveCheckpoint }); // writes runs/keep-1_epoch_<n>.json
 *   saveCheckpoint(solver.checkpoint(), 'runs/now.json');
 */
export function saveCheckpoint(checkpoint: SolverCheckpoint, path: string): string {
  writeCheckpointText(path, JSON.stringify(checkpoint));
  return path;
}

/**
 * Reads a checkpoint file and checks every field; errors name the file and the field.
 * @example
 *   const solver = Solver.resume(readCheckpoint('runs/keep-1_epoch_2.json'), model, data, { saveCheckpoint });
 */
export function readCheckpoint(path: string): SolverCheckpoint {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`Solver.resume: cannot read checkpoint '${path}': ${(err as Error).message}`);
  }
  return validateCheckpoint(parsed, `'${path}'`);
}
