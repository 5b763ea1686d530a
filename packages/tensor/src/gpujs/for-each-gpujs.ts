import { describe } from 'vitest';
import { loadBackend } from '../registry.js';
import { selectedBackendNames } from '../testing/index.js';
import { GpujsBackend } from './gpujs-backend.js';

const loaded = await Promise.all(
  selectedBackendNames()
    .filter((name) => name.startsWith('gpujs'))
    .map(async (name) => {
      try {
        return { name, backend: (await loadBackend(name)) as GpujsBackend };
      } catch (err) {
        return { name, reason: (err as Error).message };
      }
    }),
);

/** `forEachBackend` restricted to the selected gpujs modes (these suites test the gpujs backend itself). */
export function forEachGpujs(name: string, fn: (backend: GpujsBackend) => void): void {
  for (const entry of loaded) {
    const backend = 'backend' in entry ? entry.backend : undefined;
    if (backend) describe(`${name} [${backend.name}]`, () => fn(backend));
    else describe.skip(`${name} [${entry.name}: unavailable — ${entry.reason}]`, () => {});
  }
}
