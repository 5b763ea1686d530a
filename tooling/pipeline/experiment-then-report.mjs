#!/usr/bin/env node
// `pnpm experiment`: runs the experiment CLI with the given flags, then the report CLI on the
// run folder it wrote, and prints "Report: <path>". The experiment tells where it wrote through
// the file named by $DROPOUT_EXPERIMENT_RESULT_FILE, so neither app imports the other.
// Exit code: the experiment's (0, 1, 2, 130); 1 when the record is fine but the report failed.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const binOf = (name, bin) => {
  const manifest = require.resolve(`${name}/package.json`);
  return join(dirname(manifest), JSON.parse(readFileSync(manifest, 'utf8')).bin[bin]);
};

function run(script, args, options) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], options);
    // Ctrl-C reaches the child from the terminal already (same process group); a SIGTERM sent to
    // this process alone is passed on, so the experiment can write its partial record.
    const forward = () => child.kill('SIGTERM');
    const ignore = () => {};
    process.on('SIGINT', ignore);
    process.on('SIGTERM', forward);
    let stdout = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      process.off('SIGINT', ignore);
      process.off('SIGTERM', forward);
      resolve({ code: code ?? (signal === 'SIGINT' ? 130 : 1), stdout });
    });
  });
}

const args = process.argv.slice(2);
const json = args.includes('--json');
const scratch = mkdtempSync(join(tmpdir(), 'dropout-pipeline-'));
const resultFile = join(scratch, 'result.json');
let code;
try {
  const experiment = await run(binOf('@dropout/experiment', 'dropout-experiment'), args, {
    stdio: 'inherit',
    env: { ...process.env, DROPOUT_EXPERIMENT_RESULT_FILE: resultFile },
  });
  code = experiment.code;
  let result = null;
  try {
    result = JSON.parse(readFileSync(resultFile, 'utf8'));
  } catch {
    // No result: --help, a usage error, or a crash before the record existed; nothing to report on.
  }
  if (result) {
    const report = await run(binOf('@dropout/report', 'report'), [result.folder], { stdio: ['ignore', 'pipe', 'inherit'] });
    const path = report.stdout.trim();
    if (report.code === 0) {
      process.stdout.write(json ? `${JSON.stringify({ event: 'report', path })}\n` : `Report: ${path}\n`);
    } else {
      process.stderr.write(`pnpm experiment: the record is kept, but the report could not be written; retry with \`pnpm report ${result.folder}\`\n`);
      if (code === 0) code = 1;
    }
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
process.exitCode = code;
