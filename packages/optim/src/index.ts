export { sgd, sgdConfigKeys } from './update-rules/sgd.js';
export type { SgdConfig } from './update-rules/sgd.js';
export { sgdMomentum, sgdMomentumConfigKeys } from './update-rules/sgd-momentum.js';
export type { SgdMomentumConfig } from './update-rules/sgd-momentum.js';
export { rmsprop, rmspropConfigKeys } from './update-rules/rmsprop.js';
export type { RmspropConfig } from './update-rules/rmsprop.js';
export { adam, adamConfigKeys } from './update-rules/adam.js';
export type { AdamConfig } from './update-rules/adam.js';
export type { UpdateRule, UpdateResult, UpdateRuleOptions } from './update-rules/update-rule.js';
export { resolveUpdateRule, updateRuleNames } from './update-rules/registry.js';
export type { UpdateRuleName, ResolvedUpdateRule } from './update-rules/registry.js';

export { Solver } from './solver/solver.js';
export { TrainingDivergedError } from './guard/diverged.js';
export type {
  CheckAccuracyOptions, SolverModel, SolverData, SolverResult, SolverHistory, LossOutput, IterationEvent, EpochEvent,
} from './solver-types.js';
export type { Labels } from '@dropout/tensor';
export { solverOptionNames } from './options/solver-options.js';
export type { SolverOptions, ResolvedSolverOptions } from './options/solver-options.js';
export type { ResumeOptions } from './checkpoint/resume.js';
export { CHECKPOINT_FORMAT, CHECKPOINT_VERSION } from './checkpoint/checkpoint.js';
export type { SolverCheckpoint, SavedSolverOptions, EncodedTensor } from './checkpoint/checkpoint.js';
export { validateCheckpoint } from './checkpoint/validate-checkpoint.js';
export { formatFixed } from './format/py-format.js';

