import { writeFileAtomic } from '@dropout/run-record/node';
import { helpText, parseArgs, UsageError } from './cli/args.js';
import { ConsoleOutput, type TextStream } from './output/console-output.js';
import { summaryLines } from './summary.js';

/** The process the CLI runs in, injectable for tests. */
export interface MainIo {
  stdout: TextStream;
  stderr: TextStream;
  env: Record<string, string | undefined>;
  cwd: string;
  /** Aborted on Ctrl-C (the CLI wires SIGINT/SIGTERM to it). */
  signal: AbortSignal;
  /** How to invoke the command, for help and usage messages. */
  command?: string;
}

/** Exit codes: done, failed, bad usage, interrupted (as a shell reports Ctrl-C). */
export const EXIT = { ok: 0, failed: 1, usage: 2, interrupted: 130 } as const;

/**
 * Where `pnpm experiment` (tooling/pipeline) asks the CLI to leave `{ folder, record, status }`
 * as JSON when it is done, so that it can render the report from that folder next.
 */
export const RESULT_FILE_ENV = 'DROPOUT_EXPERIMENT_RESULT_FILE';

/**
 * The whole CLI: parses flags, runs the experiment, writes the record and prints where it is
 * (the report is rendered next by `pnpm experiment`, or by `pnpm report <folder>`). Returns the
 * exit code instead of exiting; an expected failure is a message, never a stack trace.
 * @example
 *   const code = await main(['--cells', 'dropout-forward'], { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd(), signal });
 */
export async function main(argv: readonly string[], io: MainIo): Promise<number> {
  const command = io.command ?? 'pnpm experiment';
  const json = argv.includes('--json');
  const usage = (message: string, hint: boolean): number => {
    if (json) io.stdout.write(`${JSON.stringify({ event: 'error', kind: 'usage', exitCode: EXIT.usage, message })}\n`);
    else io.stderr.write(`${command}: ${message}\n${hint ? `Run \`${command} --help\` for every flag.\n` : ''}`);
    return EXIT.usage;
  };
  let options;
  let warnings: string[] = [];
  try {
    const parsed = parseArgs(argv);
    if (parsed.help) {
      io.stdout.write(`${helpText(command)}\n`);
      return EXIT.ok;
    }
    ({ options, warnings } = parsed);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    return usage(error.message, true);
  }

  // Loaded only now, so --help and usage errors answer at once without loading the numerics.
  const { runExperiment, RunFailed } = await import('./run-experiment.js');
  const out = new ConsoleOutput({ json: options.json, quiet: options.quiet }, io.stdout, io.stderr);
  for (const warning of warnings) out.warn(`${command}: warning: ${warning}`);
  let outcome;
  try {
    outcome = await runExperiment(options, { out, signal: io.signal, env: io.env, cwd: io.cwd });
  } catch (error) {
    if (error instanceof UsageError) return usage(error.message, false);
    if (error instanceof RunFailed) {
      if (options.json) out.event({ event: 'error', kind: 'failed', exitCode: EXIT.failed, message: error.message });
      else io.stderr.write(`${command}: ${error.message}\n`);
      return EXIT.failed;
    }
    throw error;
  }

  const { record, folder, recordPath } = outcome;
  const interrupted = record.status === 'partial';
  for (const line of summaryLines(record)) out.summary(line);
  if (record.missing.length > 0) out.summary(`${interrupted ? 'Interrupted; the record is marked partial. ' : ''}Missing: ${record.missing.join('; ')}`);
  out.summary(`Record: ${recordPath}`);
  const resultFile = io.env[RESULT_FILE_ENV];
  if (resultFile) writeFileAtomic(resultFile, JSON.stringify({ folder, record: recordPath, status: record.status }));
  else out.note(`Render its report with: pnpm report ${folder}`);
  out.event({ event: 'done', status: record.status, folder, record: recordPath, missing: record.missing });
  if (record.status === 'failed') return EXIT.failed;
  return interrupted ? EXIT.interrupted : EXIT.ok;
}
