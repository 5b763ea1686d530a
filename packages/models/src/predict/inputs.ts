import { formatShape, fromArray, shapeSize, Tensor } from '@dropout/tensor';
import type { Sequential } from '../sequential.js';
import type { Preprocessing, TrainedModel } from '../save/trained-model.js';

/** Images on the host: values one image after another, and the shape `[N, C, H, W]` (or `[N, D]`). */
export interface HostImages {
  data: ArrayLike<number>;
  shape: readonly number[];
}

/** What prediction calls take: a tensor (any backend) or host arrays. */
export type Images = Tensor | HostImages;

/** Options shared by `predict` and `mcDropoutPredict`. */
export interface InputOptions {
  /**
   * What `images` holds, said explicitly: 'pixels' (the dataset's own values, e.g. bytes 0…255;
   * the model's preprocessing, subtracting the mean training image, is applied) or
   * 'preprocessed' (already what the model was trained on).
   */
  input: 'pixels' | 'preprocessed';
  /** Images per forward pass (default 1000), so that 10 000 images never make one giant tensor. */
  batchSize?: number;
}

/** A model with its preprocessing, however it was handed in. */
export function unpack(m: TrainedModel | Sequential): { model: Sequential; preprocessing: Preprocessing | null } {
  return 'model' in m ? { model: m.model, preprocessing: m.preprocessing } : { model: m, preprocessing: null };
}

/** The images as host values, checked against the model, and a function uploading rows `[start, end)` preprocessed. */
export async function prepare(
  op: string, m: TrainedModel | Sequential, images: Images, options: InputOptions,
): Promise<{ model: Sequential; N: number; batchSize: number; upload: (start: number, end: number) => Tensor }> {
  const { model, preprocessing } = unpack(m);
  if (options?.input !== 'pixels' && options?.input !== 'preprocessed') {
    throw new Error(`${op}: options.input must say what the images hold: 'pixels' (the model's preprocessing is applied) or 'preprocessed', got ${JSON.stringify(options?.input)}`);
  }
  const batchSize = options.batchSize ?? 1000;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`${op}: options.batchSize must be a positive integer, got ${String(batchSize)}`);
  let data: ArrayLike<number>;
  let shape: readonly number[];
  if (images instanceof Tensor) {
    shape = images.shape;
    data = images.backend.syncRead ? images.read() : await images.readAsync();
  } else if (images && typeof images === 'object' && Array.isArray(images.shape) && images.data && typeof images.data.length === 'number') {
    ({ data, shape } = images);
    if (data.length !== shapeSize(shape)) throw new Error(`${op}: images.data holds ${data.length} values but images.shape ${formatShape(shape)} needs ${shapeSize(shape)}`);
  } else {
    throw new TypeError(`${op}: images must be a Tensor or { data, shape: [N, C, H, W] }`);
  }
  if (shape.length < 2) throw new Error(`${op}: images must be [N, C, H, W] or [N, D], got ${formatShape(shape)}`);
  const N = shape[0]!;
  const D = shapeSize(shape) / (N || 1);
  let mean: Float64Array | null = null;
  if (options.input === 'pixels') {
    if (!preprocessing) throw new Error(`${op}: the model carries no preprocessing, so 'pixels' cannot be prepared; preprocess the images yourself and pass input: 'preprocessed'`);
    if (shape.slice(1).join('x') !== preprocessing.inputShape.join('x')) {
      throw new Error(`${op}: images are ${formatShape(shape)} but the model was trained on images of shape ${formatShape(preprocessing.inputShape)}; pass [N, ${preprocessing.inputShape.join(', ')}]`);
    }
    mean = preprocessing.meanImage;
  }
  const upload = (start: number, end: number): Tensor => {
    const rows = new Float64Array((end - start) * D);
    for (let i = 0; i < rows.length; i++) rows[i] = data[start * D + i]! - (mean ? mean[i % D]! : 0);
    return fromArray(rows, [end - start, ...shape.slice(1)], model.backend);
  };
  return { model, N, batchSize, upload };
}

/** Reads a tensor on any backend. */
export async function readHost(t: Tensor): Promise<Float32Array | Float64Array> {
  return t.backend.syncRead ? t.read() : t.readAsync();
}

/**
 * Row-wise softmax of `scores` (`[n, C]`) on the host, in float64, written into `out` at row `offset`.
 * @example
 *   softmaxRowsInto(Float64Array.from([0, Math.log(3)]), 2, out, 0); // out = [0.25, 0.75]
 */
export function softmaxRowsInto(scores: ArrayLike<number>, C: number, out: Float64Array, offset: number): void {
  const n = scores.length / C;
  for (let r = 0; r < n; r++) {
    let max = -Infinity;
    for (let c = 0; c < C; c++) max = Math.max(max, scores[r * C + c]!);
    let total = 0;
    for (let c = 0; c < C; c++) total += Math.exp(scores[r * C + c]! - max);
    for (let c = 0; c < C; c++) out[(offset + r) * C + c] = Math.exp(scores[r * C + c]! - max) / total;
  }
}

/** Index of each row's largest value (the first of ties), as the course's `np.argmax(scores, axis=1)`. */
export function argMaxRows(probs: Float64Array, C: number): Int32Array {
  const labels = new Int32Array(probs.length / C);
  for (let r = 0; r < labels.length; r++) {
    let best = 0;
    for (let c = 1; c < C; c++) if (probs[r * C + c]! > probs[r * C + best]!) best = c;
    labels[r] = best;
  }
  return labels;
}

/** Entropy `−Σ_c p_c log p_c` (nats) of row `row` of `p` (`[n, C]`); 0·log 0 counts as 0. */
export function entropyOf(p: ArrayLike<number>, row: number, C: number): number {
  let h = 0;
  for (let c = 0; c < C; c++) {
    const v = p[row * C + c]!;
    if (v > 0) h -= v * Math.log(v);
  }
  return h;
}
