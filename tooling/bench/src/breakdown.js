// Where one training step and one evaluation spend their time on a backend: every Backend
// method call is timed and put in a category (GEMM, elementwise, update rule, data movement);
// what remains of the step's wall time is JavaScript bookkeeping (sampling, tidy, loss
// plumbing, the Solver). Measured with the regularization experiment's net (keep 0.25).
import { createNumpyRng, fromArray, loadBackend } from '@dropout/tensor';
import { FullyConnectedNet } from '@dropout/models';
import { Solver } from '@dropout/optim';
import { composedUpdateStep } from './composed-update.js';
import { SIZES } from './data.js';

const CATEGORIES = {
  matMul: 'GEMM', affine: 'GEMM',
  binary: 'elementwise', binaryScalar: 'elementwise', unary: 'elementwise', reduce: 'elementwise', argMax: 'elementwise',
  dropout: 'elementwise', softmaxLoss: 'elementwise', fill: 'elementwise', transpose: 'elementwise',
  updateStep: 'update rule',
  gatherRows: 'data movement', sliceRows: 'data movement', fromArray: 'data movement', read: 'data movement', reshape: 'data movement',
};

/** Wraps the backend's methods to add their time to `totals`; returns an undo function. */
function instrument(backend, totals) {
  const saved = [];
  let depth = 0; // a method calling another (affine → matMul) is counted once, at the outside
  for (const [method, category] of Object.entries(CATEGORIES)) {
    const original = backend[method];
    if (typeof original !== 'function') continue;
    saved.push([method, Object.getOwnPropertyDescriptor(backend, method)]);
    backend[method] = function timed(...args) {
      if (depth > 0) return original.apply(this, args);
      depth++;
      const t = performance.now();
      try {
        return original.apply(this, args);
      } finally {
        totals[category] = (totals[category] ?? 0) + performance.now() - t;
        depth--;
      }
    };
  }
  return () => {
    for (const [method, descriptor] of saved) {
      if (descriptor) Object.defineProperty(backend, method, descriptor);
      else delete backend[method];
    }
  };
}

function average(totals, wall, n) {
  const out = {};
  let inside = 0;
  for (const [k, v] of Object.entries(totals)) {
    out[k] = v / n;
    inside += v;
  }
  out.bookkeeping = (wall - inside) / n;
  out.total = wall / n;
  return out;
}

/** Milliseconds per training step and per evaluation of the 1,500 rows, by category. */
export async function stepBreakdown(backendName, data, { seed, steps = 30 }) {
  const backend = await loadBackend(backendName);
  const { nTrain, dim } = data;
  const split = {
    XTrain: fromArray(data.X.subarray(0, nTrain * dim), [nTrain, dim], backend), yTrain: data.y.subarray(0, nTrain),
    XVal: fromArray(data.X.subarray(nTrain * dim), [data.nVal, dim], backend), yVal: data.y.subarray(nTrain),
  };
  const rng = createNumpyRng(seed);
  const model = new FullyConnectedNet({
    hiddenDims: [SIZES.hidden], inputDim: dim, numClasses: data.classes, dropoutKeepRatio: 0.25, weightScale: 1e-2, dtype: backend.dtype, backend, rng,
  });
  const solver = new Solver(model, split, { updateRule: 'adam', optimConfig: { learningRate: 5e-4 }, numEpochs: 1000, batchSize: 100, verbose: false, rng });
  for (let i = 0; i < 5; i++) solver.step(); // warm-up: kernels compiled, heap blocks recycled
  const evalRows = () => {
    solver.checkAccuracy(split.XTrain, split.yTrain, { numSamples: 500 });
    solver.checkAccuracy(split.XVal, split.yVal);
  };
  evalRows();
  const stepTotals = {};
  let undo = instrument(backend, stepTotals);
  let t = performance.now();
  for (let i = 0; i < steps; i++) solver.step();
  const step = average(stepTotals, performance.now() - t, steps);
  undo();
  const evalTotals = {};
  undo = instrument(backend, evalTotals);
  t = performance.now();
  for (let i = 0; i < 3; i++) evalRows();
  const evaluation = average(evalTotals, performance.now() - t, 3);
  undo();
  model.dispose();
  solver.dispose?.();
  for (const x of [split.XTrain, split.XVal]) x.dispose();
  return { backend: backend.name, step, evaluation };
}

/**
 * One Adam update of a 3072×500 weight (W1 of the experiment) in the middle of training (m and
 * v exist; the first step, from zeros, is rarer), three ways, each a call to time: `donated`
 * (the fused `adam` as the Solver calls it, handing it the old weights and moments so the
 * kernel writes in place; each call's results are the next one's inputs), `fresh` (`adam`
 * writing three new tensors — on a revision before the fused kernel, that revision's `adam`)
 * and `unfused` (the same formula as thirteen separate ops). `tensor`, `optim`: the
 * @dropout/tensor and @dropout/optim modules to use. `dispose()` frees every tensor.
 * @example
 *   const calls = await adamCalls(await import('@dropout/tensor'), await import('@dropout/optim'), 'wasm32');
 */
export async function adamCalls(tensor, optim, backendName) {
  const { randn, createRng, fromArray } = tensor;
  const { adam } = optim;
  const backend = await tensor.loadBackend(backendName);
  const rng = createRng(1);
  const [w, dw] = [randn(rng, [3072, 500], backend), randn(rng, [3072, 500], backend)];
  const { config } = adam(w, dw, { learningRate: 5e-4 });
  const { m: m0, v: v0, t } = config;
  const step = { rule: 'adam', learningRate: 5e-4, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, t: t + 1 };
  const copy = (x) => fromArray(x.read(), x.shape, backend);
  let chain = null; // made on the first donated call
  return {
    backend,
    donated: () => {
      chain ??= { nextW: copy(w), config: { ...config, m: copy(m0), v: copy(v0) } };
      chain = adam(chain.nextW, dw, chain.config, { donate: true });
    },
    fresh: () => {
      const r = adam(w, dw, config);
      for (const x of [r.nextW, r.config.m, r.config.v]) x.dispose();
    },
    unfused: () => {
      const r = composedUpdateStep(tensor, step, w, dw, [m0, v0]);
      for (const x of [r.w, ...r.state]) x.dispose();
    },
    dispose: () => {
      for (const x of [w, dw, m0, v0, ...(chain ? [chain.nextW, chain.config.m, chain.config.v] : [])]) x.dispose();
    },
  };
}

/**
 * The three {@link adamCalls} of today's packages, one after another: median of 15 calls each
 * (after one warm-up), in ms.
 */
export async function adamSpeed(backendName) {
  const calls = await adamCalls(await import('@dropout/tensor'), await import('@dropout/optim'), backendName);
  const median = (fn) => {
    fn();
    const ms = [];
    for (let i = 0; i < 15; i++) {
      const t = performance.now();
      fn();
      ms.push(performance.now() - t);
    }
    return ms.sort((a, b) => a - b)[7];
  };
  const result = { backend: calls.backend.name, fusedMs: median(calls.donated), fusedNewTensorsMs: median(calls.fresh), unfusedMs: median(calls.unfused) };
  calls.dispose();
  return { ...result, speedup: result.unfusedMs / result.fusedMs };
}
