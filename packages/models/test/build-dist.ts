// Vitest global setup: the save/load test loads the model in a fresh Node process from the
// built package (dist/node/index.js), so rebuild it when any source file is newer than the build.
import { fileURLToPath } from 'node:url';
import { buildIfStale } from '@dropout/vitest-config/build-if-stale';

export default function setup(): void {
  buildIfStale(fileURLToPath(new URL('..', import.meta.url)), 'node/index.js');
}
