import { CHECKPOINT_FORMAT, CHECKPOINT_VERSION, type SolverCheckpoint } from './checkpoint.js';

type Check = (value: unknown) => string | null;

const show = (v: unknown): string => (typeof v === 'string' ? JSON.stringify(v) : Array.isArray(v) ? 'an array' : v === null ? 'null' : typeof v === 'object' ? 'an object' : String(v));
const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const count: Check = (v) => (Number.isInteger(v) && (v as number) >= 0 ? null : 'an integer ≥ 0');
const fraction: Check = (v) => (typeof v === 'number' && v >= 0 && v <= 1 ? null : 'a number in [0, 1]');
const numbers = (each: Check): Check => (v) => {
  if (!Array.isArray(v)) return 'an array of numbers';
  const i = v.findIndex((x) => each(x) !== null || typeof x !== 'number');
  return i < 0 ? null : `an array of ${each(v[i]) ?? 'numbers'} (entry ${i} is ${show(v[i])})`;
};
const finite: Check = (v) => (typeof v === 'number' && Number.isFinite(v) ? null : 'finite numbers');

function tensorProblem(v: unknown): string | null {
  const t = isObject(v) && isObject(v.$tensor) ? v.$tensor : null;
  if (!t || !Array.isArray(t.shape) || !t.shape.every((d) => count(d) === null) || !Array.isArray(t.data)) {
    return 'an encoded tensor { $tensor: { shape, data } }';
  }
  const size = (t.shape as number[]).reduce((a, b) => a * b, 1);
  if (t.data.length !== size) return `${size} values for shape [${t.shape.join(', ')}] (it holds ${t.data.length})`;
  return numbers(finite)(t.data);
}

const tensors = (nonEmpty: boolean): Check => (v) => {
  if (!isObject(v) || (nonEmpty && Object.keys(v).length === 0)) return `an object of encoded tensors by parameter name${nonEmpty ? ' (at least one)' : ''}`;
  for (const [name, t] of Object.entries(v)) {
    const problem = tensorProblem(t);
    if (problem) return `${problem} at '${name}'`;
  }
  return null;
};

const FIELDS: Record<string, Check> = {
  backend: (v) => (typeof v === 'string' ? null : 'a backend name'),
  options: (v) => (isObject(v) && typeof v.updateRule === 'string' ? null : 'an object of Solver options with the updateRule name'),
  epoch: count,
  iteration: count,
  bestValAcc: fraction,
  lossHistory: numbers(finite),
  trainAccHistory: numbers(fraction),
  valAccHistory: numbers(fraction),
  params: tensors(true),
  bestParams: tensors(false),
  optimConfigs: (v) => (isObject(v) && Object.values(v).every(isObject) ? null : 'an object of update-rule configs by parameter name'),
  rng: (v) => (isObject(v) && (v.kind === 'seedrandom' || v.kind === 'numpy') ? null : "a random stream state of kind 'seedrandom' or 'numpy'"),
};

/**
 * Checks that `value` is a Solver checkpoint this version reads, field by field, and returns it
 * typed. Errors name `source` (e.g. the file) and the field: a hand-edited `iteration: -100`
 * gives "field 'iteration' must be an integer ≥ 0, got -100".
 * @example
 *   validateCheckpoint(JSON.parse(text), "'runs/keep-1_epoch_2.json'").iteration; // e.g. 10
 */
export function validateCheckpoint(value: unknown, source = 'the checkpoint'): SolverCheckpoint {
  const fail = (message: string): never => {
    throw new Error(`Solver.resume: ${source} ${message}`);
  };
  if (!isObject(value) || value.format !== CHECKPOINT_FORMAT) fail(`is not a Solver checkpoint (format is ${JSON.stringify(isObject(value) ? value.format : value) ?? 'missing'})`);
  const cp = value as Record<string, unknown>;
  if (cp.version !== CHECKPOINT_VERSION) fail(`has checkpoint version ${show(cp.version)}, but this @dropout/optim reads version ${CHECKPOINT_VERSION}`);
  for (const [field, check] of Object.entries(FIELDS)) {
    const problem = check(cp[field]);
    if (problem) fail(`is invalid: field '${field}' must be ${problem}, got ${field in cp ? show(cp[field]) : 'nothing (it is missing)'}`);
  }
  const { iteration, lossHistory, trainAccHistory, valAccHistory } = cp as unknown as SolverCheckpoint;
  if (lossHistory.length !== iteration) fail(`is invalid: field 'iteration' is ${iteration} but 'lossHistory' holds ${lossHistory.length} losses; they must agree`);
  if (trainAccHistory.length !== valAccHistory.length) fail("is invalid: fields 'trainAccHistory' and 'valAccHistory' must have one entry per accuracy check each");
  return value as unknown as SolverCheckpoint;
}
