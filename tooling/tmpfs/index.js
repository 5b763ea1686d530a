// The one home of the real-disk test helper: a tmpfs mounted for one test, full or remounted
// read-only. A tooling package (like @dropout/chromium) so that the tests of every package and
// app can use it whatever their layer; not for production code (it runs mount(8)).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Mounts a tmpfs of `size` (e.g. '64k') on a new temp folder. Needs root (CI runs as root).
 * When mounting is impossible this throws, so the test FAILS with the reason; set
 * DROPOUT_NO_MOUNT_TESTS=1 to turn those tests into skips that say why.
 * @param {string} size
 * @returns {import('./index.d.ts').Tmpfs}
 */
export function mountTmpfs(size) {
  const dir = mkdtempSync(join(tmpdir(), 'dropout-tmpfs-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'pipe' });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`cannot mount a ${size} tmpfs for the full-disk tests (they need root: run as root, or set DROPOUT_NO_MOUNT_TESTS=1 to skip them): ${error.stderr?.toString().trim() || error.message}`);
  }
  return {
    dir,
    readOnly: () => execFileSync('mount', ['-o', 'remount,ro', dir], { stdio: 'pipe' }),
    unmount: () => {
      execFileSync('umount', [dir], { stdio: 'pipe' });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** True when DROPOUT_NO_MOUNT_TESTS=1 asks to skip the tests that need a real mount (a warning says so). */
export const mountTestsSkipped = process.env.DROPOUT_NO_MOUNT_TESTS === '1';
if (mountTestsSkipped) console.warn('DROPOUT_NO_MOUNT_TESTS=1: the real full-disk and read-only-mount tests are SKIPPED');
