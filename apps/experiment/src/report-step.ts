import { writeReport } from '@dropout/report';
import type { ConsoleOutput } from './output/console-output.js';

/**
 * Renders `report.html` beside the run's record with @dropout/report and returns its path;
 * on failure warns (the record is still there) and returns null.
 * @example
 *   const reportPath = await writeRunReport(folder, out);
 */
export async function writeRunReport(folder: string, out: ConsoleOutput): Promise<string | null> {
  try {
    return writeReport(folder);
  } catch (error) {
    out.warn(`Could not write the HTML report: ${(error as Error).message}. The record is complete; retry with \`pnpm report ${folder}\`.`);
    return null;
  }
}
