import type { DType } from '@dropout/tensor';
import type { FullyConnectedNetOptions } from '../options.js';
import type { RunIdentity } from './trained-model.js';

/** The `format` field of every model manifest. */
export const MODEL_FORMAT = 'dropout-model';
/** The version of the format this package writes and reads. */
export const MODEL_FORMAT_VERSION = 1;

/** Where one array lives in the weights file. */
export interface WeightEntry {
  /** Parameter name (`W1`), `layers.<i>.<buffer>` (batch norm statistics) or `preprocessing.meanImage`. */
  name: string;
  group: 'param' | 'buffer' | 'preprocessing';
  shape: number[];
  dtype: DType;
  byteOffset: number;
  byteLength: number;
}

/** The architecture: a FullyConnectedNet by its options, or a Sequential by its layers. */
export type ModelTopology =
  | { class: 'FullyConnectedNet'; options: Omit<FullyConnectedNetOptions, 'rng' | 'backend'> }
  | { class: 'Sequential'; numClasses: number; reg: number; layers: Array<{ type: string; config: Record<string, unknown> }> };

/**
 * `model.json`: everything but the numbers, which are in the weights file it names (little-endian
 * float32/float64 arrays back to back, in the order of `weights.entries`).
 */
export interface ModelManifest {
  format: typeof MODEL_FORMAT;
  formatVersion: number;
  topology: ModelTopology;
  /** dtype of the parameters as trained. */
  dtype: DType;
  /** Backend the model was saved from (predictions are bit-identical after loading on the same one). */
  backend: string;
  weights: { path: string; byteLength: number; crc32: string; entries: WeightEntry[] };
  preprocessing: { inputShape: number[]; classNames: string[] | null } | null;
  run: RunIdentity | null;
  versions: Record<string, string>;
  savedAt: string;
}

/** A model file that cannot be read: names the file and what is wrong with it. */
export class ModelFileError extends Error {
  override name = 'ModelFileError';
  constructor(readonly file: string, problem: string) {
    super(`${file}: ${problem}`);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const isDims = (v: unknown): v is number[] => Array.isArray(v) && v.every((d) => Number.isInteger(d) && d >= 0);

/**
 * Checks that `json` is a model manifest this version reads, throwing a {@link ModelFileError}
 * naming `file` and the first thing wrong.
 * @example
 *   const manifest = checkManifest(JSON.parse(text), 'runs/x/model.json');
 */
export function checkManifest(json: unknown, file: string): ModelManifest {
  const fail = (problem: string): never => {
    throw new ModelFileError(file, problem);
  };
  if (!isObject(json)) return fail('is not a model manifest (expected a JSON object)');
  if (json.format !== MODEL_FORMAT) {
    return fail(`is not a @dropout/models file (its "format" is ${JSON.stringify(json.format)}, expected "${MODEL_FORMAT}")`);
  }
  if (json.formatVersion !== MODEL_FORMAT_VERSION) {
    const newer = typeof json.formatVersion === 'number' && json.formatVersion > MODEL_FORMAT_VERSION;
    return fail(
      `has format version ${JSON.stringify(json.formatVersion)}, this @dropout/models reads version ${MODEL_FORMAT_VERSION}` +
        (newer ? '; upgrade @dropout/models to load it' : '; re-save the model with this version'),
    );
  }
  const topology = json.topology;
  if (!isObject(topology) || (topology.class !== 'FullyConnectedNet' && topology.class !== 'Sequential')) {
    return fail('"topology.class" must be "FullyConnectedNet" or "Sequential"');
  }
  if (topology.class === 'FullyConnectedNet' && !isObject(topology.options)) fail('"topology.options" must be an object');
  if (topology.class === 'Sequential' && (!Array.isArray(topology.layers) || !topology.layers.every((l) => isObject(l) && typeof l.type === 'string'))) {
    fail('"topology.layers" must be a list of { type, config }');
  }
  if (json.dtype !== 'float32' && json.dtype !== 'float64') fail(`"dtype" must be "float32" or "float64", got ${JSON.stringify(json.dtype)}`);
  const w = json.weights;
  if (!isObject(w) || typeof w.path !== 'string' || !Number.isInteger(w.byteLength) || typeof w.crc32 !== 'string' || !Array.isArray(w.entries)) {
    return fail('"weights" must be { path, byteLength, crc32, entries: [...] }');
  }
  let offset = 0;
  w.entries.forEach((e: unknown, i: number) => {
    const where = `"weights.entries[${i}]"`;
    if (!isObject(e) || typeof e.name !== 'string' || !['param', 'buffer', 'preprocessing'].includes(e.group as string)) {
      fail(`${where} must be { name, group, shape, dtype, byteOffset, byteLength }`);
    }
    const entry = e as unknown as WeightEntry;
    if (!isDims(entry.shape)) fail(`${where}.shape must be a list of sizes`);
    const bytes = entry.dtype === 'float64' ? 8 : entry.dtype === 'float32' ? 4 : fail(`${where}.dtype must be float32 or float64`);
    const size = entry.shape.reduce((a, b) => a * b, 1);
    if (entry.byteOffset !== offset || entry.byteLength !== size * bytes) {
      fail(`${where} (${entry.name}) claims bytes ${entry.byteOffset}+${entry.byteLength}, but its shape and the entries before it give ${offset}+${size * bytes}`);
    }
    offset += entry.byteLength;
  });
  if (offset !== w.byteLength) fail(`"weights.byteLength" is ${w.byteLength} but the entries add up to ${offset} bytes`);
  const pre = json.preprocessing;
  if (pre !== null && (!isObject(pre) || !isDims(pre.inputShape) || !(pre.classNames === null || (Array.isArray(pre.classNames) && pre.classNames.every((c) => typeof c === 'string'))))) {
    fail('"preprocessing" must be null or { inputShape: [C, H, W], classNames: [...] | null }');
  }
  if (!isObject(json.versions)) fail('"versions" must be an object of package versions');
  if (json.run !== null && !(isObject(json.run) && typeof json.run.name === 'string' && typeof json.run.createdAt === 'string')) {
    fail('"run" must be null or { name, createdAt, … }');
  }
  return json as unknown as ModelManifest;
}
