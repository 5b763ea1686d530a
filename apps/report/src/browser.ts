// Browser-safe entry (@dropout/report/browser): the renderer and the chart code without the
// Node file helpers, for pages that render a report in place or draw the charts live (apps/web).
// missingParts lives with the record schema: import it from @dropout/run-record.
export { renderReport, type RenderReportOptions } from './render-report.js';
export { chartOption, type ChartSpec, type PlotSeries, type TooltipData } from './charts.js';
export { regularizationChartSpecs } from './sections/regularization-cell.js';
export { mcDropoutChartSpecs } from './sections/mc-dropout-series.js';
export { chartInk, chartInkDark, seriesPalette, runDashes, darkChartCss } from './chart-theme.js';
export {
  accuracyPerEpoch, lossPerIteration, finalAccuracyByKeepRatio, generalizationGapByKeepRatio, aggregate, keepLabel, bucketSize, MAX_SERIES_POINTS,
  type AggregateSeries, type SeriesPoint,
} from './series.js';
export { escapeHtml } from './escape.js';
export { pageScript, contentSecurityPolicy } from './page-assets.js';
