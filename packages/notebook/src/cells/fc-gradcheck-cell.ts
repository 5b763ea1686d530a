import { FullyConnectedNet } from '@dropout/models';
import { evalNumericalGradient, relError } from '@dropout/gradcheck';
import { randn, tidy, type Tensor } from '@dropout/tensor';
import type { GradCheckRun } from '@dropout/run-record';
import { pyExp, pyFloat, pyNumber, pyPrint } from '@dropout/run-record';
import { Interrupted, yieldToEventLoop, type CellContext } from './cell-context.js';

const [N, D, H1, H2, C] = [2, 15, 20, 30, 10];
const KEEP_RATIOS = [1, 0.75, 0.5];

/**
 * Notebook cell "Fully Connected Networks with Dropout": one stream seeded 231 draws X [2, 15]
 * and y, then each net (keep 1, 0.75, 0.5; weight scale 5e-2; float64; dropout seed 123) draws
 * its weights from it; prints the initial loss and each parameter's relative error.
 * @example
 *   const result = { runs: [] };
 *   await runFcGradcheckCell(ctx, result); // result.runs[0].initialLoss === 2.300479089768492 with the NumPy stream
 */
export async function runFcGradcheckCell(ctx: CellContext, result: { runs: GradCheckRun[] }): Promise<void> {
  const rng = ctx.makeRng(231);
  const X = randn(rng, [N, D], ctx.cpu64);
  const y = rng.randint(0, C, N);
  try {
    for (const keepRatio of KEEP_RATIOS) {
      await yieldToEventLoop(); // lets Ctrl-C (or Stop) be noticed between nets
      if (ctx.signal.aborted) throw new Interrupted(`the gradient check for keep ${keepRatio}`);
      ctx.print(pyPrint('Running check with dropout = ', pyNumber(keepRatio)));
      const model = new FullyConnectedNet({
        hiddenDims: [H1, H2],
        inputDim: D,
        numClasses: C,
        weightScale: 5e-2,
        dtype: 'float64',
        dropoutKeepRatio: keepRatio,
        seed: 123,
        rng,
        backend: ctx.cpu64,
      });
      const out = model.loss(X, y);
      const { grads } = out;
      const loss = out.loss.item();
      out.loss.dispose();
      ctx.print(pyPrint('Initial loss: ', pyFloat(loss)));
      const relErrors: Record<string, number> = {};
      for (const name of Object.keys(grads).sort()) {
        const original: Tensor = model.params[name]!;
        // The course perturbs model.params[name] in place; here the perturbed copy is swapped in.
        const f = (perturbed: Tensor): number => {
          model.params[name] = perturbed;
          try {
            return tidy(() => model.loss(X, y).loss.item());
          } finally {
            model.params[name] = original;
          }
        };
        const gradNum = evalNumericalGradient(f, original, { h: 1e-5 });
        relErrors[name] = relError(gradNum, grads[name]!);
        ctx.print(`${name} relative error: ${pyExp(relErrors[name], 2)}`);
      }
      ctx.print('');
      result.runs.push({ keepRatio, initialLoss: loss, relErrors });
    }
  } finally {
    X.dispose();
  }
}
