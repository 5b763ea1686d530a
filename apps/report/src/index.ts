export { renderReport, type RenderReportOptions } from './render-report.js';
export { writeReport, type WriteReportOptions } from './write-report.js';
export { ReportUsageError } from './report-error.js';
export {
  accuracyPerEpoch, lossPerIteration, finalAccuracyByKeepRatio, generalizationGapByKeepRatio, aggregate, keepLabel, bucketSize, MAX_SERIES_POINTS,
  type AggregateSeries, type SeriesPoint,
} from './series.js';
export { escapeHtml } from './escape.js';
export { runCli, parseArgs, REPORT_EXIT } from './run-cli.js';
