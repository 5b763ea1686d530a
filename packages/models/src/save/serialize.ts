import type { Tensor } from '@dropout/tensor';
import { FullyConnectedNet } from '../fully-connected-net.js';
import type { Sequential } from '../sequential.js';
import { crc32 } from './crc32.js';
import { MODEL_FORMAT, MODEL_FORMAT_VERSION, type ModelManifest, type ModelTopology, type WeightEntry } from './manifest.js';
import type { TrainedModel } from './trained-model.js';
import pkg from '../../package.json' with { type: 'json' };

/** The name `model.json` gives its weights file. */
export const WEIGHTS_FILE = 'weights.bin';

/** A saved model in memory: the manifest (JSON) and the weights it describes. */
export interface ModelArtifacts {
  manifest: ModelManifest;
  weights: Uint8Array;
}

if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) {
  throw new Error('@dropout/models: saved model files are little-endian and this platform is big-endian');
}

function topologyOf(model: Sequential): ModelTopology {
  if (model instanceof FullyConnectedNet) return { class: 'FullyConnectedNet', options: model.options };
  const layers = model.layers.map((layer, i) => {
    if (!layer.toConfig) {
      throw new Error(`serializeModel: layers[${i}] (${layer.type}) has no toConfig(); give it one (and a factory when loading) to save the model`);
    }
    return { type: layer.type, config: layer.toConfig() };
  });
  return { class: 'Sequential', numClasses: model.numClasses, reg: model.reg, layers };
}

/** Reads a tensor on any backend (async-only ones included). */
async function values(t: Tensor): Promise<Float32Array | Float64Array> {
  return t.backend.syncRead ? t.read() : t.readAsync();
}

/**
 * The model file in memory: `model.json`'s object and the bytes of `weights.bin` (parameters in
 * the dtype they were trained in, batch norm running statistics, the mean image as float64).
 * Browser-safe; `saveModel` of `@dropout/models/node` writes the two files.
 * @example
 *   const { manifest, weights } = await serializeModel({ model, preprocessing, run: null, versions: {} });
 */
export async function serializeModel(trained: TrainedModel | Sequential): Promise<ModelArtifacts> {
  const t: TrainedModel = 'model' in trained ? trained : { model: trained, preprocessing: null, run: null, versions: {} };
  const { model, preprocessing } = t;
  const arrays: Array<{ entry: Omit<WeightEntry, 'byteOffset' | 'byteLength'>; data: Float32Array | Float64Array }> = [];
  for (const [name, p] of Object.entries(model.params)) {
    arrays.push({ entry: { name, group: 'param', shape: [...p.shape], dtype: p.dtype }, data: await values(p) });
  }
  for (const [i, layer] of model.layers.entries()) {
    for (const [name, b] of Object.entries(layer.getBuffers?.() ?? {})) {
      arrays.push({ entry: { name: `layers.${i}.${name}`, group: 'buffer', shape: [...b.shape], dtype: b.dtype }, data: await values(b) });
    }
  }
  if (preprocessing?.meanImage) {
    const m = preprocessing.meanImage;
    arrays.push({ entry: { name: 'preprocessing.meanImage', group: 'preprocessing', shape: [m.length], dtype: 'float64' }, data: m });
  }
  const byteLength = arrays.reduce((n, a) => n + a.data.byteLength, 0);
  const weights = new Uint8Array(byteLength);
  const entries: WeightEntry[] = [];
  let offset = 0;
  for (const { entry, data } of arrays) {
    // A float32 tensor is stored as float32 and a float64 one as float64: the bytes as trained.
    const typed = entry.dtype === 'float64' ? Float64Array.from(data) : Float32Array.from(data);
    weights.set(new Uint8Array(typed.buffer, typed.byteOffset, typed.byteLength), offset);
    entries.push({ ...entry, byteOffset: offset, byteLength: typed.byteLength });
    offset += typed.byteLength;
  }
  const manifest: ModelManifest = {
    format: MODEL_FORMAT,
    formatVersion: MODEL_FORMAT_VERSION,
    topology: topologyOf(model),
    dtype: model.backend.dtype,
    backend: model.backend.name,
    weights: { path: WEIGHTS_FILE, byteLength, crc32: crc32(weights), entries },
    preprocessing: preprocessing ? { inputShape: [...preprocessing.inputShape], classNames: preprocessing.classNames && [...preprocessing.classNames] } : null,
    run: t.run,
    versions: { ...t.versions, '@dropout/models': pkg.version },
    savedAt: new Date().toISOString(),
  };
  return { manifest, weights };
}

/**
 * The model file as two Blobs, for a browser download or IndexedDB: `model.json` and `weights.bin`.
 * @example
 *   const { json, weights } = await modelToBlobs(trained);
 *   link.href = URL.createObjectURL(json);
 */
export async function modelToBlobs(trained: TrainedModel | Sequential): Promise<{ json: Blob; weights: Blob }> {
  const { manifest, weights } = await serializeModel(trained);
  return {
    json: new Blob([JSON.stringify(manifest, null, 2)], { type: 'application/json' }),
    weights: new Blob([weights as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' }),
  };
}
