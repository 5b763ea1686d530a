/** A bad command line or input (a missing or invalid record, an unusable output path): exit code 2, message only. */
export class ReportUsageError extends Error {
  override name = 'ReportUsageError';
}
