import { CELL_IDS, DEFAULT_OPTIONS, type CellId, type ExperimentOptions } from './options.js';
import { checkCombination } from './combination.js';
import { UsageError } from './usage-error.js';

export { UsageError };


type Apply = (options: ExperimentOptions, value: string, flag: string) => void;

interface FlagSpec {
  flag: string;
  /** Placeholder for the value, or null for a switch. */
  value: string | null;
  help: string;
  apply: Apply;
}

function bad(flag: string, value: string, want: string): never {
  throw new UsageError(`${flag}: '${value}' is not ${want}`);
}

function list(flag: string, value: string): string[] {
  const items = value.split(',').map((s) => s.trim());
  if (items.some((s) => s === '')) bad(flag, value, 'a comma-separated list without empty items');
  return items;
}

/** Refuses a list that names one value twice (`1,0.5,1`), which would otherwise merge silently. */
function distinct<T>(flag: string, value: string, items: T[]): T[] {
  const seen = new Set<T>();
  for (const item of items) {
    if (seen.has(item)) throw new UsageError(`${flag}: ${String(item)} is listed twice in '${value}'; list each value once`);
    seen.add(item);
  }
  return items;
}

function integer(flag: string, value: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < min || n > max) {
    bad(flag, value, max === Number.MAX_SAFE_INTEGER ? `an integer ≥ ${min}` : `an integer in [${min}, ${max}]`);
  }
  return n;
}

