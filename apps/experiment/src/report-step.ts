import type { ConsoleOutput } from './output/console-output.js';

/**
 * Renders `report.html` beside the run's record with @dropout/report and returns its path;
 * on failure warns (the record is already written) and returns null.
 * @example
 *   const reportPath = await writeRunReport(folder, out);
 */
export async function writeRunReport(folder: string, out: ConsoleOutput): Promise<string | null> {
  try {
    // Imported here so that a broken report never costs the run its record.
    const { writeReport } = await import('@dropout/report');
    return writeReport(folder);
  } catch (error) {
    out.warn(`Could not write the HTML report: ${(error as Error).message}. The record is kept; retry with \`pnpm report ${folder}\`.`);
    return null;
  }
}
