import type { Sequential } from '../sequential.js';
import type { TrainedModel } from '../save/trained-model.js';
import { argMaxRows, entropyOf, prepare, readHost, softmaxRowsInto, type Images, type InputOptions } from './inputs.js';

/** What {@link predict} returns. */
export interface Prediction {
  /** Class probabilities `[N, C]`, row after row (softmax of the scores, in float64). */
  probs: Float64Array;
  /** The most probable class of each image. */
  labels: Int32Array;
  /** Predictive entropy `−Σ_c p_c log p_c` (nats) of each image's probabilities, `[N]`. */
  entropy: Float64Array;
  numClasses: number;
  /** The model's class names (index = label), or null. */
  classNames: string[] | null;
}

/**
 * Class probabilities and labels of a test-mode pass (dropout off, batch norm on its running
 * statistics), `batchSize` images at a time, the model's own preprocessing applied to `'pixels'`.
 * @example
 *   const { probs, labels } = await predict(trained, { data: pixels, shape: [10000, 1, 28, 28] }, { input: 'pixels' });
 */
export async function predict(m: TrainedModel | Sequential, images: Images, options: InputOptions): Promise<Prediction> {
  const { model, N, batchSize, upload } = await prepare('predict', m, images, options);
  const C = model.numClasses;
  const probs = new Float64Array(N * C);
  for (let start = 0; start < N; start += batchSize) {
    const end = Math.min(N, start + batchSize);
    const X = upload(start, end);
    try {
      const scores = model.scores(X);
      try {
        softmaxRowsInto(await readHost(scores), C, probs, start);
      } finally {
        scores.dispose();
      }
    } finally {
      X.dispose();
    }
  }
  const entropy = Float64Array.from({ length: N }, (_, r) => entropyOf(probs, r, C));
  return { probs, labels: argMaxRows(probs, C), entropy, numClasses: C, classNames: 'model' in m ? m.preprocessing?.classNames ?? null : null };
}
