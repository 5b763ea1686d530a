import { describe, expect, it } from 'vitest';
import { RUN_RECORD_SCHEMA_VERSION, validateRunRecord } from '../src/index.js';
import { broken, record } from './sample-record.js';

describe('validateRunRecord', () => {
  it('accepts a valid record (every cell kind, optional error, dataset null) and returns it', () => {
    const r = record();
    expect(validateRunRecord(r)).toBe(r);
    const withDataset = broken((x) => (x.dataset = { name: 'CIFAR-10', source: 'data/', hash: 'ab12', shapes: { XTrain: [49000, 3072] } }));
    expect(() => validateRunRecord(withDataset)).not.toThrow();
    // A failed run keeps its history and the reason.
    const failedRun = broken((x) => Object.assign(x.cells[4].runs[0], { status: 'failed', error: 'loss is NaN at iteration 2' }));
    expect(() => validateRunRecord(failedRun)).not.toThrow();
  });

  it.each([
    ['a missing top-level field', (r: any) => delete r.name, /at record\.name: expected a string, got nothing \(the field is missing\)/],
    ['a wrong status', (r: any) => (r.status = 'done'), /at record\.status: expected one of "complete", "partial", "failed", got "done"/],
    ['a bad config field', (r: any) => (r.config.rng = 'mt'), /at record\.config\.rng: expected one of "numpy", "seedrandom"/],
    ['a string where a number belongs', (r: any) => (r.config.keepRatios[1] = '0.25'), /at record\.config\.keepRatios\[1\]: expected a finite number, got "0\.25" \(a string\)/],
    ['a string p in the forward rows', (r: any) => (r.cells[1].rows[0].p = '0.5'), /at record\.cells\[1\]\.rows\[0\]\.p: expected a finite number, got "0\.5" \(a string\)/],
    ['a bad float width', (r: any) => (r.backend.floatBits = 16), /at record\.backend\.floatBits: expected one of 32, 64, got 16/],
    ['an unknown cell kind', (r: any) => (r.cells[0].kind = 'plot'), /at record\.cells\[0\]\.kind: expected one of data, dropout-forward/],
    ['an inherited cell kind', (r: any) => (r.cells[0].kind = 'toString'), /at record\.cells\[0\]\.kind: expected one of data/],
    ['a bad cell status', (r: any) => (r.cells[2].status = 'ok'), /at record\.cells\[2\]\.status/],
    ['a bad nested run field', (r: any) => (r.cells[4].runs[0].seed = null), /at record\.cells\[4\]\.runs\[0\]\.seed: expected a finite number, got null/],
    ['a string in the loss history', (r: any) => (r.cells[4].runs[0].lossHistory[1] = '2.1'), /at record\.cells\[4\]\.runs\[0\]\.lossHistory\[1\]: expected a finite number/],
    ['a null (non-finite) loss', (r: any) => (r.cells[4].runs[0].lossHistory[1] = null), /lossHistory\[1\]: expected a finite number, got null/],
    ['a bad record-of entry', (r: any) => (r.cells[3].runs[0].relErrors.W1 = 'small'), /at record\.cells\[3\]\.runs\[0\]\.relErrors\.W1: expected a finite number/],
    ['a bad optional error', (r: any) => (r.cells[4].error = 42), /at record\.cells\[4\]\.error: expected a string, got 42/],
    ['a bad dataset', (r: any) => (r.dataset = { name: 'x' }), /at record\.dataset\.source: expected a string, got nothing/],
    ['a bad version map', (r: any) => (r.versions['@dropout/optim'] = 1), /at record\.versions\.@dropout\/optim: expected a string, got 1/],
    ['a bad model path', (r: any) => (r.cells[4].runs[0].modelPath = 3), /at record\.cells\[4\]\.runs\[0\]\.modelPath: expected a string, got 3/],
    ['a bad reliability bin', (r: any) => (r.cells[5].nets[0].predictions[0].reliability[1].accuracy = '0.75'),
      /at record\.cells\[5\]\.nets\[0\]\.predictions\[0\]\.reliability\[1\]\.accuracy: expected a finite number, got "0\.75" \(a string\)/],
    ['an MC accuracy above 1', (r: any) => (r.cells[5].nets[0].predictions[0].accuracy = 75), /predictions\[0\]\.accuracy: expected a fraction in \[0, 1\], got 75/],
    ['a missing MC histogram', (r: any) => delete r.cells[5].nets[0].predictions[0].entropyHistogram,
      /at record\.cells\[5\]\.nets\[0\]\.predictions\[0\]\.entropyHistogram: expected an object, got nothing/],
    ['a non-object machine', (r: any) => (r.machine = []), /at record\.machine: expected an object, got an array/],
    // Values of the right type but outside what a run can produce:
    ['a negative keep ratio in a run', (r: any) => (r.cells[4].runs[0].keepRatio = -5), /at record\.cells\[4\]\.runs\[0\]\.keepRatio: expected a keep probability in \(0, 1\] \(1 = no dropout\), got -5/],
    ['a keep ratio of 0 in the config', (r: any) => (r.config.keepRatios[0] = 0), /at record\.config\.keepRatios\[0\]: expected a keep probability in \(0, 1\]/],
    ['a keep ratio above 1 in a forward row', (r: any) => (r.cells[1].rows[0].p = 1.5), /at record\.cells\[1\]\.rows\[0\]\.p: expected a keep probability/],
    ['an accuracy above 1', (r: any) => (r.cells[4].runs[0].valAccHistory[0] = 3), /at record\.cells\[4\]\.runs\[0\]\.valAccHistory\[0\]: expected a fraction in \[0, 1\], got 3/],
    ['a fractional seed', (r: any) => (r.config.seeds[0] = 2.5), /at record\.config\.seeds\[0\]: expected an integer ≥ 0, got 2\.5/],
    ['a negative epoch count', (r: any) => (r.cells[4].runs[0].epochsDone = -1), /at record\.cells\[4\]\.runs\[0\]\.epochsDone: expected an integer ≥ 0, got -1/],
    ['more epochs done than asked', (r: any) => (r.cells[4].runs[0].epochsDone = 3), /at record\.cells\[4\]\.runs\[0\]\.epochsDone: expected at most numEpochs \(2\), got 3/],
    ['a zero batch size', (r: any) => (r.config.batchSize = 0), /at record\.config\.batchSize: expected an integer ≥ 1, got 0/],
    ['a negative learning rate', (r: any) => (r.config.learningRate = -1e-3), /at record\.config\.learningRate: expected a number > 0, got -0\.001/],
    ['a negative duration', (r: any) => (r.cells[0].durationMs = -4), /at record\.cells\[0\]\.durationMs: expected a number ≥ 0, got -4/],
    ['a date that is not a date', (r: any) => (r.createdAt = 'yesterday'), /at record\.createdAt: expected an ISO date such as 2025-08-26T14:03:22Z, got "yesterday"/],
    ['a negative relative error', (r: any) => (r.cells[3].runs[0].relErrors.W1 = -1), /relErrors\.W1: expected a number ≥ 0, got -1/],
  ])('names the field and the rule for %s', (_what, edit, message) => {
    expect(() => validateRunRecord(broken(edit))).toThrow(message);
  });

  it('rejects another schema version with a message naming both versions', () => {
    const other = broken((r) => (r.schemaVersion = RUN_RECORD_SCHEMA_VERSION + 1));
    expect(() => validateRunRecord(other)).toThrow(
      new RegExp(`schema version ${RUN_RECORD_SCHEMA_VERSION + 1}, but this version reads ${RUN_RECORD_SCHEMA_VERSION}`),
    );
    expect(() => validateRunRecord(broken((r) => delete r.schemaVersion))).toThrow(/at record\.schemaVersion: expected one of 1, got nothing/);
  });

  it('rejects values that are not records at all', () => {
    expect(() => validateRunRecord(null)).toThrow(/at record: expected an object, got null/);
    expect(() => validateRunRecord([])).toThrow(/at record: expected an object/);
  });
});
