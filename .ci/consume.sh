#!/usr/bin/env bash
# Packs every publishable @dropout/* package, installs the tarballs with npm into a scratch
# project outside the workspace, and runs a matMul, a gradient check and a short training run
# (FullyConnectedNet + Solver on the embedded MNIST digits) against them.
set -euo pipefail
root=$(pwd)
scratch=$(mktemp -d /tmp/dropout-consume.XXXXXX)
trap 'rm -rf "$scratch"' EXIT
for pkg in tensor gradcheck layers models optim data; do
  (cd "packages/$pkg" && pnpm pack --pack-destination "$scratch" >/dev/null)
done
cd "$scratch"
npm init -y >/dev/null
npm pkg set type=module
npm install --no-audit --no-fund ./dropout-*.tgz >/dev/null
cat > check.mjs <<'JS'
import { fromArray, getBackend, matMul, sum, mul } from '@dropout/tensor';
import { evalNumericalGradient, relError } from '@dropout/gradcheck';
const cpu = getBackend('cpu64');
const a = fromArray([1, 2, 3, 4, 5, 6], [2, 3], cpu);
const b = fromArray([7, 8, 9, 10, 11, 12], [3, 2], cpu);
const c = Array.from(matMul(a, b).read());
if (JSON.stringify(c) !== JSON.stringify([58, 64, 139, 154])) throw new Error(`matMul gave ${c}`);
const x = fromArray([0.5, -1.5, 2], [3], cpu);
const num = evalNumericalGradient((xx) => sum(mul(xx, xx)).item(), x);
const err = relError(num, [1, -3, 4]);
if (!(err < 1e-9)) throw new Error(`gradient check relative error ${err}`);
console.log(`consume: matMul ${JSON.stringify(c)}; gradient check relative error ${err.toExponential(2)}`);
JS
node check.mjs
cat > train.mjs <<'JS'
import { createRng } from '@dropout/tensor';
import { FullyConnectedNet } from '@dropout/models';
import { Solver } from '@dropout/optim';
import { getMnistData } from '@dropout/data';
const rng = createRng(231);
const data = await getMnistData({ numTraining: 200, numValidation: 100, numTest: 100, dtype: 'float32' });
const model = new FullyConnectedNet({ hiddenDims: [50], inputDim: 784, rng });
const solver = new Solver(model, { XTrain: data.XTrain, yTrain: data.yTrain, XVal: data.XVal, yVal: data.yVal },
  { updateRule: 'adam', optimConfig: { learningRate: 1e-3 }, numEpochs: 3, batchSize: 50, rng, logger: () => {} });
solver.train();
const acc = solver.trainAccHistory.at(-1);
if (!(acc > 0.5)) throw new Error(`training from the packed packages reached only train accuracy ${acc}`);
console.log(`consume: FullyConnectedNet + Solver on embedded MNIST, train acc ${acc}`);
JS
node train.mjs
