/** One bin of a reliability diagram. */
export interface ReliabilityBin {
  /** Confidence range `(lower, upper]` (the first bin also takes confidence 0). */
  lower: number;
  upper: number;
  /** Predictions whose confidence falls in the bin. */
  count: number;
  /** Fraction of them that are correct (null for an empty bin). */
  accuracy: number | null;
  /** Their mean confidence (null for an empty bin). */
  confidence: number | null;
}

/** What {@link calibration} returns. */
export interface Calibration {
  /** Expected calibration error `Σ_b (n_b / N)·|accuracy_b − confidence_b|`, in [0, 1]. */
  ece: number;
  /** Fraction of predictions (argmax) that are correct. */
  accuracy: number;
  /** Mean confidence (the largest probability of each row). */
  meanConfidence: number;
  /** The reliability diagram: accuracy against confidence per bin. */
  bins: ReliabilityBin[];
}

/**
 * Expected calibration error and reliability diagram data (Guo et al., "On Calibration of Modern
 * Neural Networks", 2017): each prediction's confidence is its largest probability and its label
 * the argmax; predictions are grouped in `numBins` equal-width bins `(b/B, (b+1)/B]`.
 * probs: `[N, C]` row after row; labels: N true classes.
 * @example
 *   calibration(Float64Array.from([0.9, 0.1, 0.4, 0.6]), [0, 0], 2, { numBins: 10 }).ece; // (|1 − 0.9| + |0 − 0.6|) / 2 = 0.35
 */
export function calibration(probs: ArrayLike<number>, labels: ArrayLike<number>, numClasses: number, options: { numBins?: number } = {}): Calibration {
  const numBins = options.numBins ?? 15;
  const C = numClasses;
  const N = labels.length;
  if (!Number.isInteger(numBins) || numBins < 1) throw new Error(`calibration: numBins must be a positive integer, got ${String(numBins)}`);
  if (!Number.isInteger(C) || C < 1 || probs.length !== N * C) {
    throw new Error(`calibration: probs holds ${probs.length} values but ${N} labels × ${C} classes need ${N * C}`);
  }
  if (N === 0) throw new Error('calibration: no predictions to calibrate (labels is empty)');
  const count = new Float64Array(numBins);
  const correct = new Float64Array(numBins);
  const confidence = new Float64Array(numBins);
  let right = 0;
  let totalConfidence = 0;
  for (let r = 0; r < N; r++) {
    let best = 0;
    for (let c = 1; c < C; c++) if (probs[r * C + c]! > probs[r * C + best]!) best = c;
    const conf = probs[r * C + best]!;
    if (!(conf >= 0 && conf <= 1)) throw new Error(`calibration: row ${r} has confidence ${conf}; probs must be probabilities in [0, 1]`);
    const label = labels[r]!;
    if (!Number.isInteger(label) || label < 0 || label >= C) throw new Error(`calibration: labels[${r}] = ${label} is outside [0, ${C})`);
    let b = Math.min(numBins - 1, Math.max(0, Math.ceil(conf * numBins) - 1));
    // conf·B can round across an edge: settle on the bin whose edges b/B, (b+1)/B hold conf.
    if (b > 0 && conf <= b / numBins) b--;
    else if (b < numBins - 1 && conf > (b + 1) / numBins) b++;
    count[b]++;
    confidence[b] += conf;
    totalConfidence += conf;
    if (best === label) {
      correct[b]++;
      right++;
    }
  }
  let ece = 0;
  const bins: ReliabilityBin[] = [];
  for (let b = 0; b < numBins; b++) {
    const n = count[b]!;
    const acc = n ? correct[b]! / n : null;
    const conf = n ? confidence[b]! / n : null;
    if (n) ece += (n / N) * Math.abs(acc! - conf!);
    bins.push({ lower: b / numBins, upper: (b + 1) / numBins, count: n, accuracy: acc, confidence: conf });
  }
  return { ece, accuracy: right / N, meanConfidence: totalConfidence / N, bins };
}
