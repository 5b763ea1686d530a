import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

// Temp files of a fetch in progress (the `.part` download, the `.extract-*` folder): removed on
// success and failure by their owners, on SIGINT/SIGTERM by the handler below, and — when a
// process was killed outright — by the next fetch into the same folder.

const live = new Set<string>();
const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

function onSignal(signal: NodeJS.Signals): void {
  for (const path of live) rmSync(path, { recursive: true, force: true });
  live.clear();
  for (const s of SIGNALS) process.removeListener(s, onSignal);
  // With the listeners gone the signal's default action ends the process as it would have.
  process.kill(process.pid, signal);
}

/** Registers `path` for removal on SIGINT/SIGTERM; returns the function that unregisters it. */
export function trackTemp(path: string): () => void {
  if (live.size === 0) for (const s of SIGNALS) process.on(s, onSignal);
  live.add(path);
  return () => {
    live.delete(path);
    if (live.size === 0) for (const s of SIGNALS) process.removeListener(s, onSignal);
  };
}

/** The temp name pattern: `.<file>.<pid>.<ms>.part` and `.extract-<pid>-<ms>`. */
export const TEMP_NAME = /^\.(?:.+\.(\d+)\.\d+\.part|extract-(\d+)-\d+)$/;

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes temp files a killed fetch left in `dir` (those whose process is gone); returns their names.
 * @example
 *   removeStaleTemps('data'); // ['.cifar-10-python.tar.gz.4242.1764600000000.part']
 */
export function removeStaleTemps(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const match = TEMP_NAME.exec(name);
    if (!match || alive(Number(match[1] ?? match[2]))) continue;
    rmSync(join(dir, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}
