import { helpText, parseArgs, UsageError } from './cli/args.js';
import { ConsoleOutput, type TextStream } from './output/console-output.js';
import { summaryLines } from './summary.js';
import { writeRunReport } from './report-step.js';

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
 * The whole CLI: parses flags, runs the experiment, writes the record and the report and
 * prints where they are. Returns the exit code instead of exiting.
 * @example
 *   const code = await main(['--cells', 'dropout-forward'], { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd(), signal });
 */
export async function main(argv: readonly string[], io: MainIo): Promise<number> {
  const command = io.command ?? 'pnpm experiment';
  let options;
  try {
    const parsed = parseArgs(argv);
    if (parsed.help) {
      io.stdout.write(`${helpText(command)}\n`);
      return EXIT.ok;
    }
    options = parsed.options;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`${command}: ${error.message}\nRun \`${command} --help\` for every flag.\n`);
    return EXIT.usage;
  }

  // Loaded only now, so --help and usage errors answer at once without loading the numerics or the report.
  const { runExperiment } = await import('./run-experiment.js');
  const out = new ConsoleOutput({ json: options.json, quiet: options.quiet }, io.stdout, io.stderr);
  let outcome;
  try {
    outcome = await runExperiment(options, { out, signal: io.signal, env: io.env, cwd: io.cwd });
  } catch (error) {
    if (error instanceof UsageError) {
      if (options.json) out.event({ event: 'error', message: error.message });
      else io.stderr.write(`${command}: ${error.message}\n`);
      return EXIT.usage;
    }
    throw error;
  }

  const reportPath = await writeRunReport(outcome.folder, out);
  const { record } = outcome;
  const summary = summaryLines(record);
  const interrupted = record.status === 'partial';
  for (const line of summary) out.summary(line);
  if (record.missing.length > 0) out.summary(`${interrupted ? 'Interrupted; the record is marked partial. ' : ''}Missing: ${record.missing.join('; ')}`);
  out.summary(`Record: ${outcome.recordPath}`);
  if (reportPath) out.summary(`Report: ${reportPath}`);
  out.event({ event: 'done', status: record.status, record: outcome.recordPath, report: reportPath, missing: record.missing });
  if (record.status === 'failed' || reportPath === null) return EXIT.failed;
  return interrupted ? EXIT.interrupted : EXIT.ok;
}
