import { createNumpyRng, createRng, formatShape, Tensor, type Backend } from '@dropout/tensor';
import { CHECKPOINT_FORMAT, CHECKPOINT_VERSION, decodeValue, encodeValue, type SolverCheckpoint } from './checkpoint.js';
import type { ResolvedSolverOptions } from './solver-options.js';
import type { Solver } from './solver.js';
import { collectTensors, disposeUnreferenced } from './tensor-refs.js';

function encodeParams(params: Record<string, Tensor>, what: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, t] of Object.entries(params)) out[name] = encodeValue(t, `${what}.${name}`);
  return out;
}

/** Snapshot of a Solver as JSON-safe data (`params`: the live parameters, not the swapped-in best ones). */
export function makeCheckpoint(solver: Solver, o: ResolvedSolverOptions, params: Record<string, Tensor>): SolverCheckpoint {
  const model = solver.model;
  return {
    format: CHECKPOINT_FORMAT,
    version: CHECKPOINT_VERSION,
    backend: solver.backend.name,
    options: {
      updateRule: o.update.name, optimConfig: o.optimConfig, lrDecay: o.lrDecay, batchSize: o.batchSize, numEpochs: o.numEpochs,
      numTrainSamples: o.numTrainSamples, numValSamples: o.numValSamples, checkpointName: o.checkpointName,
      printEvery: o.printEvery, verbose: o.verbose, accuracyBatchSize: o.accuracyBatchSize,
    },
    epoch: solver.epoch,
    iteration: solver.iteration,
    bestValAcc: solver.bestValAcc,
    lossHistory: [...solver.lossHistory],
    trainAccHistory: [...solver.trainAccHistory],
    valAccHistory: [...solver.valAccHistory],
    params: encodeParams(params, 'params'),
    bestParams: encodeParams(solver.bestParams, 'bestParams'),
    optimConfigs: encodeValue(solver.optimConfigs, 'optimConfigs') as Record<string, unknown>,
    rng: o.rng.getState(),
    modelState: typeof model.getState === 'function' && typeof model.setState === 'function' ? encodeValue(model.getState(), 'modelState') : null,
  };
}

function decodeParams(encoded: Record<string, unknown>, like: Record<string, Tensor>, backend: Backend, what: string): Record<string, Tensor> {
  const names = Object.keys(like);
  const saved = Object.keys(encoded);
  const extra = saved.filter((n) => !names.includes(n));
  if (extra.length > 0 || (what === 'params' && saved.length !== names.length)) {
    throw new Error(`Solver.resume: the checkpoint's ${what} (${saved.join(', ')}) do not match the model's parameters (${names.join(', ')}); build the model with the same architecture`);
  }
  const out: Record<string, Tensor> = {};
  for (const name of saved) {
    const t = decodeValue(encoded[name], backend);
    if (!(t instanceof Tensor) || formatShape(t.shape) !== formatShape(like[name]!.shape)) {
      const got = t instanceof Tensor ? formatShape(t.shape) : typeof t;
      throw new Error(`Solver.resume: checkpoint ${what}.${name} has shape ${got} but the model's has ${formatShape(like[name]!.shape)}`);
    }
    out[name] = t;
  }
  return out;
}

/** Puts a checkpoint's state into a freshly constructed Solver (and its model and Rng). */
export function restoreCheckpoint(solver: Solver, cp: SolverCheckpoint, backend: Backend, o: ResolvedSolverOptions, rngGiven: boolean): void {
  const model = solver.model;
  if (!rngGiven) o.rng = cp.rng.kind === 'numpy' ? createNumpyRng(0) : createRng(0);
  if (o.rng.kind !== cp.rng.kind) {
    throw new Error(`Solver.resume: the checkpoint holds a '${cp.rng.kind}' random stream but options.rng is '${o.rng.kind}'; pass a stream of the same kind`);
  }
  const params = decodeParams(cp.params, model.params, backend, 'params');
  const bestParams = decodeParams(cp.bestParams, model.params, backend, 'bestParams');
  const optimConfigs = decodeValue(cp.optimConfigs, backend) as Record<string, Record<string, unknown>>;
  if (cp.modelState !== null && cp.modelState !== undefined) {
    if (typeof model.setState !== 'function') throw new Error('Solver.resume: the checkpoint holds model state but the model has no setState(state) method');
    model.setState(decodeValue(cp.modelState, backend));
  }
  o.rng.setState(cp.rng);
  const old = [...Object.values(model.params), ...collectTensors(solver.optimConfigs)];
  Object.assign(model.params, params);
  solver.optimConfigs = optimConfigs;
  solver.bestParams = bestParams;
  solver.epoch = cp.epoch;
  solver.iteration = cp.iteration;
  solver.bestValAcc = cp.bestValAcc;
  solver.lossHistory = [...cp.lossHistory];
  solver.trainAccHistory = [...cp.trainAccHistory];
  solver.valAccHistory = [...cp.valAccHistory];
  disposeUnreferenced(old, [model, solver.bestParams, solver.optimConfigs]);
}

/** The course's `config['learning_rate'] *= lr_decay` for every parameter, as new config objects. */
export function decayLearningRates(configs: Record<string, Record<string, unknown>>, lrDecay: number): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [name, config] of Object.entries(configs)) {
    if (typeof config.learningRate !== 'number') {
      if (lrDecay !== 1) throw new Error(`Solver: lrDecay needs a numeric learningRate in the optimizer config of '${name}'; the custom update rule must return it`);
      out[name] = config;
    } else {
      out[name] = { ...config, learningRate: config.learningRate * lrDecay };
    }
  }
  return out;
}
