import { parseArgs } from 'node:util';
import { loadCifar10 } from '../cifar/load-cifar10.js';
import { CIFAR10_ARCHIVES, fetchCifar10 } from '../fetch/fetch-cifar10.js';
import { createProgressBar } from '../fetch/progress-bar.js';

const USAGE = `dropout-data: CIFAR-10 for the @dropout packages

Usage:
  dropout-data fetch [--format py|bin] [--dir DIR] [--url URL] [--md5 HEX] [--keep-archive] [--force]
      Downloads the official archive (default format py, dir ./data), checks its MD5,
      extracts DIR/cifar-10-batches-py (or -bin). Does nothing when a verified copy is there.
  dropout-data info [--dir DIR]
      Loads CIFAR-10 from DIR and prints its format, sizes and content hash.

Official archives:
  py   ${CIFAR10_ARCHIVES.py.url}  md5 ${CIFAR10_ARCHIVES.py.md5}
  bin  ${CIFAR10_ARCHIVES.bin.url}  md5 ${CIFAR10_ARCHIVES.bin.md5}`;

/** The streams the CLI writes to (process.stdout/stderr, or test doubles). */
export interface CliIo {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
}

/**
 * Runs `dropout-data <command> …` and resolves to the exit code (0 ok, 1 failed, 2 usage).
 * @example
 *   process.exitCode = await runCli(['fetch', '--format', 'bin', '--dir', 'data']);
 */
export async function runCli(argv: string[], io: CliIo = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'py' },
        dir: { type: 'string', default: 'data' },
        url: { type: 'string' },
        md5: { type: 'string' },
        'keep-archive': { type: 'boolean', default: false },
        force: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    io.stderr.write(`${(err as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  const command = positionals[0];
  if (values.help || !command) {
    (values.help ? io.stdout : io.stderr).write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  try {
    if (command === 'fetch') {
      if (values.format !== 'py' && values.format !== 'bin') throw new Error(`--format must be py or bin, got '${values.format}'`);
      const bar = createProgressBar(io.stderr);
      const result = await fetchCifar10({
        dir: values.dir, format: values.format, url: values.url, md5: values.md5,
        keepArchive: values['keep-archive'], force: values.force, onProgress: bar.update,
      });
      bar.done();
      const what = result.status === 'present' ? `already present${result.verified ? ' (verified)' : ' (not fetched by this tool; --force replaces it)'}` : `${result.status}, MD5 ${result.md5} verified`;
      io.stdout.write(`CIFAR-10 (${result.format}) in ${result.folder}: ${what}\n`);
      return 0;
    }
    if (command === 'info') {
      const raw = await loadCifar10(values.dir);
      const { identity } = raw;
      io.stdout.write(`${identity.name} (${raw.format}) from ${identity.source}\n`);
      for (const [key, shape] of Object.entries(identity.shapes)) io.stdout.write(`  ${key}: (${shape.join(', ')})\n`);
      io.stdout.write(`  sha256: ${identity.hash}\n`);
      return 0;
    }
    io.stderr.write(`Unknown command '${command}'.\n\n${USAGE}\n`);
    return 2;
  } catch (err) {
    io.stderr.write(`\n${(err as Error).message}\n`);
    return 1;
  }
}
