export { renderReport, missingParts, type RenderReportOptions } from './render-report.js';
export { writeReport, readRunRecord, writeFileAtomic, type WriteReportOptions } from './write-report.js';
export {
  accuracyPerEpoch, lossPerIteration, finalAccuracyByKeepRatio, generalizationGapByKeepRatio, aggregate, keepLabel,
  type AggregateSeries, type SeriesPoint,
} from './series.js';
export { escapeHtml } from './escape.js';
export { runCli, parseArgs } from './run-cli.js';
