import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { fetchCommand, findCifar10 } from '@dropout/data/node';
import { UsageError } from '../cli/usage-error.js';
import type { ExperimentOptions } from '../cli/options.js';

/** Where the data comes from: a CIFAR-10 folder, or the embedded MNIST digits. */
export type DataSource =
  | { kind: 'cifar10'; dir: string; foundVia: string }
  | { kind: 'mnist'; reason: 'asked' | 'cifar10-not-found'; looked: string };

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Picks the data: `--data DIR` (must exist), else `$DROPOUT_DATA`, `$CIFAR10_DIR` (must exist
 * when set), else `./data` when it holds CIFAR-10, else the embedded MNIST digits — unless
 * `--dataset cifar10` insists. Errors name the folder and the fetch command.
 * @example
 *   resolveDataSource(options, process.env, process.cwd()); // { kind: 'mnist', reason: 'cifar10-not-found', … }
 */
export function resolveDataSource(options: Pick<ExperimentOptions, 'dataset' | 'dataDir'>, env: Record<string, string | undefined>, cwd: string): DataSource {
  const defaultDir = resolve(cwd, 'data');
  if (options.dataset === 'mnist') {
    if (options.dataDir !== null) throw new UsageError('--data names a CIFAR-10 folder, but --dataset mnist uses the embedded digits; drop one of them');
    return { kind: 'mnist', reason: 'asked', looked: defaultDir };
  }
  const explicit: Array<[string, string | undefined]> = [
    ['--data', options.dataDir ?? undefined],
    ['$DROPOUT_DATA', env.DROPOUT_DATA],
    ['$CIFAR10_DIR', env.CIFAR10_DIR],
  ];
  for (const [what, value] of explicit) {
    if (value === undefined || value === '') continue;
    const dir = resolve(cwd, value);
    if (!isDir(dir)) {
      if (existsSync(dir)) throw new UsageError(`${what}: ${dir} is a file, not a folder; give the folder that holds cifar-10-batches-py/ or cifar-10-batches-bin/`);
      throw new UsageError(`${what}: the folder ${dir} does not exist. Fetch CIFAR-10 with: ${fetchCommand('py', dir)}`);
    }
    const found = findCifar10(dir);
    if (!found) {
      throw new UsageError(`${what}: the folder ${dir} holds no CIFAR-10 (neither cifar-10-batches-py nor cifar-10-batches-bin). Fetch it with: ${fetchCommand('py', dir)}`);
    }
    if (found.missing.length > 0) {
      throw new UsageError(`${what}: the CIFAR-10 folder ${found.folder} lacks ${found.missing.join(', ')}. Fetch it again with: ${fetchCommand(found.format, found.folder)}`);
    }
    return { kind: 'cifar10', dir: found.folder, foundVia: what };
  }
  const fallback = findCifar10(defaultDir);
  if (fallback) return { kind: 'cifar10', dir: fallback.folder, foundVia: './data' };
  if (options.dataset === 'cifar10') {
    throw new UsageError(
      `--dataset cifar10: no CIFAR-10 in ${defaultDir} (nor via --data, $DROPOUT_DATA, $CIFAR10_DIR). Fetch it with: ${fetchCommand('py', defaultDir)}`,
    );
  }
  return { kind: 'mnist', reason: 'cifar10-not-found', looked: defaultDir };
}

/**
 * The one line that says which data this run uses (and, for the fallback, how to get CIFAR-10).
 * @example
 *   describeSource({ kind: 'mnist', reason: 'cifar10-not-found', looked: '/repo/data' });
 */
export function describeSource(source: DataSource): string {
  if (source.kind === 'cifar10') return `Data: CIFAR-10 from ${source.dir} (found via ${source.foundVia}).`;
  if (source.reason === 'asked') return 'Data: the embedded MNIST digits (--dataset mnist).';
  return `Data: no CIFAR-10 found (--data, $DROPOUT_DATA, $CIFAR10_DIR, ./data), so using the embedded MNIST digits. Get CIFAR-10 with: ${fetchCommand('py', source.looked)}`;
}
