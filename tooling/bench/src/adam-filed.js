// The speed issue's "today's" Adam, run beside the fused one: the repository at the revision the
// issue was measured on (FILED_REV, the last commit on main before work on it began), exported
// with `git archive`, installed and built once into
// node_modules/.cache/dropout-bench/, and imported into this process next to the current
// packages, so both Adam updates of a 3072×500 weight are timed in turns on the same machine.
// Its `adam` is thirteen tensor ops on that day's wasm32 backend; breakdown.js's composed step
// is the same formula on today's backend (whose elementwise ops got faster since).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { composedUpdateStep } from './composed-update.js';

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
 * warm-ups each), medians in ms: `filed` (the adam), `composed` (the same 13 ops on
 * today's wasm32) and `fused` (today's adam as the Solver runs it, state donated).
 */
export async function adamAgainstFiled(dir) {
  const load = (pkg) => import(pathToFileURL(path.join(dir, 'packages', pkg, 'dist/index.js')).href);
  const [oldTensor, oldOptim] = [await load('tensor'), await load('optim')];
  const tensor = await import('@dropout/tensor');
  const optim = await import('@dropout/optim');
  const setup = async (T, O) => {
    const backend = await T.loadBackend('wasm32');
    const rng = T.createRng(1);
    const w = T.randn(rng, [3072, 500], backend);
    const dw = T.randn(rng, [3072, 500], backend);
    return { backend, w, dw, config: O.adam(w, dw, { learningRate: 5e-4 }).config };
  };
  const old = await setup(oldTensor, oldOptim);
  const now = await setup(tensor, optim);
  const copy = (x) => tensor.fromArray(x.read(), x.shape, now.backend);
  let chain = { nextW: copy(now.w), config: { ...now.config, m: copy(now.config.m), v: copy(now.config.v) } };
  const step = { rule: 'adam', learningRate: 5e-4, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, t: now.config.t + 1 };
  const fns = {
    filed: () => {
      const r = oldOptim.adam(old.w, old.dw, old.config);
      for (const x of [r.nextW, r.config.m, r.config.v]) x.dispose();
    },
    composed: () => {
      const r = composedUpdateStep(tensor, step, now.w, now.dw, [now.config.m, now.config.v]);
      for (const x of [r.w, ...r.state]) x.dispose();
    },
    fused: () => {
      chain = optim.adam(chain.nextW, now.dw, chain.config, { donate: true });
    },
  };
  const times = Object.fromEntries(Object.keys(fns).map((k) => [k, []]));
  for (const fn of Object.values(fns)) for (let i = 0; i < 5; i++) fn();
  for (let round = 0; round < 30; round++) {
    for (const [k, fn] of Object.entries(fns)) {
      const t = performance.now();
      fn();
      times[k].push(performance.now() - t);
    }
  }
  for (const x of [old.w, old.dw, old.config.m, old.config.v, now.w, now.dw, now.config.m, now.config.v, chain.nextW, chain.config.m, chain.config.v]) x.dispose();
  const median = (a) => a.sort((x, y) => x - y)[a.length >> 1];
  const ms = Object.fromEntries(Object.entries(times).map(([k, a]) => [k, median(a)]));
  return { revision: FILED_REV, filedMs: ms.filed, composedMs: ms.composed, fusedMs: ms.fused, speedup: ms.filed / ms.fused, speedupVsComposed: ms.composed / ms.fused };
}
