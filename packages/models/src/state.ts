import type { BatchnormParam } from '@dropout/layers';
import { fromArray, keep, type Backend, type RngState } from '@dropout/tensor';

/** One batch norm layer's running statistics, as plain arrays. */
export interface BatchnormState {
  runningMean: number[];
  runningVar: number[];
}

/** What {@link FullyConnectedNet.getState} returns: JSON, for checkpoints. */
export interface FullyConnectedNetState {
  /** State of the model's stream (dropout masks without a seed come from it). */
  rng: RngState;
  /** Running statistics per batch norm layer (empty without batch norm). */
  bnParams: BatchnormState[];
}

/** Reads a batch norm param's running statistics into arrays. */
export function bnStateOf(bnParam: BatchnormParam): BatchnormState {
  return { runningMean: Array.from(bnParam.runningMean!.read()), runningVar: Array.from(bnParam.runningVar!.read()) };
}

/** {@link bnStateOf} with `readAsync` (for backends that read only asynchronously, such as gpujs:webgpu). */
export async function bnStateOfAsync(bnParam: BatchnormParam): Promise<BatchnormState> {
  const [mean, variance] = await Promise.all([bnParam.runningMean!.readAsync(), bnParam.runningVar!.readAsync()]);
  return { runningMean: Array.from(mean), runningVar: Array.from(variance) };
}

function fail(message: string): never {
  throw new Error(`FullyConnectedNet.setState: ${message}; pass an object returned by model.getState() of a model with the same layers`);
}

/** Checks `state.bnParams` against the current layers and uploads it as new (kept) batch norm params. */
export function restoreBnParams(state: FullyConnectedNetState, current: BatchnormParam[], backend: Backend): BatchnormParam[] {
  if (state === null || typeof state !== 'object' || !Array.isArray(state.bnParams)) fail('state must be { rng, bnParams: [...] }');
  if (state.bnParams.length !== current.length) fail(`state has ${state.bnParams.length} batch norm layers, the model ${current.length}`);
  state.bnParams.forEach((s, i) => {
    const size = current[i]!.runningMean!.size;
    for (const key of ['runningMean', 'runningVar'] as const) {
      const values = s?.[key];
      if (!Array.isArray(values) || values.length !== size || !values.every(Number.isFinite)) {
        fail(`bnParams[${i}].${key} must be ${size} finite numbers`);
      }
    }
  });
  return state.bnParams.map((s, i) => ({
    ...current[i]!,
    runningMean: keep(fromArray(s.runningMean, [s.runningMean.length], backend)),
    runningVar: keep(fromArray(s.runningVar, [s.runningVar.length], backend)),
  }));
}
