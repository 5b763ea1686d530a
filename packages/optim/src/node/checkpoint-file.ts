import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SolverCheckpoint } from '../checkpoint/checkpoint.js';
import { validateCheckpoint } from '../checkpoint/validate-checkpoint.js';

/**
 * Writes `text` to `path` atomically: every byte to a temporary file beside it, fsync, rename.
 * On any error the temporary file is removed and an existing `path` is left as it was.
 */
function writeFileAtomic(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
  const bytes = Buffer.from(text, 'utf8');
  let fd: number | null = null;
  try {
    fd = openSync(tmp, 'wx');
    for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done);
    fsyncSync(fd);
    closeSync(fd);
    fd = null;
    renameSync(tmp, path);
  } catch (err) {
    if (fd !== null) closeSync(fd);
    rmSync(tmp, { force: true });
    throw new Error(`saveCheckpoint: cannot write '${path}': ${(err as Error).message}`);
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
  writeFileAtomic(path, JSON.stringify(checkpoint));
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
