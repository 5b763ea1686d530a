import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRng, getBackend, loadBackend, randn, type Backend, type Tensor } from '@dropout/tensor';
import { afterAll, describe, expect, it } from 'vitest';
import { mountTestsSkipped, mountTmpfs } from '@dropout/tmpfs';
import { loadModel, saveModel } from '../node/index.js';
import { AffineLayer, deserializeModel, FullyConnectedNet, ModelFileError, ReluLayer, Sequential, serializeModel, type Layer } from '../index.js';

const root = mkdtempSync(join(tmpdir(), 'dropout-models-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const folder = () => join(root, `m${n++}`);

const cpu32 = getBackend('cpu32');
const bytes = (t: Tensor) => Buffer.from(t.read().buffer, t.read().byteOffset, t.read().byteLength).toString('hex');

/** A batch-norm net whose running statistics have moved (two train-mode passes). */
function trainedNet(dtype: 'float32' | 'float64' = 'float32', backend?: Backend): FullyConnectedNet {
  const model = new FullyConnectedNet({
    hiddenDims: [8, 6], inputDim: 5, numClasses: 4, normalization: 'batchnorm', dropoutKeepRatio: 0.5, reg: 0.1, dtype: backend?.dtype ?? dtype, rng: createRng(3),
    ...(backend ? { backend } : {}),
  });
  const X = randn(createRng(4), [10, 5], model.backend);
  const y = [0, 1, 2, 3, 0, 1, 2, 3, 0, 1];
  for (let i = 0; i < 2; i++) Object.values(model.loss(X, y).grads).forEach((g) => g.dispose());
  return model;
}
const preprocessing = { inputShape: [1, 1, 5], meanImage: Float64Array.from([0.1, 0.2, 0.3, 0.4, 1 / 3]), classNames: ['a', 'b', 'c', 'd'] };
const run = { name: 'mnist', createdAt: '2026-12-01T20:00:00.000Z', trainingRun: 'keep 0.5 · seed 231', dataset: { name: 'MNIST', hash: 'ab' } };

describe('saveModel / loadModel', () => {
  it('round-trips parameters, running statistics, preprocessing and identity; predictions are bit-identical', async () => {
    const model = trainedNet();
    const dir = folder();
    const path = await saveModel(dir, { model, preprocessing, run, versions: { '@dropout/tensor': '0.1.0' } });
    expect(readdirSync(dir).sort()).toEqual(['model.json', 'weights.bin']);
    const loaded = await loadModel(path);
    expect(loaded.model).toBeInstanceOf(FullyConnectedNet);
    expect((loaded.model as FullyConnectedNet).options).toEqual(model.options);
    expect(loaded.preprocessing).toEqual(preprocessing);
    expect(loaded.run).toEqual(run);
    expect(loaded.versions['@dropout/models']).toBe(JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version);
    expect((loaded.model as FullyConnectedNet).getState().bnParams).toEqual(model.getState().bnParams);
    const X = randn(createRng(5), [7, 5], cpu32);
    expect(bytes(loaded.model.scores(X))).toBe(bytes(model.scores(X)));
    const manifest = JSON.parse(readFileSync(path, 'utf8'));
    expect(manifest.formatVersion).toBe(1);
    expect(manifest.weights.entries.filter((e: { group: string }) => e.group === 'buffer').map((e: { name: string }) => e.name))
      .toEqual(['layers.1.runningMean', 'layers.1.runningVar', 'layers.5.runningMean', 'layers.5.runningVar']);
  });

  it('keeps float64 parameters as float64 and float32 as float32', async () => {
    for (const dtype of ['float32', 'float64'] as const) {
      const { manifest, weights } = await serializeModel(trainedNet(dtype));
      const W1 = manifest.weights.entries.find((e) => e.name === 'W1')!;
      expect(W1.dtype).toBe(dtype);
      expect(W1.byteLength).toBe(5 * 8 * (dtype === 'float64' ? 8 : 4));
      expect(deserializeModel(manifest, weights).model.backend.dtype).toBe(dtype);
    }
  });

  it('gives bit-identical predictions in a fresh Node process on the same backend', async () => {
    const dist = new URL('../../dist/node/index.js', import.meta.url);
    expect(existsSync(dist), 'the child process loads the built package (test/build-dist.ts builds it)').toBe(true);
    for (const backendName of ['cpu32', 'cpu64', 'wasm32']) {
      const model = trainedNet('float32', await loadBackend(backendName));
      const dir = folder();
      await saveModel(dir, model);
      const child = spawnSync(process.execPath, [new URL('../../test/child-predict.mjs', import.meta.url).pathname, dir, backendName, '6', '5'], { encoding: 'utf8' });
      expect(child.stderr).toBe('');
      expect(child.status).toBe(0);
      expect(child.stdout).toBe(bytes(model.scores(randn(createRng(99), [6, 5], model.backend))));
    }
  });

  it('keeps the browser entry free of node: imports', () => {
    const dist = new URL('../../dist/', import.meta.url);
    const main = readFileSync(new URL('index.js', dist), 'utf8');
    const chunks = [...main.matchAll(/from "\.\/([^"]+)"/g)].map((m) => readFileSync(new URL(m[1]!, dist), 'utf8'));
    for (const code of [main, ...chunks]) expect(code).not.toMatch(/from "node:|require\("node:/);
  });
});

describe('damaged, foreign and other-version files', () => {
  async function saved(): Promise<{ dir: string; manifest: Record<string, unknown> }> {
    const dir = folder();
    await saveModel(dir, trainedNet());
    return { dir, manifest: JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) };
  }
  const write = (dir: string, m: unknown) => writeFileSync(join(dir, 'model.json'), typeof m === 'string' ? m : JSON.stringify(m));
  const rejects = async (dir: string, file: string, pattern: RegExp) => {
    const err = await loadModel(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelFileError);
    expect((err as ModelFileError).file).toBe(join(dir, file));
    expect((err as Error).message).toMatch(pattern);
  };

  it('names the file and the problem', async () => {
    const { dir, manifest } = await saved();
    const missing = folder();
    await expect(loadModel(missing)).rejects.toThrow(`${missing}: does not exist (expected a model folder or its model.json)`);
    write(dir, '{"format": "dropout-model", ');
    await rejects(dir, 'model.json', /is not valid JSON/);
    write(dir, { format: 'layers-model', modelTopology: {} });
    await rejects(dir, 'model.json', /is not a @dropout\/models file \(its "format" is "layers-model"/);
    write(dir, { ...manifest, formatVersion: 2 });
    await rejects(dir, 'model.json', /format version 2, this @dropout\/models reads version 1; upgrade/);
    const w = manifest.weights as { entries: Array<{ shape: number[] }> };
    write(dir, { ...manifest, weights: { ...w, entries: [{ ...w.entries[0], shape: [5, 9] }, ...w.entries.slice(1)] } });
    await rejects(dir, 'model.json', /weights\.entries\[0\]" \(W1\) claims bytes 0\+160/);
    write(dir, { ...manifest, topology: { class: 'FullyConnectedNet', options: { hiddenDims: [8, 7], inputDim: 5, numClasses: 4, normalization: 'batchnorm', dropoutKeepRatio: 0.5 } } });
    await rejects(dir, 'model.json', /gives W2 the shape \[8,6\] but its topology builds \[8,7\]/);
    write(dir, manifest);
    const weights = readFileSync(join(dir, 'weights.bin'));
    writeFileSync(join(dir, 'weights.bin'), weights.subarray(0, 100));
    await rejects(dir, 'weights.bin', /is 100 bytes but .*model\.json describes \d+; it is truncated/);
    weights[17] ^= 0x40;
    writeFileSync(join(dir, 'weights.bin'), weights);
    await rejects(dir, 'weights.bin', /is damaged: its CRC-32 is [0-9a-f]{8}, .* records [0-9a-f]{8}/);
  });

  it('refuses to load onto a backend of the other dtype', async () => {
    const { dir } = await saved();
    await expect(loadModel(dir, { backend: getBackend('cpu64') })).rejects.toThrow(/holds float32 parameters but backend cpu64 stores float64/);
  });
});

describe('Sequential with a layer of your own', () => {
  const square: Layer<Tensor> = {
    type: 'square',
    forward: (x) => ({ out: x, cache: x }),
    backward: (dout) => ({ dx: dout }),
  };
  const make = (extra: Layer) => new Sequential([
    new AffineLayer({ index: 1, inputDim: 3, outputDim: 4, backend: cpu32, rng: createRng(1) }), new ReluLayer(), extra,
    new AffineLayer({ index: 2, inputDim: 4, outputDim: 2, backend: cpu32, rng: createRng(2) }),
  ], { backend: cpu32, numClasses: 2 });

  it('needs toConfig to save and a factory to load', async () => {
    await expect(serializeModel(make(square))).rejects.toThrow(/layers\[2\] \(square\) has no toConfig\(\)/);
    const model = make({ ...square, toConfig: () => ({}) });
    const { manifest, weights } = await serializeModel(model);
    expect(() => deserializeModel(manifest, weights)).toThrow(/layers\[2\] has type "square", which has no factory/);
    const loaded = deserializeModel(JSON.stringify(manifest), weights.slice().buffer, { layers: { square: () => ({ ...square, toConfig: () => ({}) }) } });
    const X = randn(createRng(3), [2, 3], cpu32);
    expect(bytes(loaded.model.scores(X))).toBe(bytes(model.scores(X)));
  });
});

describe.skipIf(mountTestsSkipped)('saveModel on a full disk (a real 64 KiB tmpfs; needs root)', () => {
  it('throws, leaves no temp file and keeps the previous model whole', async () => {
    const disk = mountTmpfs('64k');
    const mount = disk.dir;
    try {
      const small = new FullyConnectedNet({ hiddenDims: [4], inputDim: 5, numClasses: 2 });
      await saveModel(mount, small);
      const before = readFileSync(join(mount, 'model.json'), 'utf8');
      const big = new FullyConnectedNet({ hiddenDims: [100, 100], inputDim: 100, numClasses: 10 }); // ~200 KB of weights
      await expect(saveModel(mount, big)).rejects.toThrow(/ENOSPC/);
      expect(readdirSync(mount).sort()).toEqual(['model.json', 'weights.bin']);
      expect(readFileSync(join(mount, 'model.json'), 'utf8')).toBe(before);
      expect(statSync(join(mount, 'weights.bin')).size).toBe(JSON.parse(before).weights.byteLength);
      expect((await loadModel(mount)).model.params.W1!.shape).toEqual([5, 4]);
    } finally {
      disk.unmount();
    }
  });
  it('into a new folder: throws and leaves none of the folders it created', async () => {
    const disk = mountTmpfs('64k');
    const mount = disk.dir;
    try {
      const big = new FullyConnectedNet({ hiddenDims: [100, 100], inputDim: 100, numClasses: 10 }); // ~200 KB of weights
      await expect(saveModel(join(mount, 'models', 'keep-0.25-seed-231'), big)).rejects.toThrow(/ENOSPC/);
      expect(readdirSync(mount)).toEqual([]);
      // A folder that was there before stays, empty as it was.
      execFileSync('mkdir', [join(mount, 'models')]);
      await expect(saveModel(join(mount, 'models', 'keep-1-seed-231'), big)).rejects.toThrow(/ENOSPC/);
      expect(readdirSync(mount)).toEqual(['models']);
      expect(readdirSync(join(mount, 'models'))).toEqual([]);
    } finally {
      disk.unmount();
    }
  });
});
