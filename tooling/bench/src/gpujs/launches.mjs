// gpu.js kernel launches per training step, fused against composed, side by side in one run.
// The gpu.js backend runs updateStep, dropout, softmaxLoss and affine as fused kernels (one
// kernel per output). `composed` puts back, on one backend instance, how those four methods
// were written before: one gpu.js kernel per elementwise op (the formulas of the CPU
// reference, as @dropout/tensor's src/gpujs/fused.ts had them). The same FullyConnectedNet and
// Solver then take steps alternately with each, so both are timed on the same machine state.

import { composedUpdateStep } from '../composed-update.js';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Installs the composed (one kernel per op) forms of the fused seam methods on `backend`; returns the undo. */
export function composed(api, backend) {
  const { div, exp, log, maxCols, mul, sub, sum, sumRows, tidy } = api;
  const methods = {
    affine(x, w, b) {
      return tidy(() => backend.binary('add', backend.matMul(x, w, false, false), b, [x.shape[0], w.shape[1]]));
    },
    updateStep: (step, w, dw, state) => composedUpdateStep(api, step, w, dw, state),
    dropout(x, u, p, relu) {
      const values = new Float32Array(u.length);
      for (let i = 0; i < u.length; i++) values[i] = u[i] < p ? 1 / p : 0;
      const mask = backend.fromArray(values, x.shape);
      return { out: tidy(() => mul(relu ? backend.unary('relu', x) : x, mask)), mask };
    },
    softmaxLoss(x, labels) {
      const [N, C] = x.shape;
      const onehot = new Float32Array(N * C);
      for (let i = 0; i < N; i++) onehot[i * C + labels[i]] = 1;
      return tidy(() => {
        const shifted = sub(x, maxCols(x));
        const logProbs = sub(shifted, log(sumRows(exp(shifted))));
        const Y = backend.fromArray(onehot, [N, C]);
        return { lossSum: mul(-1, sum(mul(logProbs, Y))), dx: div(sub(exp(logProbs), Y), N) };
      });
    },
  };
  for (const [name, fn] of Object.entries(methods)) backend[name] = fn;
  return () => {
    for (const name of Object.keys(methods)) delete backend[name];
  };
}

/** Kernel runs (uploads of host data apart), kernels compiled and wall milliseconds of `fn`, run to completion. */
async function measure(backend, fn) {
  await backend.flush();
  const runs = () => {
    const s = backend.stats();
    return s.runs - (s.byOp.upload?.runs ?? 0);
  };
  const [before, compiled] = [runs(), backend.stats().kernelsCompiled];
  const t0 = performance.now();
  await fn();
  await backend.flush();
  return { launches: runs() - before, compiles: backend.stats().kernelsCompiled - compiled, ms: performance.now() - t0 };
}

/**
 * Launches per fused op and per training step, composed vs fused, and milliseconds per step
 * (median over `rounds` interleaved rounds of `steps` steps each), on one gpu.js backend.
 * The net is the bench's: 3072→500→10, dropout keep 0.25, adam 5e-4, batch 100.
 */
