export { sgd, sgdConfigKeys } from './update-rules/sgd.js';
export type { SgdConfig } from './update-rules/sgd.js';
export { sgdMomentum, sgdMomentumConfigKeys } from './update-rules/sgd-momentum.js';
export type { SgdMomentumConfig } from './update-rules/sgd-momentum.js';
export { rmsprop, rmspropConfigKeys } from './update-rules/rmsprop.js';
export type { RmspropConfig } from './update-rules/rmsprop.js';
export { adam, adamConfigKeys } from './update-rules/adam.js';
export type { AdamConfig } from './update-rules/adam.js';
export type { UpdateRule, UpdateResult } from './update-rules/update-rule.js';
export { resolveUpdateRule, updateRuleNames } from './update-rules/registry.js';
export type { UpdateRuleName, ResolvedUpdateRule } from './update-rules/registry.js';

export { Solver } from './solver/solver.js';
export type {
  CheckAccuracyOptions, SolverModel, SolverData, SolverOptions, SolverResult, Labels, LossOutput, IterationEvent, EpochEvent,
} from './solver/solver-types.js';
export { solverOptionNames } from './solver/solver-options.js';
export type { ResolvedSolverOptions } from './solver/solver-options.js';
export { readCheckpoint, CHECKPOINT_FORMAT, CHECKPOINT_VERSION } from './solver/checkpoint.js';
export type { SolverCheckpoint } from './solver/checkpoint.js';
export { formatFixed } from './solver/py-format.js';

export { RUN_RECORD_SCHEMA_VERSION } from './run-record.js';
export type {
  RunRecord, SolverHistory, RunStatus, TrainingRun, DropoutForwardRow, GradCheckRun, CellResult, DatasetIdentity,
  McDropoutNet, McPredictionResult, ReliabilityBinRecord,
} from './run-record.js';
export { validateRunRecord } from './validate-run-record.js';
