import { writeReport } from './write-report.js';

const usage = `Usage: report <run folder…> [--out FILE]
Reads <folder>/record.json from each run folder (written by the experiment), renders one
self-contained HTML page (several folders are compared side by side) and writes it to
<first folder>/report.html, or to FILE with --out. Prints the path written.`;

/**
 * Parses `report` arguments: run folders plus an optional `--out FILE` / `--out=FILE`.
 * @example
 *   parseArgs(['runs/a', '--out', 'a.html']); // { folders: ['runs/a'], out: 'a.html', help: false }
 */
export function parseArgs(argv: string[]): { folders: string[]; out?: string; help: boolean } {
  const folders: string[] = [];
  let out: string | undefined;
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') help = true;
    else if (arg === '--out') {
      out = argv[++i];
      if (out === undefined) throw new Error('--out needs a file name, e.g. --out report.html');
    } else if (arg.startsWith('--out=')) out = arg.slice('--out='.length);
    else if (arg.startsWith('-')) throw new Error(`Unknown option ${arg}\n${usage}`);
    else folders.push(arg);
  }
  if (!help && folders.length === 0) throw new Error(`No run folder given.\n${usage}`);
  return { folders, out, help };
}

/**
 * The `report` command: writes the report and prints its path; returns the exit code
 * (1 with a message on stderr for bad arguments or an unreadable record).
 * @example
 *   runCli(['runs/default'], { log: console.log, error: console.error }); // prints /…/runs/default/report.html, returns 0
 */
export function runCli(argv: string[], io: { log: (line: string) => void; error: (line: string) => void }): number {
  try {
    const args = parseArgs(argv);
    if (args.help) {
      io.log(usage);
      return 0;
    }
    io.log(writeReport(args.folders, { out: args.out }));
    return 0;
  } catch (error) {
    io.error(`report: ${(error as Error).message}`);
    return 1;
  }
}
