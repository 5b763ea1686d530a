import { RUN_RECORD_SCHEMA_VERSION, type RunRecord } from './run-record.js';
import { arrayOf, count, fail, finite, isoDate, maybe, nonNegative, oneOf, probability, recordOf, shape, str, type Check } from './checks.js';

const fraction = probability('a fraction in [0, 1]', 0, true);
const keep = probability('a keep probability in (0, 1] (1 = no dropout)', 0, false);
const positive: Check = (v, p) => {
  finite(v, p);
  if ((v as number) <= 0) fail(p, 'a number > 0', v);
};
const status = oneOf('complete', 'partial', 'failed');
const dims = arrayOf(count(0));

const trainingRunFields = shape({
  name: str, keepRatio: keep, seed: count(0), status, numEpochs: count(1), epochsDone: count(0), iterations: count(0),
  lossHistory: arrayOf(finite), trainAccHistory: arrayOf(fraction), valAccHistory: arrayOf(fraction), bestValAcc: fraction,
  finalTrainAcc: maybe(fraction), finalValAcc: maybe(fraction), logLines: arrayOf(str),
  timings: shape({ totalMs: nonNegative, stepMs: nonNegative, evalMs: nonNegative }), error: str, modelPath: str,
}, ['error', 'modelPath']);
const trainingRun: Check = (v, p) => {
  trainingRunFields(v, p);
  const run = v as { epochsDone: number; numEpochs: number };
  if (run.epochsDone > run.numEpochs) fail(`${p}.epochsDone`, `at most numEpochs (${run.numEpochs})`, run.epochsDone);
};
const cellBase = { id: str, title: str, status: oneOf('done', 'skipped', 'interrupted', 'failed'), lines: arrayOf(str), durationMs: nonNegative, error: str };
const cellKinds: Record<string, Record<string, Check>> = {
  data: { shapes: recordOf(dims) },
  'dropout-forward': {
    rows: arrayOf(shape({ p: keep, inputMean: finite, trainMean: finite, testMean: finite, trainZeroFraction: fraction, testZeroFraction: fraction })),
  },
  'dropout-backward': { dxRelError: maybe(nonNegative) },
  'fc-gradcheck': { runs: arrayOf(shape({ keepRatio: keep, initialLoss: finite, relErrors: recordOf(nonNegative) })) },
  regularization: { runs: arrayOf(trainingRun) },
  'mc-dropout': {
    samples: arrayOf(count(1)), seed: count(0), numBins: count(0), numImages: count(0),
    nets: arrayOf(shape({
      run: str, keepRatio: keep, seed: count(0),
      predictions: arrayOf(shape({
        samples: count(0), accuracy: fraction, ece: fraction, meanConfidence: fraction,
        reliability: arrayOf(shape({ lower: fraction, upper: fraction, count: count(0), accuracy: maybe(fraction), confidence: maybe(fraction) })),
        entropyCorrect: maybe(nonNegative), entropyWrong: maybe(nonNegative),
        entropyHistogram: shape({ edges: arrayOf(nonNegative), correct: arrayOf(count(0)), wrong: arrayOf(count(0)) }),
        meanStd: nonNegative,
      })),
    })),
  },
};
const cell: Check = (v, p) => {
  const kind = (v as { kind?: unknown } | null)?.kind;
  if (typeof kind !== 'string' || !Object.hasOwn(cellKinds, kind)) fail(`${p}.kind`, `one of ${Object.keys(cellKinds).join(', ')}`, kind);
  shape({ ...cellBase, ...cellKinds[kind]! }, ['error'])(v, p);
};

const record = shape({
  schemaVersion: oneOf(RUN_RECORD_SCHEMA_VERSION),
  name: str, createdAt: isoDate, finishedAt: maybe(isoDate), status, missing: arrayOf(str),
  config: shape({
    cells: arrayOf(str), keepRatios: arrayOf(keep), seeds: arrayOf(count(0)), numEpochs: count(1), numTrain: count(1), batchSize: count(1),
    updateRule: str, learningRate: positive, hiddenDims: arrayOf(count(1)), printEvery: count(1), dataset: str, rng: oneOf('numpy', 'seedrandom'),
  }),
  backend: shape({ requested: str, name: str, floatBits: oneOf(32, 64) }),
  dataset: maybe(shape({ name: str, source: str, hash: str, shapes: recordOf(dims) })),
  cells: arrayOf(cell),
  timings: shape({ totalMs: nonNegative }),
  versions: recordOf(str),
  machine: shape({ platform: str, arch: str, cpuModel: str, cpuCount: count(1), totalMemGiB: nonNegative }),
});

/**
 * Checks that `value` is a run record of the current schema and returns it typed; otherwise
 * throws an error naming the first bad field and what it should be, e.g.
 * `Invalid run record at record.cells[4].runs[0].keepRatio: expected a keep probability in (0, 1] (1 = no dropout), got -5`.
 * Types and ranges are both checked: a string where a number belongs is named as the wrong type.
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
