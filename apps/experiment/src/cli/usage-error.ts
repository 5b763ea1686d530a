/** A bad command line or input; the CLI prints the message alone and exits with code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
