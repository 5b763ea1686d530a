import { loadBackend, type Backend } from '@dropout/tensor';
import { UsageError } from './cli/usage-error.js';

/**
 * What `--backend auto` tries, in order: the fast float32 CPU backend where this build of
 * @dropout/tensor has one, then the plain float32 CPU backend (the notebook's nets are float32).
 */
export const AUTO_BACKENDS = ['wasm32', 'cpu32'];

/**
 * Loads the backend the training nets run on; `auto` picks the first of {@link AUTO_BACKENDS}
 * that loads. A name that does not load is a usage error naming `--backend` and the reason.
 * @example
 *   (await openTrainingBackend('auto')).floatBits; // 32
 */
export async function openTrainingBackend(requested: string): Promise<Backend> {
  const candidates = requested === 'auto' ? AUTO_BACKENDS : [requested];
  const reasons: string[] = [];
  for (const name of candidates) {
    try {
      return await loadBackend(name);
    } catch (error) {
      reasons.push(`${name}: ${(error as Error).message}`);
    }
  }
  throw new UsageError(`--backend ${requested} cannot be used (${reasons.join('; ')})`);
}
