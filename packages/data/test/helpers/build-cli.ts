// Vitest global setup: the signal tests spawn the built CLI (dist/cli.js), so rebuild it
// when any source file is newer than the build.
import { fileURLToPath } from 'node:url';
import { buildIfStale } from '@dropout/vitest-config/build-if-stale';

export default function setup(): void {
  buildIfStale(fileURLToPath(new URL('../..', import.meta.url)));
}