export async function benchLaunches(api, { FullyConnectedNet, Solver }, backend, { rounds = 5, steps = 3, log = () => {} } = {}) {
  const rng = api.createRng(231);
  const labels = (n) => Int32Array.from(rng.rand(n), (u) => Math.floor(u * 10));
  const data = { XTrain: api.randn(rng, [500, 3072], backend), yTrain: labels(500), XVal: api.randn(rng, [100, 3072], backend), yVal: labels(100) };
  const model = new FullyConnectedNet({ hiddenDims: [500], inputDim: 3072, numClasses: 10, dropoutKeepRatio: 0.25, weightScale: 5e-2, seed: 231, backend });
  const solver = new Solver(model, data, { updateRule: 'adam', optimConfig: { learningRate: 5e-4 }, batchSize: 100, numEpochs: 1000, verbose: false });
  const step = () => (backend.syncRead ? solver.step() : solver.stepAsync());

  // One call of each fused op at the step's shapes (W1's Adam update mid-training: m and v exist).
  const W = api.randn(rng, [3072, 500], backend);
  const dW = api.randn(rng, [3072, 500], backend);
  const [m, v] = [api.randn(rng, [3072, 500], backend), api.square(api.randn(rng, [3072, 500], backend))];
  const h = api.randn(rng, [100, 500], backend);
  const scores = api.randn(rng, [100, 10], backend);
  const y = labels(100);
  const [X, b] = [api.randn(rng, [100, 3072], backend), api.randn(rng, [500], backend)];
  const ops = {
    'adam 3072×500': () => api.tidy(() => void api.updateStep({ rule: 'adam', learningRate: 5e-4, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, t: 7 }, W, dW, [m, v])),
    'relu + dropout 100×500': () => api.tidy(() => void api.dropoutMask(h, rng.rand(h.size), 0.25, { relu: true })),
    'softmax loss 100×10': () => api.tidy(() => void api.softmaxCrossEntropy(scores, y)),
    'affine (100×3072)·(3072×500) + b': () => api.tidy(() => void api.matMulBias(X, W, b)),
  };
  const variants = {
    composed: (fn) => {
      const undo = composed(api, backend);
      return Promise.resolve(fn()).finally(undo);
    },
    fused: (fn) => Promise.resolve(fn()),
  };
  const result = { backend: backend.name, ops: {}, step: {} };
  for (const [name, op] of Object.entries(ops)) {
    result.ops[name] = {};
    for (const [variant, run] of Object.entries(variants)) {
      await run(op); // warm-up: compiles this variant's kernels
      const times = [];
      let launches = 0;
      for (let i = 0; i < rounds; i++) {
        const r = await run(() => measure(backend, op));
        launches = r.launches;
        times.push(r.ms);
      }
      result.ops[name][variant] = { launches, ms: median(times) };
    }
    const { composed: c, fused: f } = result.ops[name];
    log(`${backend.name} ${name}: ${c.launches} → ${f.launches} launches, ${c.ms.toFixed(2)} → ${f.ms.toFixed(2)} ms`);
  }

  // Training steps, alternating composed and fused rounds on the same solver. Each round starts
  // with one untimed step: webasm keeps at most 64 kernels compiled, so the other variant's round
  // evicted some of this one's; what is timed is the variant's own steady state.
  const times = { composed: [], fused: [] };
  for (let r = 0; r < rounds; r++) {
    for (const [variant, run] of Object.entries(variants)) {
      const got = await run(async () => {
        await step();
        return measure(backend, async () => { for (let i = 0; i < steps; i++) await step(); });
      });
      // Compiles per timed step: nonzero where a variant needs more distinct kernels than webasm keeps.
      result.step[variant] = { launches: got.launches / steps, compiles: (result.step[variant]?.compiles ?? 0) + got.compiles / steps / rounds };
      times[variant].push(got.ms / steps);
    }
  }
  for (const variant of Object.keys(variants)) Object.assign(result.step[variant], { ms: median(times[variant]), roundsMs: times[variant] });
  const { composed: c, fused: f } = result.step;
  result.step.speedup = c.ms / f.ms;
  log(`${backend.name} training step: ${c.launches} → ${f.launches} launches, ${c.compiles.toFixed(1)} → ${f.compiles.toFixed(1)} kernel compiles, ${c.ms.toFixed(1)} → ${f.ms.toFixed(1)} ms (${result.step.speedup.toFixed(2)}×)`);

  // Launch overhead: a one-element add, the smallest kernel there is.
  const one = api.fromArray([1], [1], backend);
  await measure(backend, () => api.tidy(() => void api.add(one, one)));
  const tiny = [];
  for (let i = 0; i < 50; i++) tiny.push((await measure(backend, () => api.tidy(() => void api.add(one, one)))).ms);
  result.msPerTinyLaunch = median(tiny);
  log(`${backend.name} one tiny launch (add of 1 element): ${result.msPerTinyLaunch.toFixed(3)} ms`);

  for (const t of [W, dW, m, v, h, scores, X, b, one, data.XTrain, data.XVal]) t.dispose();
  model.dispose?.();
  solver.dispose?.();
  return result;
}
