/** Errors that only a mistake in the code can raise; they come with a stack and where to report them. */
const BUG_ERRORS = [TypeError, ReferenceError, RangeError, SyntaxError];

/**
 * The warning printed when a cell fails: the message alone for an expected failure (a diverging
 * run, an unreadable batch), the stack and where to report it for an error that is a bug.
 * @example
 *   describeCellError('regularization', new Error('loss is NaN')); // 'Cell regularization failed: loss is NaN'
 */
export function describeCellError(cellId: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (!BUG_ERRORS.some((kind) => error instanceof kind)) return `Cell ${cellId} failed: ${message}`;
  return [
    `Cell ${cellId} failed with an internal error, which is a bug in @dropout: ${message}`,
    'Please report it on the project\'s issue tracker with the command line, the record.json of this run and these lines:',
    (error as Error).stack ?? message,
  ].join('\n');
}
