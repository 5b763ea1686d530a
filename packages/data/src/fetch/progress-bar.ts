import type { ProgressCallback } from './download.js';

const MB = 1024 * 1024;

/**
 * A download progress display for {@link fetchCifar10}'s `onProgress`: a redrawn bar on a
 * terminal, one line per 10 % otherwise (logs, CI). Call `done()` when the transfer ends.
 * @example
 *   const bar = createProgressBar(process.stderr);
 *   await fetchCifar10({ dir: 'data', onProgress: bar.update });
 *   bar.done();
 */
export function createProgressBar(stream: NodeJS.WriteStream, now: () => number = Date.now): { update: ProgressCallback; done(): void } {
  const started = now();
  let lastDraw = 0;
  let lastDecile = -1;
  let drawn = false;
  const line = (received: number, total: number | null, t: number): string => {
    const seconds = Math.max((t - started) / 1000, 1e-3);
    const rate = `${(received / MB / seconds).toFixed(1)} MB/s`;
    if (total === null || total <= 0) return `${(received / MB).toFixed(1)} MB ${rate}`;
    const fraction = Math.min(received / total, 1);
    const width = 30;
    const filled = Math.round(fraction * width);
    const bar = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
    return `${bar} ${(fraction * 100).toFixed(0).padStart(3)}% ${(received / MB).toFixed(1)}/${(total / MB).toFixed(1)} MB ${rate}`;
  };
  return {
    update(received, total) {
      const t = now();
      if (stream.isTTY) {
        if (t - lastDraw < 100 && received !== total) return;
        lastDraw = t;
        drawn = true;
        stream.write(`\r${line(received, total, t)}\x1b[K`);
        return;
      }
      const decile = total ? Math.floor((received / total) * 10) : Math.floor(received / (16 * MB));
      if (decile !== lastDecile) {
        lastDecile = decile;
        stream.write(`${line(received, total, t)}\n`);
      }
    },
    done() {
      if (drawn) stream.write('\n');
    },
  };
}
