// The page of browser.test.ts: loads a model saved by Node from the local server with the
// browser-safe entry, predicts, and round-trips it through modelToBlobs, reporting the bytes.
import { deserializeModel, modelToBlobs, predict } from '../../src/index.js';
import { fromArray, getBackend } from '@dropout/tensor';

const hex = (a: Float32Array | Float64Array) => Array.from(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), (b) => b.toString(16).padStart(2, '0')).join('');

async function main(): Promise<unknown> {
  const [json, weights, input] = await Promise.all(['model.json', 'weights.bin', 'pixels.json'].map((f) => fetch(`/${f}`)));
  const trained = deserializeModel(await json!.text(), await weights!.arrayBuffer());
  const { data, shape } = (await input!.json()) as { data: number[]; shape: number[] };
  const prediction = await predict(trained, { data: Uint8Array.from(data), shape }, { input: 'pixels' });
  const mean = trained.preprocessing!.meanImage!;
  const D = mean.length;
  const X = fromArray(Float64Array.from(data, (v, i) => v - mean[i % D]!), shape, getBackend('cpu32'));
  const scores = trained.model.scores(X).read();
  const blobs = await modelToBlobs(trained);
  const again = deserializeModel(await blobs.json.text(), await blobs.weights.arrayBuffer());
  return {
    scores: hex(scores),
    againScores: hex(again.model.scores(X).read()),
    probs: Array.from(prediction.probs),
    labels: Array.from(prediction.labels),
    classNames: prediction.classNames,
    blobTypes: [blobs.json.type, blobs.weights.type],
  };
}

declare global {
  interface Window {
    dropoutResult?: unknown;
  }
}
main().then((r) => (window.dropoutResult = r), (e: Error) => (window.dropoutResult = { error: `${e.name}: ${e.message}` }));
