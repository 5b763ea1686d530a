// The regularization experiment written directly in TensorFlow.js (tfjs-core ops, gradients
// by hand exactly as the course computes them), on its 'cpu' or 'wasm' backend. Weights,
// minibatches and dropout masks come from the same NumPy-compatible stream as the others.
import { createRequire } from 'node:module';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createNumpyRng } from '@dropout/tensor';
import { SIZES } from './data.js';

const require = createRequire(import.meta.url);
// The wasm backend fetches its .wasm files at run time; point it at the installed package.
setWasmPaths(`${path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json'))}/dist/`);

/** Switches TF.js to `name` ('cpu' or 'wasm') and says whether SIMD and threads are on. */
export async function useTfBackend(name) {
  await tf.setBackend(name);
  await tf.ready();
  return name === 'wasm'
    ? { simd: tf.env().getBool('WASM_HAS_SIMD_SUPPORT'), threads: tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT') }
    : {};
}

function adam(w, dw, s, lr) {
  return tf.tidy(() => {
    s.t += 1;
    const m = tf.add(tf.mul(0.9, s.m), tf.mul(0.1, dw));
    const v = tf.add(tf.mul(0.999, s.v), tf.mul(0.001, tf.square(dw)));
    const mt = tf.div(m, 1 - 0.9 ** s.t);
    const vt = tf.div(v, 1 - 0.999 ** s.t);
    const next = tf.sub(w, tf.div(tf.mul(lr, mt), tf.add(tf.sqrt(vt), 1e-8)));
    s.m.dispose();
    s.v.dispose();
    s.m = tf.keep(m);
    s.v = tf.keep(v);
    return next;
  });
}

function accuracy(params, X, y) {
  let correct = 0;
  for (let start = 0; start < X.shape[0]; start += 100) {
    const pred = tf.tidy(() => {
      const xb = tf.slice(X, [start, 0], [Math.min(100, X.shape[0] - start), -1]);
      const h = tf.relu(tf.add(tf.matMul(xb, params.W1), params.b1));
      return tf.argMax(tf.add(tf.matMul(h, params.W2), params.b2), 1);
    });
    const p = pred.dataSync();
    pred.dispose();
    for (let i = 0; i < p.length; i++) if (p[i] === y[start + i]) correct++;
  }
  return correct / X.shape[0];
}

function step(params, state, Xtrain, ytrain, keep, rng) {
  const N = 100;
  const idx = rng.choice(Xtrain.shape[0], N);
  const maskValues = keep === 1 ? null : Float32Array.from(rng.rand(N * SIZES.hidden), (u) => (u < keep ? 1 / keep : 0));
  const { loss, grads } = tf.tidy(() => {
    const x = tf.gather(Xtrain, tf.tensor1d(idx, 'int32'));
    const a = tf.add(tf.matMul(x, params.W1), params.b1);
    const mask = maskValues && tf.tensor2d(maskValues, [N, SIZES.hidden]);
    let h = tf.relu(a);
    if (mask) h = tf.mul(h, mask);
    const scores = tf.add(tf.matMul(h, params.W2), params.b2);
    const shifted = tf.sub(scores, tf.max(scores, 1, true));
    const logProbs = tf.sub(shifted, tf.log(tf.sum(tf.exp(shifted), 1, true)));
    const Y = tf.oneHot(tf.tensor1d(Array.from(idx, (i) => ytrain[i]), 'int32'), SIZES.classes);
    const lossT = tf.div(tf.neg(tf.sum(tf.mul(logProbs, Y))), N);
    const dscores = tf.div(tf.sub(tf.exp(logProbs), Y), N);
    let dh = tf.matMul(dscores, params.W2, false, true);
    if (mask) dh = tf.mul(dh, mask);
    const da = tf.mul(dh, tf.step(a));
    return {
      loss: lossT,
      grads: {
        // An explicit transpose first: TF.js's wasm backend runs matMul(x, da, true) at
        // ~2 GFLOP/s but the copied-then-plain product at its full speed, so this is its best.
        W1: tf.matMul(tf.transpose(x), da), b1: tf.sum(da, 0),
        W2: tf.matMul(tf.transpose(h), dscores), b2: tf.sum(dscores, 0),
      },
    };
  });
  const value = loss.dataSync()[0];
  loss.dispose();
  for (const k of Object.keys(params)) {
    const next = adam(params[k], grads[k], state[k], 5e-4);
    params[k].dispose();
    grads[k].dispose();
    params[k] = next;
  }
  return value;
}

/**
 * Both nets for `epochs` epochs on the current TF.js backend; below 25 epochs the full
 * experiment's time is extrapolated from the measured step and evaluation times.
 */
export function tfjsExperiment(data, { seed, epochs = 25 }) {
  const { nTrain, nVal, dim } = data;
  const Xtrain = tf.tensor2d(data.X.subarray(0, nTrain * dim), [nTrain, dim]);
  const Xval = tf.tensor2d(data.X.subarray(nTrain * dim), [nVal, dim]);
  const ytrain = data.y.subarray(0, nTrain);
  const yval = data.y.subarray(nTrain);
  const runs = [];
  let stepTime = 0;
  let evalTime = 0;
  const keeps = epochs >= 25 ? [1, 0.25] : [0.25];
  for (const keep of keeps) {
    const rng = createNumpyRng(seed);
    const init = (rows, cols) => tf.tensor2d(Float32Array.from(rng.randn(rows * cols), (v) => v * 1e-2), [rows, cols]);
    const params = { W1: init(dim, SIZES.hidden), b1: tf.zeros([SIZES.hidden]), W2: init(SIZES.hidden, SIZES.classes), b2: tf.zeros([SIZES.classes]) };
    const state = Object.fromEntries(Object.entries(params).map(([k, w]) => [k, { t: 0, m: tf.zerosLike(w), v: tf.zerosLike(w) }]));
    const run = { keep, loss: [], trainAcc: [], valAcc: [] };
    const perEpoch = nTrain / 100;
    for (let t = 0; t < epochs * perEpoch; t++) {
      let start = performance.now();
      run.loss.push(step(params, state, Xtrain, ytrain, keep, rng));
      stepTime += performance.now() - start;
      if (t === 0 || (t + 1) % perEpoch === 0) {
        start = performance.now();
        run.trainAcc.push(accuracy(params, Xtrain, ytrain));
        run.valAcc.push(accuracy(params, Xval, yval));
        evalTime += performance.now() - start;
      }
    }
    runs.push(run);
    for (const k of Object.keys(params)) [params[k], state[k].m, state[k].v].forEach((x) => x.dispose());
  }
  Xtrain.dispose();
  Xval.dispose();
  const measured = (stepTime + evalTime) / 1000;
  if (epochs >= 25) return { mode: 'full', seconds: measured, runs };
  const stepSeconds = stepTime / 1000 / (keeps.length * epochs * (nTrain / 100));
  const evalSeconds = evalTime / 1000 / (keeps.length * (epochs + 1));
  return {
    mode: `extrapolated from ${epochs} epoch(s) of the keep-0.25 net`, seconds: 2 * (125 * stepSeconds + 26 * evalSeconds),
    stepSeconds, evalSeconds, measuredSeconds: measured, runs,
  };
}

/** Best time of `reps` products op(a)·op(b) for the GEMM table. */
export function tfjsMatMul(M, K, N, transposeA) {
  const a = tf.randomNormal(transposeA ? [K, M] : [M, K]);
  const b = tf.randomNormal([K, N]);
  const run = () => {
    const c = tf.matMul(a, b, transposeA, false);
    c.dataSync();
    c.dispose();
  };
  return { run, dispose: () => { a.dispose(); b.dispose(); } };
}
