#!/usr/bin/env node
import { main } from './main.js';

// First Ctrl-C: stop at the next safe point, keep what finished, write a partial record.
// Second Ctrl-C: leave at once (the record on disk is the one written after the last step).
const controller = new AbortController();
const interrupt = (signal: NodeJS.Signals): void => {
  if (controller.signal.aborted) process.exit(130);
  process.stderr.write(`\n${signal}: stopping after the current step and writing a partial record (press Ctrl-C again to quit at once)\n`);
  controller.abort();
};
process.on('SIGINT', interrupt);
process.on('SIGTERM', interrupt);

main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  signal: controller.signal,
}).then(
  (code) => finish(code),
  (error: unknown) => {
    // Expected failures come back as exit codes with a message; anything thrown to here is a bug.
    process.stderr.write(`pnpm experiment: internal error, which is a bug in @dropout; please report it on the project's issue tracker with the command line and these lines:\n${(error as Error).stack ?? String(error)}\n`);
    finish(1);
  },
);

// Exit once stdout has drained: backend worker threads or caches must not keep a finished run alive.
function finish(code: number): void {
  process.exitCode = code;
  process.stdout.write('', () => process.exit(code));
}
