export { RUN_RECORD_SCHEMA_VERSION } from './run-record.js';
export type {
  RunRecord, SolverHistory, RunStatus, TrainingRun, DropoutForwardRow, GradCheckRun, CellResult, DatasetIdentity,
  McDropoutNet, McPredictionResult, ReliabilityBinRecord,
} from './run-record.js';
export { validateRunRecord } from './validate-run-record.js';
export { missingParts, trainingRunName } from './missing-parts.js';
export { pyFloat, pyExp, pyNumber, pyShape, pyPrint } from './py-format.js';
