import { RUN_RECORD_SCHEMA_VERSION, type RunRecord } from './run-record.js';

type Check = (v: unknown, path: string) => void;

function fail(path: string, want: string, got: unknown): never {
  const shown = got === undefined ? 'nothing' : JSON.stringify(got)?.slice(0, 60);
  throw new Error(`Invalid run record at ${path}: expected ${want}, got ${shown}`);
}

const num: Check = (v, p) => { if (typeof v !== 'number') fail(p, 'a number', v); };
const str: Check = (v, p) => { if (typeof v !== 'string') fail(p, 'a string', v); };
const numOrNull: Check = (v, p) => { if (v !== null && typeof v !== 'number') fail(p, 'a number or null', v); };
const strOrNull: Check = (v, p) => { if (v !== null && typeof v !== 'string') fail(p, 'a string or null', v); };
const oneOf = (...values: unknown[]): Check => (v, p) => { if (!values.includes(v)) fail(p, `one of ${values.map((x) => JSON.stringify(x)).join(', ')}`, v); };
const arrayOf = (item: Check): Check => (v, p) => {
  if (!Array.isArray(v)) fail(p, 'an array', v);
  v.forEach((x, i) => item(x, `${p}[${i}]`));
};
const recordOf = (item: Check): Check => (v, p) => {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) fail(p, 'an object', v);
  for (const [k, x] of Object.entries(v)) item(x, `${p}.${k}`);
};
const shape = (fields: Record<string, Check>, optional: string[] = []): Check => (v, p) => {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) fail(p, 'an object', v);
  for (const [k, check] of Object.entries(fields)) {
    const x = (v as Record<string, unknown>)[k];
    if (x === undefined && optional.includes(k)) continue;
    check(x, `${p}.${k}`);
  }
};

const history = { lossHistory: arrayOf(num), trainAccHistory: arrayOf(num), valAccHistory: arrayOf(num) };
const status = oneOf('complete', 'partial', 'failed');
const trainingRun = shape({
  ...history, name: str, keepRatio: num, seed: num, status, numEpochs: num, epochsDone: num, iterations: num,
  bestValAcc: num, finalTrainAcc: numOrNull, finalValAcc: numOrNull, logLines: arrayOf(str),
  timings: shape({ totalMs: num, stepMs: num, evalMs: num }), modelPath: str,
}, ['modelPath']);
const reliabilityBin = shape({ lower: num, upper: num, count: num, accuracy: numOrNull, confidence: numOrNull });
const mcPrediction = shape({
  samples: num, accuracy: num, ece: num, meanConfidence: num, reliability: arrayOf(reliabilityBin),
  entropyCorrect: numOrNull, entropyWrong: numOrNull,
  entropyHistogram: shape({ edges: arrayOf(num), correct: arrayOf(num), wrong: arrayOf(num) }), meanStd: num,
});
const cellBase = { id: str, title: str, status: oneOf('done', 'skipped', 'interrupted', 'failed'), lines: arrayOf(str), durationMs: num, error: str };
const cellKinds: Record<string, Record<string, Check>> = {
  data: { shapes: recordOf(arrayOf(num)) },
  'dropout-forward': {
    rows: arrayOf(shape({ p: num, inputMean: num, trainMean: num, testMean: num, trainZeroFraction: num, testZeroFraction: num })),
  },
  'dropout-backward': { dxRelError: numOrNull },
  'fc-gradcheck': { runs: arrayOf(shape({ keepRatio: num, initialLoss: num, relErrors: recordOf(num) })) },
  regularization: { runs: arrayOf(trainingRun) },
  'mc-dropout': {
    samples: arrayOf(num), seed: num, numBins: num, numImages: num,
    nets: arrayOf(shape({ run: str, keepRatio: num, seed: num, predictions: arrayOf(mcPrediction) })),
  },
};
const cell: Check = (v, p) => {
  const kind = (v as { kind?: unknown } | null)?.kind;
  if (typeof kind !== 'string' || !(kind in cellKinds)) fail(`${p}.kind`, `one of ${Object.keys(cellKinds).join(', ')}`, kind);
  shape({ ...cellBase, ...cellKinds[kind]! }, ['error'])(v, p);
};

const record = shape({
  schemaVersion: oneOf(RUN_RECORD_SCHEMA_VERSION),
  name: str, createdAt: str, finishedAt: strOrNull, status, missing: arrayOf(str),
  config: shape({
    cells: arrayOf(str), keepRatios: arrayOf(num), seeds: arrayOf(num), numEpochs: num, numTrain: num, batchSize: num,
    updateRule: str, learningRate: num, hiddenDims: arrayOf(num), printEvery: num, dataset: str, rng: oneOf('numpy', 'seedrandom'),
  }),
  backend: shape({ requested: str, name: str, floatBits: oneOf(32, 64) }),
  dataset: (v, p) => { if (v !== null) shape({ name: str, source: str, hash: str, shapes: recordOf(arrayOf(num)) })(v, p); },
  cells: arrayOf(cell),
  timings: shape({ totalMs: num }),
  versions: recordOf(str),
  machine: shape({ platform: str, arch: str, cpuModel: str, cpuCount: num, totalMemGiB: num }),
});

/**
 * Checks that `value` is a run record of the current schema and returns it typed; otherwise
 * throws an error naming the first bad field (e.g. `record.cells[2].runs[0].seed`).
 * @example
 *   const rec = validateRunRecord(JSON.parse(fs.readFileSync('record.json', 'utf8')));
 */
export function validateRunRecord(value: unknown): RunRecord {
  const version = (value as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (typeof version === 'number' && version !== RUN_RECORD_SCHEMA_VERSION) {
    throw new Error(`Run record has schema version ${version}, but this version reads ${RUN_RECORD_SCHEMA_VERSION}; re-run the experiment or use a matching @dropout/report`);
  }
  record(value, 'record');
  return value as RunRecord;
}
