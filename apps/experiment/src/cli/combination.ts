import { FLAG_CELLS, type ExperimentOptions } from './options.js';

/**
 * Checks the flags together, after each was parsed alone, and returns warnings for combinations
 * that run but do not do what they seem to (a flag no chosen cell
 * reads, a minibatch larger than the training set). The ignored flags are also kept in
 * `options.ignoredFlags`, so the record does not present them as used.
 * @example
 *   checkCombination(parseArgs(['--cells', 'dropout-forward', '--epochs', '3']).options, ['--cells', '--epochs']);
 *   // ['--epochs is not used by the chosen cells (dropout-forward) and is ignored']
 */
export function checkCombination(options: ExperimentOptions, given: readonly string[]): string[] {
  const warnings: string[] = [];
  const ignored = given.filter((flag) => {
    const users = FLAG_CELLS[flag];
    return users !== undefined && !users.some((cell) => options.cells.includes(cell));
  });
  options.ignoredFlags = ignored;
  for (const flag of ignored) {
    warnings.push(`${flag} is not used by the chosen cells (${options.cells.join(', ')}) and is ignored; it is used by --cells ${FLAG_CELLS[flag]!.join(',')}`);
  }
  if (options.cells.includes('regularization')) {
    if (options.batchSize > options.numTrain) {
      warnings.push(`--batch-size ${options.batchSize} is larger than --num-train ${options.numTrain}: each minibatch samples (with replacement) more images than the training set holds, and an epoch is one iteration`);
    }
  }
  return warnings;
}
