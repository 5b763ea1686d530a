// A page's program: trains with Solver + adam and keeps its checkpoint as plain JSON (e.g. in
// localStorage). Bundled for the browser by browser-bundle.test.ts; nothing here may need node:*.
import { createRng, fromArray, getBackend, matMul, sub, sum, mul, tidy, type Tensor } from '@dropout/tensor';
import { adam, Solver, type LossOutput, type SolverModel } from '../../src/index.js';

/** Linear least squares on one weight matrix: loss = mean((XW − t)²)/2 with t = y as a number. */
class Linear implements SolverModel {
  params: Record<string, Tensor>;
  constructor(D: number, C: number) {
    this.params = { W: fromArray(new Float64Array(D * C).fill(0.01), [D, C], getBackend('cpu64')) };
  }
  loss(X: Tensor): Tensor;
  loss(X: Tensor, y: Int32Array): LossOutput;
  loss(X: Tensor, y?: Int32Array): Tensor | LossOutput {
    const scores = matMul(X, this.params.W!);
    if (!y) return scores;
    const N = X.shape[0]!;
    const C = scores.shape[1]!;
    const target = fromArray(Float64Array.from({ length: N * C }, (_, i) => (y[Math.floor(i / C)] === i % C ? 1 : 0)), [N, C], X.backend);
    const diff = sub(scores, target);
    return { loss: mul(sum(mul(diff, diff)), 0.5 / N), grads: { W: mul(matMul(X, diff, { transposeA: true }), 1 / N) } };
  }
}

export function run(): { first: number; last: number; adamKeys: string[] } {
  const rng = createRng(1);
  const X = fromArray(rng.randn(40 * 4), [40, 4], getBackend('cpu64'));
  const y = Int32Array.from({ length: 40 }, (_, i) => i % 2);
  const data = { XTrain: X, yTrain: y, XVal: X, yVal: y };
  const solver = new Solver(new Linear(4, 2), data, { updateRule: 'adam', optimConfig: { learningRate: 1e-2 }, batchSize: 10, numEpochs: 2, verbose: false, rng });
  solver.train();
  const saved = JSON.stringify(solver.checkpoint());
  const resumed = Solver.resume(JSON.parse(saved), new Linear(4, 2), data, { numEpochs: 3, verbose: false });
  const step = tidy(() => adam(fromArray([1], [1], getBackend('cpu64')), fromArray([1], [1], getBackend('cpu64'))));
  return { first: solver.lossHistory[0]!, last: resumed.train().lossHistory.at(-1)!, adamKeys: Object.keys(step.config) };
}
