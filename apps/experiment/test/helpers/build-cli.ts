// Vitest global setup: the end-to-end tests spawn the built CLI (dist/cli.js), so rebuild it
// when any source file is newer than the build (turbo's `test` task builds dependencies only).
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

function newest(dir: string): number {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return t;
}

export default function setup(): void {
  let built = 0;
  try {
    built = statSync(join(root, 'dist', 'cli.js')).mtimeMs;
  } catch {
    // not built yet
  }
  if (built > newest(join(root, 'src'))) return;
  execFileSync('npx', ['tsdown', '--config-loader', 'native', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
}
