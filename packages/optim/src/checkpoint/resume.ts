import { createNumpyRng, createRng, keep, type Backend, type Tensor } from '@dropout/tensor';
import { resolveSolverOptions, type ResolvedSolverOptions, type SolverOptions } from '../options/solver-options.js';
import type { SolverModel } from '../solver-types.js';
import { decodeValue, type SavedSolverOptions, type SolverCheckpoint } from './checkpoint.js';

/** `Solver.resume`'s options: any Solver option, plus permission to overwrite the original run's later checkpoints. */
export interface ResumeOptions extends SolverOptions {
  /** With options that change the run and the checkpoint's own `checkpointName`: replace its later checkpoints (default false: refuse). */
  overwriteCheckpoints?: boolean;
}

/** Options that make the resumed run's checkpoints differ from the original run's. */
const SHAPING = ['updateRule', 'optimConfig', 'lrDecay', 'batchSize', 'numEpochs', 'numTrainSamples', 'numValSamples', 'accuracyBatchSize'] as const;

const canonical = (v: unknown): string => JSON.stringify(v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).sort()) : v);

/**
 * The saved options with `given` on top, every saved value checked (errors name the checkpoint's
 * field); a stream of the saved kind when none is given.
 * @example
 *   new Solver(model, data, resumeOptions(cp, { logger }));
 */
export function resumeOptions(cp: SolverCheckpoint, given: SolverOptions): SolverOptions {
  const { updateRule, ...saved } = cp.options;
  if (updateRule === 'custom' && given.updateRule === undefined) {
    throw new Error('Solver.resume: the checkpoint was trained with a custom update rule; pass the same function as options.updateRule');
  }
  if (saved.checkpointName !== null && given.checkpointName === undefined && given.saveCheckpoint === undefined) {
    throw new Error(
      `Solver.resume: the checkpoint saves checkpoints as '${saved.checkpointName}_epoch_<n>.json'; pass saveCheckpoint again ` +
        "(from '@dropout/optim/node' for files), or checkpointName: null to save none",
    );
  }
  const rule = (updateRule === 'custom' ? given.updateRule : updateRule) as SolverOptions['updateRule'];
  try {
    resolveSolverOptions({ ...saved, updateRule: rule, checkpointName: null });
  } catch (err) {
    throw new Error(`Solver.resume: the checkpoint's options are invalid: ${(err as Error).message.replace(/^Solver: /, 'options.')}`);
  }
  const rng = given.rng ?? (cp.rng.kind === 'numpy' ? createNumpyRng(0) : createRng(0));
  return { ...saved, updateRule: rule, ...given, rng };
}

/** `name a → b` for each option that shapes the run and differs between the checkpoint and `now`. */
function changedOptions(saved: SavedSolverOptions, now: ResolvedSolverOptions): string[] {
  const current: Record<string, unknown> = { ...now, updateRule: now.update.name };
  return SHAPING.filter((k) => !(k === 'updateRule' && saved.updateRule === 'custom') && canonical(saved[k]) !== canonical(current[k]))
    .map((k) => `${k} ${canonical(saved[k])} → ${canonical(current[k])}`);
}

/**
 * Refuses (or, with `overwrite`, returns the line that announces) a resumed run whose options
 * change the run while its checkpoints keep the original run's names; null when nothing is at risk.
 */
export function checkOverwrite(cp: SolverCheckpoint, now: ResolvedSolverOptions, overwrite: boolean): string | null {
  const name = cp.options.checkpointName;
  const changed = changedOptions(cp.options, now);
  if (changed.length === 0 || name === null || now.checkpointName !== name) return null;
  const files = `'${name}_epoch_<n>.json' after epoch ${cp.epoch}`;
  if (overwrite) return `Resuming with options that differ from the checkpoint's (${changed.join('; ')}): overwriting ${files}`;
  throw new Error(
    `Solver.resume: these options differ from the checkpoint's: ${changed.join('; ')}; under its checkpointName this run would overwrite ` +
      `the original run's ${files}. Pass a new checkpointName (or null), or overwriteCheckpoints: true to replace them`,
  );
}

/** Checks what the checkpoint's counters and stream need of the resumed run. */
export function checkResumable(cp: SolverCheckpoint, now: ResolvedSolverOptions, iterationsPerEpoch: number): void {
  if (now.rng.kind !== cp.rng.kind) {
    throw new Error(`Solver.resume: the checkpoint holds a '${cp.rng.kind}' random stream but options.rng is '${now.rng.kind}'; pass a stream of the same kind`);
  }
  if (cp.epoch > cp.iteration || (now.batchSize === cp.options.batchSize && cp.epoch !== Math.floor(cp.iteration / iterationsPerEpoch))) {
    throw new Error(
      `Solver.resume: the checkpoint's epoch ${cp.epoch} does not follow from its iteration ${cp.iteration} at ${iterationsPerEpoch} iterations per epoch; ` +
        'the training data differ from the run\'s, or the file was edited',
    );
  }
}

/** The checkpoint's tensors decoded onto `backend` and checked against the model: parameters, best parameters, optimizer configs. */
export function decodeState(cp: SolverCheckpoint, model: SolverModel, backend: Backend) {
  const names = Object.keys(model.params);
  const configs = decodeValue(cp.optimConfigs, backend) as Record<string, Record<string, unknown>>;
  if (Object.keys(configs).sort().join() !== [...names].sort().join()) {
    throw new Error(`Solver.resume: the checkpoint's optimConfigs are for ${Object.keys(configs).join(', ')} but the model's parameters are ${names.join(', ')}`);
  }
  return { params: decodeParams(cp.params, model.params, backend, 'params'), bestParams: decodeParams(cp.bestParams, model.params, backend, 'bestParams'), configs };
}

function decodeParams(encoded: SolverCheckpoint['params'], like: Record<string, Tensor>, backend: Backend, what: string): Record<string, Tensor> {
  const names = Object.keys(like);
  const saved = Object.keys(encoded);
  if (saved.some((n) => !names.includes(n)) || (what === 'params' && saved.length !== names.length)) {
    throw new Error(`Solver.resume: the checkpoint's ${what} (${saved.join(', ')}) do not match the model's parameters (${names.join(', ')}); build the model with the same architecture`);
  }
  const out: Record<string, Tensor> = {};
  for (const name of saved) {
    const { shape } = encoded[name]!.$tensor;
    if (shape.join() !== like[name]!.shape.join()) {
      throw new Error(`Solver.resume: checkpoint ${what}.${name} has shape [${shape.join(', ')}] but the model's has [${like[name]!.shape.join(', ')}]`);
    }
    out[name] = keep(decodeValue(encoded[name], backend) as Tensor);
  }
  return out;
}
