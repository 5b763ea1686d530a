/** A real small file system for full-disk and read-only tests. */
export interface Tmpfs {
  /** Where it is mounted (a new folder under the system temp dir). */
  dir: string;
  /** Remounts it read-only (EROFS for every write). */
  readOnly(): void;
  /** Unmounts it and removes the folder. */
  unmount(): void;
}

/**
 * Mounts a tmpfs of `size` (e.g. '64k') on a new temp folder. Needs root (CI runs as root).
 * When mounting is impossible this throws, so the test FAILS with the reason; set
 * DROPOUT_NO_MOUNT_TESTS=1 to turn those tests into skips that say why.
 * @example
 *   const fs = mountTmpfs('64k'); try { … } finally { fs.unmount(); }
 */
export function mountTmpfs(size: string): Tmpfs;

/**
 * True when DROPOUT_NO_MOUNT_TESTS=1 asks to skip the tests that need a real mount (a warning says so).
 * @example
 *   describe.skipIf(mountTestsSkipped)('on a full disk', () => { … });
 */
export const mountTestsSkipped: boolean;
