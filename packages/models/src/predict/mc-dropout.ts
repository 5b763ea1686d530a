import { createRng } from '@dropout/tensor';
import type { Sequential } from '../sequential.js';
import type { TrainedModel } from '../save/trained-model.js';
import { argMaxRows, entropyOf, prepare, readHost, softmaxRowsInto, type Images, type InputOptions } from './inputs.js';

/** Options of {@link mcDropoutPredict}. */
export interface McDropoutOptions extends InputOptions {
  /** Stochastic forward passes T (≥ 1). */
  samples: number;
  /** Seed of the mask stream (default 0): the same seed, images and batchSize give the same result. */
  seed?: number;
}

/** What {@link mcDropoutPredict} returns; arrays are row after row, in float64. */
export interface McDropoutPrediction {
  /** Mean over the T passes of the class probabilities, `[N, C]`. */
  meanProbs: Float64Array;
  /** argmax of `meanProbs`. */
  labels: Int32Array;
  /** Predictive entropy `−Σ_c p̄_c log p̄_c` (nats) of each image's mean probabilities, `[N]`. */
  entropy: Float64Array;
  /** Mutual information (BALD): entropy minus the mean entropy of the single passes, `[N]`. */
  mutualInformation: Float64Array;
  /** Per-class spread: standard deviation over the T passes (dividing by T) of each class probability, `[N, C]`. */
  std: Float64Array;
  samples: number;
  numClasses: number;
}


/**
 * Monte Carlo dropout (Gal & Ghahramani, 2016): T test-mode passes with dropout sampling fresh
 * masks (batch norm stays on its running statistics), averaged. Masks come from one stream seeded
 * with `seed`, drawn on the host, so every backend sees the same masks. Frees every tensor it makes.
 * @example
 *   const { meanProbs, entropy, std } = await mcDropoutPredict(trained, XVal, { samples: 50, seed: 1, input: 'preprocessed' });
 */
export async function mcDropoutPredict(m: TrainedModel | Sequential, images: Images, options: McDropoutOptions): Promise<McDropoutPrediction> {
  const T = options?.samples;
  if (!Number.isInteger(T) || T < 1) throw new Error(`mcDropoutPredict: options.samples must be a positive integer (the number of passes T), got ${String(T)}`);
  const seed = options.seed ?? 0;
  if (!Number.isInteger(seed) || seed < 0) throw new Error(`mcDropoutPredict: options.seed must be a non-negative integer, got ${String(seed)}`);
  const { model, N, batchSize, upload } = await prepare('mcDropoutPredict', m, images, options);
  const C = model.numClasses;
  const rng = createRng(seed);
  const meanProbs = new Float64Array(N * C);
  const std = new Float64Array(N * C);
  const entropy = new Float64Array(N);
  const mutualInformation = new Float64Array(N);
  for (let start = 0; start < N; start += batchSize) {
    const end = Math.min(N, start + batchSize);
    const n = end - start;
    // Every pass of this batch is kept (T·n·C values) so that the spread is a two-pass, exact one.
    const passes = new Float64Array(T * n * C);
    const X = upload(start, end);
    try {
      for (let t = 0; t < T; t++) {
        const scores = model.scores(X, { stochastic: true, rng });
        try {
          softmaxRowsInto(await readHost(scores), C, passes, t * n);
        } finally {
          scores.dispose();
        }
      }
    } finally {
      X.dispose();
    }
    for (let i = 0; i < n * C; i++) {
      let total = 0;
      for (let t = 0; t < T; t++) total += passes[t * n * C + i]!;
      const mean = total / T;
      let squares = 0;
      for (let t = 0; t < T; t++) squares += (passes[t * n * C + i]! - mean) ** 2;
      meanProbs[start * C + i] = mean;
      std[start * C + i] = Math.sqrt(squares / T);
    }
    for (let r = 0; r < n; r++) {
      let passEntropy = 0;
      for (let t = 0; t < T; t++) passEntropy += entropyOf(passes, t * n + r, C);
      entropy[start + r] = entropyOf(meanProbs, start + r, C);
      mutualInformation[start + r] = Math.max(0, entropy[start + r]! - passEntropy / T);
    }
  }
  return { meanProbs, labels: argMaxRows(meanProbs, C), entropy, mutualInformation, std, samples: T, numClasses: C };
}
