// The speed issue's "today's" Adam, run beside the fused one: the repository at the revision the
// issue was measured on (FILED_REV, the last commit on main before work on it began), exported
// with `git archive`, installed and built once into
// node_modules/.cache/dropout-bench/, and imported into this process next to the current
// packages, so both Adam updates of a 3072×500 weight are timed in turns on the same machine.
// Its `adam` is thirteen tensor ops on that day's wasm32 backend; breakdown.js's `unfused` call
// is the same formula on today's backend (which runs those ops faster).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { adamCalls } from './breakdown.js';

/** The revision the speed issue's numbers were measured on (before the fused update kernels). */
export const FILED_REV = '5263fcc1949ac11230ec6a19e20a6117929b673e';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const cacheDir = path.join(root, 'node_modules/.cache/dropout-bench');

function sh(cmd, args, cwd) {
  return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/**
 * The filed revision's built @dropout/tensor and @dropout/optim (built on first use, ~1 minute),
 * or `{ reason }` when it cannot be had (no git history, say, in a tarball install).
 */
export function prepareFiled(log) {
  const dir = path.join(cacheDir, `filed-${FILED_REV.slice(0, 12)}`);
  const built = (p) => existsSync(path.join(dir, p, 'dist/index.js'));
  if (built('packages/tensor') && built('packages/optim')) return { dir };
  try {
    sh('git', ['cat-file', '-e', `${FILED_REV}^{commit}`], root);
  } catch {
    return { reason: `revision ${FILED_REV.slice(0, 12)} is not in this checkout's git history (a full clone has it)` };
  }
  const tmp = `${dir}.tmp-${process.pid}`;
  try {
    log(`  preparing the revision the issue was measured on (${FILED_REV.slice(0, 12)}): git archive, pnpm install, build — once, cached in ${path.relative(root, cacheDir)}`);
    rmSync(tmp, { recursive: true, force: true });
    mkdirSync(tmp, { recursive: true });
    const archive = path.join(tmp, 'src.tar');
    sh('git', ['archive', '--format=tar', '-o', archive, FILED_REV], root);
    sh('tar', ['-xf', archive, '-C', tmp], root);
    rmSync(archive);
    sh('pnpm', ['install', '--frozen-lockfile', '--ignore-scripts', '--filter', '@dropout/optim...'], tmp);
    sh('pnpm', ['--filter', '@dropout/optim...', 'build'], tmp);
    rmSync(dir, { recursive: true, force: true });
    renameSync(tmp, dir);
    return { dir };
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    const detail = String(err.stderr || err.message).trim().split('\n').slice(-1)[0];
    return { reason: `could not build revision ${FILED_REV.slice(0, 12)}: ${detail}` };
  }
}

/**
 * Adam on a 3072×500 weight with m and v present, three ways taken in turns (30 rounds after 5
 * warm-ups each), medians in ms: `filed` (the adam: breakdown.js's `fresh` call on the
 * filed packages), `composed` (the same 13 ops on today's wasm32) and `fused` (today's adam as
 * the Solver runs it, state donated).
 */
export async function adamAgainstFiled(dir) {
  const load = (pkg) => import(pathToFileURL(path.join(dir, 'packages', pkg, 'dist/index.js')).href);
  const old = await adamCalls(await load('tensor'), await load('optim'), 'wasm32');
  const now = await adamCalls(await import('@dropout/tensor'), await import('@dropout/optim'), 'wasm32');
  const fns = { filed: old.fresh, composed: now.unfused, fused: now.donated };
  const times = { filed: [], composed: [], fused: [] };
  for (const fn of Object.values(fns)) for (let i = 0; i < 5; i++) fn();
  for (let round = 0; round < 30; round++) {
    for (const [k, fn] of Object.entries(fns)) {
      const t = performance.now();
      fn();
      times[k].push(performance.now() - t);
    }
  }
  old.dispose();
  now.dispose();
  const median = (a) => a.sort((x, y) => x - y)[a.length >> 1];
  const ms = Object.fromEntries(Object.entries(times).map(([k, a]) => [k, median(a)]));
  return { revision: FILED_REV, filedMs: ms.filed, composedMs: ms.composed, fusedMs: ms.fused, speedup: ms.filed / ms.fused, speedupVsComposed: ms.composed / ms.fused };
}
