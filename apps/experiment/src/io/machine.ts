import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunRecord } from '@dropout/run-record';

/** The packages whose versions every run record lists. */
const PACKAGES = ['@dropout/tensor', '@dropout/layers', '@dropout/models', '@dropout/optim', '@dropout/data', '@dropout/gradcheck', '@dropout/run-record'];

/**
 * The machine a run ran on, as the run record stores it.
 * @example
 *   collectMachine(); // { platform: 'linux', arch: 'x64', cpuModel: '…', cpuCount: 2, totalMemGiB: 7.8 }
 */
export function collectMachine(): RunRecord['machine'] {
  const list = cpus();
  return {
    platform: process.platform,
    arch: process.arch,
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    cpuCount: list.length,
    totalMemGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
  };
}

function packageVersion(name: string): string {
  try {
    // Packages that export their package.json (the apps, run-record) resolve it directly.
    const pkg = JSON.parse(readFileSync(fileURLToPath(import.meta.resolve(`${name}/package.json`)), 'utf8')) as { version?: string };
    return pkg.version ?? 'unknown';
  } catch {
    // not exported: find it from the entry point below
  }
  try {
    // Walk up from the package's resolved entry to its package.json (not every package exports it).
    let dir = dirname(fileURLToPath(import.meta.resolve(name)));
    for (let depth = 0; depth < 5; depth++, dir = dirname(dir)) {
      try {
        const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
        if (pkg.name === name) return pkg.version ?? 'unknown';
      } catch {
        // no package.json at this level
      }
    }
  } catch {
    // not resolvable from here
  }
  return 'not installed';
}

/**
 * Node, V8 and every @dropout package version, for the run record.
 * @example
 *   collectVersions()['@dropout/tensor']; // '0.1.0'
 */
export function collectVersions(): Record<string, string> {
  const versions: Record<string, string> = { node: process.versions.node, v8: process.versions.v8 };
  for (const name of ['@dropout/experiment', ...PACKAGES]) versions[name] = packageVersion(name);
  return versions;
}
