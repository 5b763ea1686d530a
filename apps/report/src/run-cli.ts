import { writeReport } from './write-report.js';
import { ReportUsageError } from './report-error.js';

/** Exit codes of `report`: written; an internal error (a bug); a bad command line, record or output path. */
export const REPORT_EXIT = { ok: 0, internal: 1, usage: 2 } as const;

const usage = `Usage: report <run folder…> [--out FILE] [--max-record-mib N]
Reads <folder>/record.json from each run folder (written by the experiment), renders one
self-contained HTML page (several folders are compared side by side) and writes it to
<first folder>/report.html, or to FILE with --out (never over a record.json). Prints the path written.
--max-record-mib N: the largest record read (default 64).
Exit codes: 0 written, 2 bad arguments, an unreadable or invalid record, or an output that
cannot be written (all named in the message), 1 an internal error (a bug; please report it).`;

/** Parsed `report` arguments. */
export interface ReportArgs {
  folders: string[];
  out?: string;
  maxRecordMiB?: number;
  help: boolean;
}

function valueOf(argv: string[], i: number, flag: string, what: string): string {
  const arg = argv[i]!;
  if (arg.startsWith(`${flag}=`)) return arg.slice(flag.length + 1);
  const next = argv[i + 1];
  if (next === undefined || next.startsWith('--')) throw new ReportUsageError(`${flag} needs ${what}`);
  return next;
}

/**
 * Parses `report` arguments: run folders, `--out FILE` / `--out=FILE`, `--max-record-mib N`;
 * throws a {@link ReportUsageError} naming the bad argument.
 * @example
 *   parseArgs(['runs/a', '--out', 'a.html']); // { folders: ['runs/a'], out: 'a.html', help: false }
 */
export function parseArgs(argv: string[]): ReportArgs {
  const args: ReportArgs = { folders: [], help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') args.help = true;
    else if (arg === '--out' || arg.startsWith('--out=')) {
      if (args.out !== undefined) throw new ReportUsageError('--out is given twice; give it once');
      args.out = valueOf(argv, i, '--out', 'a file name, e.g. --out report.html');
      if (args.out === '') throw new ReportUsageError('--out needs a file name, e.g. --out report.html');
      if (arg === '--out') i++;
    } else if (arg === '--max-record-mib' || arg.startsWith('--max-record-mib=')) {
      const value = valueOf(argv, i, '--max-record-mib', 'a size in MiB, e.g. --max-record-mib 256');
      if (!/^\d+$/.test(value) || Number(value) < 1) throw new ReportUsageError(`--max-record-mib: '${value}' is not a whole number of MiB ≥ 1`);
      args.maxRecordMiB = Number(value);
      if (arg === '--max-record-mib') i++;
    } else if (arg.startsWith('-')) throw new ReportUsageError(`Unknown option ${arg}\n${usage}`);
    else args.folders.push(arg);
  }
  if (!args.help && args.folders.length === 0) throw new ReportUsageError(`No run folder given.\n${usage}`);
  return args;
}

/**
 * The `report` command: writes the report and prints its path; returns the exit code
 * ({@link REPORT_EXIT}): 2 with the message alone for anything wrong with the arguments, the
 * records or the output path; 1 with where to report it for an internal error.
 * @example
 *   runCli(['runs/default'], { log: console.log, error: console.error }); // prints /…/runs/default/report.html, returns 0
 */
export function runCli(argv: string[], io: { log: (line: string) => void; error: (line: string) => void }): number {
  try {
    const args = parseArgs(argv);
    if (args.help) {
      io.log(usage);
      return REPORT_EXIT.ok;
    }
    const maxRecordBytes = args.maxRecordMiB === undefined ? undefined : args.maxRecordMiB * 2 ** 20;
    io.log(writeReport(args.folders, { out: args.out, maxRecordBytes }));
    return REPORT_EXIT.ok;
  } catch (error) {
    if (error instanceof ReportUsageError) {
      io.error(`report: ${error.message}`);
      return REPORT_EXIT.usage;
    }
    io.error(`report: internal error, which is a bug in @dropout/report; please report it on the project's issue tracker with the record and these lines:\n${(error as Error).stack ?? String(error)}`);
    return REPORT_EXIT.internal;
  }
}
