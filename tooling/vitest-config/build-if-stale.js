// For Vitest global setups of packages whose tests spawn their own built CLI (dist/): rebuilds
// with tsdown when any file under src/ is newer than `dist/<probe>` (turbo's `test` task builds
// dependencies only, not the package itself).
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function newest(dir) {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return t;
}

/** Builds the package at `root` unless `dist/<probe>` is newer than everything in src/. */
export function buildIfStale(root, probe = 'cli.js') {
  let built = 0;
  try {
    built = statSync(join(root, 'dist', probe)).mtimeMs;
  } catch {
    // not built yet
  }
  if (built > newest(join(root, 'src'))) return;
  execFileSync('npx', ['tsdown', '--config-loader', 'native', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
}
