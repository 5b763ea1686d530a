// Node entry of @dropout/models: saving to and loading from the file system. The main entry
// stays browser-safe (serializeModel / deserializeModel / modelToBlobs work on bytes).
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { writeFileAtomic } from '@dropout/tensor/node';
import { dirname, join, resolve } from 'node:path';
import type { Sequential } from '../sequential.js';
import { deserializeModel, type LoadOptions } from '../save/deserialize.js';
import { ModelFileError } from '../save/manifest.js';
import { serializeModel } from '../save/serialize.js';
import type { TrainedModel } from '../save/trained-model.js';

/** The manifest's file name inside a model folder. */
export const MANIFEST_FILE = 'model.json';

/**
 * Saves a model into the folder `dir` as `model.json` + `weights.bin` (created if needed), each
 * written atomically; the weights go first, so a `model.json` always describes complete weights.
 * When a write fails, the folders this call created are removed before the error is rethrown.
 * Returns the manifest's path.
 * @example
 *   saveModel('runs/mnist/models/keep-0.5', { model, preprocessing, run, versions });
 */
export async function saveModel(dir: string, trained: TrainedModel | Sequential): Promise<string> {
  const { manifest, weights } = await serializeModel(trained);
  // The first folder this call creates (undefined when `dir` exists): removed again on failure.
  const created = mkdirSync(dir, { recursive: true });
  const path = join(dir, MANIFEST_FILE);
  try {
    writeFileAtomic(join(dir, manifest.weights.path), weights);
    writeFileAtomic(path, `${JSON.stringify(manifest, null, 2)}\n`);
  } catch (error) {
    // A full disk or a lost permission leaves no empty model folder behind (writeFileAtomic
    // already removed its temporary file); a folder that existed before is left as it was found.
    if (created !== undefined) rmSync(created, { recursive: true, force: true });
    throw error;
  }
  return path;
}

function readOrFail(path: string, what: string): Buffer {
  try {
    return readFileSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ModelFileError(path, code === 'ENOENT' ? `does not exist (${what})` : `cannot be read (${code ?? (err as Error).message})`);
  }
}

/**
 * Loads what {@link saveModel} wrote: `path` is the model folder or its `model.json`. Throws a
 * `ModelFileError` naming the file and the problem for a missing, foreign, damaged or
 * other-version file.
 * @example
 *   const { model, preprocessing } = await loadModel('runs/mnist/models/keep-0.5');
 */
export async function loadModel(path: string, options: LoadOptions = {}): Promise<TrainedModel> {
  const full = resolve(path);
  const manifestPath = existsSync(full) && statSync(full).isDirectory() ? join(full, MANIFEST_FILE) : full;
  const text = readOrFail(manifestPath, 'expected a model folder or its model.json').toString('utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ModelFileError(manifestPath, `is not valid JSON (${(err as Error).message}); it is damaged or not a model manifest`);
  }
  const weightsName = (json as { weights?: { path?: unknown } })?.weights?.path;
  if (typeof weightsName !== 'string' || weightsName.includes('/') || weightsName.includes('\\') || weightsName.startsWith('.')) {
    // checkManifest names the precise problem; a path leaving the folder is refused here.
    deserializeModel(json, new Uint8Array(0), { ...options, files: { manifest: manifestPath } });
    throw new ModelFileError(manifestPath, `"weights.path" must be a file name in the model's folder, got ${JSON.stringify(weightsName)}`);
  }
  const weightsPath = join(dirname(manifestPath), weightsName);
  const bytes = readOrFail(weightsPath, `named by ${manifestPath}`);
  return deserializeModel(json, bytes, { ...options, files: { manifest: manifestPath, weights: weightsPath } });
}

export type { LoadOptions } from '../save/deserialize.js';