/** A plain decimal such as `0.25`, `1`, `.5` or `5e-1`; hex (`0x1`), `Infinity` and blanks are not. */
const DECIMAL = /^(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

function keepRatio(flag: string, value: string): number {
  const p = Number(value);
  if (!DECIMAL.test(value) || !Number.isFinite(p) || p <= 0 || p > 1) {
    bad(flag, value, 'a keep probability in (0, 1] (p is the probability of KEEPING a unit; 1 = no dropout)');
  }
  return p;
}

function oneOf<T extends string>(flag: string, value: string, choices: readonly T[]): T {
  if (!(choices as readonly string[]).includes(value)) bad(flag, value, `one of ${choices.join(', ')}`);
  return value as T;
}

/** Every flag, in the order `--help` lists them. */
export const FLAGS: FlagSpec[] = [
  { flag: '--cells', value: 'LIST', help: `cells to run, in order: ${CELL_IDS.join(',')}, or all (default: the notebook's, all but mc-dropout)`,
    apply: (o, v, f) => {
      const wanted = v.trim() === 'all' ? [...CELL_IDS] : distinct(f, v, list(f, v).map((id) => oneOf<CellId>(f, id, CELL_IDS)));
      if (wanted.includes('mc-dropout') && !wanted.includes('regularization')) {
        throw new UsageError(`${f}: mc-dropout evaluates the nets the regularization cell trains in the same run; add regularization (e.g. --cells data,regularization,mc-dropout)`);
      }
      o.cells = CELL_IDS.filter((id) => wanted.includes(id));
    } },
  { flag: '--keep-ratios', value: 'LIST', help: 'dropout keep probabilities p of the regularization experiment (default 1,0.25)',
    apply: (o, v, f) => { o.keepRatios = distinct(f, v, list(f, v).map((p) => keepRatio(f, p))); } },
  { flag: '--seeds', value: 'LIST', help: 'seeds; each repeats every net to give mean ± spread (default 231)',
    apply: (o, v, f) => { o.seeds = distinct(f, v, list(f, v).map((s) => integer(f, s, 0, 2 ** 32 - 1))); } },
  { flag: '--epochs', value: 'N', help: 'training epochs per net (default 25)', apply: (o, v, f) => { o.numEpochs = integer(f, v, 1); } },
  { flag: '--num-train', value: 'N', help: 'training examples of the regularization experiment (default 500)',
    apply: (o, v, f) => { o.numTrain = integer(f, v, 1); } },
  { flag: '--batch-size', value: 'N', help: 'minibatch size (default 100)', apply: (o, v, f) => { o.batchSize = integer(f, v, 1); } },
  { flag: '--num-val', value: 'N', help: 'validation images, the training-pool records after the training split (default 1000)',
    apply: (o, v, f) => { o.numVal = integer(f, v, 1); } },
  { flag: '--num-test', value: 'N', help: 'test images, the first of the test pool (default 1000, or all when fewer)',
    apply: (o, v, f) => { o.numTest = integer(f, v, 1); } },
  { flag: '--dataset', value: 'NAME', help: 'cifar10 or mnist (default: cifar10 when found, else the embedded MNIST digits)',
    apply: (o, v, f) => { o.dataset = oneOf(f, v, ['cifar10', 'mnist'] as const); } },
  { flag: '--data', value: 'DIR', help: 'CIFAR-10 folder (default: $DROPOUT_DATA, $CIFAR10_DIR, then ./data)',
    apply: (o, v, f) => { if (v.trim() === '') bad(f, v, 'a folder'); o.dataDir = v; } },
  { flag: '--rng', value: 'KIND', help: 'numpy (reproduces the notebook\'s numbers, default) or seedrandom',
    apply: (o, v, f) => { o.rng = oneOf(f, v, ['numpy', 'seedrandom'] as const); } },
  { flag: '--backend', value: 'NAME', help: 'backend of the training nets: cpu32, cpu64, gpujs:<mode>, … (default: fastest float32 CPU); gradient checks always use cpu64',
    apply: (o, v, f) => { if (!/^[\w.-]+(:[\w.=,-]+)?$/.test(v)) bad(f, v, 'a backend name such as cpu32 or wasm32:threads=1'); o.backend = v; } },
  { flag: '--out', value: 'DIR', help: 'where run folders go (default ./runs)', apply: (o, v, f) => { if (v.trim() === '') bad(f, v, 'a folder'); o.outDir = v; } },
  { flag: '--name', value: 'NAME', help: 'run name, after the timestamp in the folder name (default: the dataset)',
    apply: (o, v, f) => { if (!/^[\w.-]{1,64}$/.test(v)) bad(f, v, 'a name of letters, digits, ".", "_" or "-"'); o.name = v; } },
  { flag: '--save-models', value: null, help: 'save each trained net beside the record, models/<run>/model.json + weights.bin (default)',
    apply: (o) => { o.saveModels = true; } },
  { flag: '--no-save-models', value: null, help: 'do not save the trained nets', apply: (o) => { o.saveModels = false; } },
  { flag: '--json', value: null, help: 'print one JSON object per line (events, then a summary) instead of text', apply: (o) => { o.json = true; } },
  { flag: '--quiet', value: null, help: 'print only the summary and where the record and report are', apply: (o) => { o.quiet = true; } },
  { flag: '--help', value: null, help: 'show this help', apply: () => undefined },
];

/** The result of parsing: either options to run (with warnings about flags that do nothing), or a request for help. */
export type ParsedArgs = { help: true } | { help: false; options: ExperimentOptions; warnings: string[] };

/**
 * Parses the experiment's flags (`--epochs 2` or `--epochs=2`) over the notebook's defaults;
 * throws a {@link UsageError} naming the bad flag.
 * @example
 *   parseArgs(['--keep-ratios', '1,0.5', '--epochs=2']); // { help: false, options: { keepRatios: [1, 0.5], … } }
 */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  const options: ExperimentOptions = structuredClone(DEFAULT_OPTIONS);
  const given: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '-h' || arg === '--help') return { help: true };
    if (!arg.startsWith('--')) throw new UsageError(`unexpected argument '${arg}' (every option is a --flag)`);
    const eq = arg.indexOf('=');
    const flag = eq === -1 ? arg : arg.slice(0, eq);
    const spec = FLAGS.find((s) => s.flag === flag);
    if (!spec) throw new UsageError(`unknown flag ${flag}`);
    if (given.includes(flag)) throw new UsageError(`${flag} is given twice; give it once`);
    given.push(flag);
    if (spec.value === null) {
      if (eq !== -1) throw new UsageError(`${flag} takes no value`);
      spec.apply(options, '', flag);
      continue;
    }
    let value: string;
    if (eq !== -1) value = arg.slice(eq + 1);
    else {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) throw new UsageError(`${flag} needs a value (${spec.value})`);
      value = next;
      i++;
    }
    spec.apply(options, value, flag);
  }
  return { help: false, options, warnings: checkCombination(options, given) };
}

/**
 * The `--help` text: what the command does and every flag with its default.
 * @example
 *   console.log(helpText('pnpm experiment'));
 */
export function helpText(command: string): string {
  const width = Math.max(...FLAGS.map((s) => `${s.flag}${s.value ? ` ${s.value}` : ''}`.length));
  const rows = FLAGS.map((s) => `  ${`${s.flag}${s.value ? ` ${s.value}` : ''}`.padEnd(width)}  ${s.help}`);
  return [
    `Usage: ${command} [flags]`,
    '',
    'Runs every cell of the CS231n Dropout notebook in order, printing the lines the notebook prints,',
    'then writes runs/<timestamp>-<name>/record.json and report.html beside it.',
    '',
    'Flags:',
    ...rows,
    '',
    'Examples:',
    `  ${command}                                   # the notebook, on CIFAR-10 if found, else embedded MNIST`,
    `  ${command} --keep-ratios 1,0.75,0.5,0.25,0.1 --seeds 231,232,233 --cells regularization`,
    `  ${command} --data ~/cs231n/datasets/cifar-10-batches-py --epochs 5`,
    `  ${command} --cells data,regularization,mc-dropout --dataset mnist   # plus Monte Carlo dropout`,
    '',
    'Exit codes: 0 done, 1 failed, 2 bad flags, 130 interrupted (Ctrl-C; the record is kept and marked partial).',
  ].join('\n');
}
