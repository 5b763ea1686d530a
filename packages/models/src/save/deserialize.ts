import { fromArray, getBackend, keep, type Backend, type Tensor } from '@dropout/tensor';
import { FullyConnectedNet } from '../fully-connected-net.js';
import type { Layer } from '../layer.js';
import { AffineLayer } from '../layers/affine-layer.js';
import { DropoutLayer, type DropoutLayerOptions } from '../layers/dropout-layer.js';
import { BatchnormLayer, LayernormLayer } from '../layers/norm-layers.js';
import { ReluLayer } from '../layers/relu-layer.js';
import { Sequential } from '../sequential.js';
import { crc32 } from './crc32.js';
import { checkManifest, ModelFileError, type ModelManifest, type WeightEntry } from './manifest.js';
import type { TrainedModel } from './trained-model.js';

/** Rebuilds a layer from its saved `toConfig()` on the given backend. */
export type LayerFactory = (config: Record<string, unknown>, backend: Backend) => Layer;

const BUILTIN: Record<string, LayerFactory> = {
  affine: (c, backend) => new AffineLayer({ ...(c as { index: number; inputDim: number; outputDim: number }), backend }),
  relu: () => new ReluLayer(),
  dropout: (c) => new DropoutLayer(c as unknown as DropoutLayerOptions),
  batchnorm: (c, backend) => new BatchnormLayer({ ...(c as { index: number; dim: number }), backend }),
  layernorm: (c, backend) => new LayernormLayer({ ...(c as { index: number; dim: number }), backend }),
};

/** Options of {@link deserializeModel}. */
export interface LoadOptions {
  /** Backend to load onto (default cpu32 or cpu64 by the saved dtype); it must store that dtype. */
  backend?: Backend;
  /** Factories for your own layer types, by `type` (the built-in ones are known). */
  layers?: Record<string, LayerFactory>;
  /** Names the manifest and weights in error messages (default 'model.json' and its `weights.path`). */
  files?: { manifest?: string; weights?: string };
}

function build(manifest: ModelManifest, backend: Backend, factories: Record<string, LayerFactory>, file: string): Sequential {
  const { topology } = manifest;
  try {
    if (topology.class === 'FullyConnectedNet') return new FullyConnectedNet({ ...topology.options, dtype: manifest.dtype, backend });
    const layers = topology.layers.map(({ type, config }, i) => {
      const factory = factories[type] ?? BUILTIN[type];
      if (!factory) throw new Error(`layers[${i}] has type "${type}", which has no factory; pass loadModel(…, { layers: { ${type}: (config, backend) => … } })`);
      return factory(config ?? {}, backend);
    });
    return new Sequential(layers, { backend, numClasses: topology.numClasses, reg: topology.reg });
  } catch (err) {
    throw new ModelFileError(file, `its topology does not build a model: ${(err as Error).message}`);
  }
}

function view(bytes: Uint8Array, e: WeightEntry): Float32Array | Float64Array {
  // Copied so that the typed array is aligned whatever the file's offset in its buffer.
  const copy = new Uint8Array(bytes.subarray(e.byteOffset, e.byteOffset + e.byteLength));
  return e.dtype === 'float64' ? new Float64Array(copy.buffer) : new Float32Array(copy.buffer);
}

/**
 * Rebuilds a saved model from `model.json`'s text (or parsed object) and the weights' bytes.
 * Browser-safe; `loadModel` of `@dropout/models/node` reads the files. Throws a
 * `ModelFileError` naming the file and what is wrong for a foreign, damaged or other-version file.
 * @example
 *   const trained = deserializeModel(await (await fetch('model.json')).text(), await (await fetch('weights.bin')).arrayBuffer());
 */
export function deserializeModel(manifestJson: string | unknown, weights: ArrayBuffer | Uint8Array, options: LoadOptions = {}): TrainedModel {
  const file = options.files?.manifest ?? 'model.json';
  let json = manifestJson;
  if (typeof manifestJson === 'string') {
    try {
      json = JSON.parse(manifestJson);
    } catch (err) {
      throw new ModelFileError(file, `is not valid JSON (${(err as Error).message}); it is damaged or not a model manifest`);
    }
  }
  const manifest = checkManifest(json, file);
  const weightsFile = options.files?.weights ?? manifest.weights.path;
  const bytes = weights instanceof Uint8Array ? weights : new Uint8Array(weights);
  if (bytes.length !== manifest.weights.byteLength) {
    throw new ModelFileError(weightsFile, `is ${bytes.length} bytes but ${file} describes ${manifest.weights.byteLength}; it is truncated or belongs to another model`);
  }
  const sum = crc32(bytes);
  if (sum !== manifest.weights.crc32) throw new ModelFileError(weightsFile, `is damaged: its CRC-32 is ${sum}, ${file} records ${manifest.weights.crc32}`);
  const backend = options.backend ?? getBackend(manifest.dtype === 'float64' ? 'cpu64' : 'cpu32');
  if (backend.dtype !== manifest.dtype) {
    throw new ModelFileError(file, `holds ${manifest.dtype} parameters but backend ${backend.name} stores ${backend.dtype}; load it on a ${manifest.dtype} backend`);
  }
  const model = build(manifest, backend, options.layers ?? {}, file);
  try {
    fill(model, manifest, bytes, backend, file);
  } catch (err) {
    model.dispose();
    throw err;
  }
  const mean = manifest.weights.entries.find((e) => e.name === 'preprocessing.meanImage');
  const pre = manifest.preprocessing;
  return {
    model,
    preprocessing: pre && { inputShape: [...pre.inputShape], classNames: pre.classNames, meanImage: mean ? Float64Array.from(view(bytes, mean)) : null },
    run: manifest.run,
    versions: manifest.versions,
  };
}

function fill(model: Sequential, manifest: ModelManifest, bytes: Uint8Array, backend: Backend, file: string): void {
  const entries = new Map(manifest.weights.entries.map((e) => [e.name, e]));
  const upload = (e: WeightEntry | undefined, name: string, like: Tensor): Tensor => {
    if (!e) throw new ModelFileError(file, `has no weights for ${name}, which its topology needs`);
    if (e.shape.join('x') !== like.shape.join('x')) {
      throw new ModelFileError(file, `gives ${name} the shape [${e.shape}] but its topology builds [${like.shape}]`);
    }
    return keep(fromArray(view(bytes, e), e.shape, backend));
  };
  for (const [name, old] of Object.entries(model.params)) {
    model.params[name] = upload(entries.get(name), name, old);
    old.dispose();
  }
  for (const [i, layer] of model.layers.entries()) {
    const buffers = layer.getBuffers?.();
    if (!buffers) continue;
    const next = Object.fromEntries(Object.entries(buffers).map(([n, t]) => [n, upload(entries.get(`layers.${i}.${n}`), `layers.${i}.${n}`, t)]));
    layer.setBuffers!(next);
  }
  const known = new Set([...Object.keys(model.params), ...model.layers.flatMap((l, i) => Object.keys(l.getBuffers?.() ?? {}).map((n) => `layers.${i}.${n}`)), 'preprocessing.meanImage']);
  const extra = manifest.weights.entries.find((e) => !known.has(e.name));
  if (extra) throw new ModelFileError(file, `has weights for ${extra.name}, which its topology does not have`);
}
