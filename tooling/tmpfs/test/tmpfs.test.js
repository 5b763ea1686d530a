// What the full-disk tests rely on: the mount really is `size` bytes (ENOSPC past it), readOnly()
// really refuses writes (EROFS), and unmount() leaves nothing behind.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mountTestsSkipped, mountTmpfs } from '../index.js';

describe.skipIf(mountTestsSkipped)('mountTmpfs (needs root)', () => {
  it('holds about `size` bytes, then fails with ENOSPC', () => {
    const disk = mountTmpfs('64k');
    try {
      writeFileSync(join(disk.dir, 'fits'), Buffer.alloc(32 * 1024, 1));
      expect(readFileSync(join(disk.dir, 'fits')).length).toBe(32 * 1024);
      expect(() => writeFileSync(join(disk.dir, 'too-big'), Buffer.alloc(128 * 1024, 1))).toThrow(expect.objectContaining({ code: 'ENOSPC' }));
    } finally {
      disk.unmount();
    }
    expect(existsSync(disk.dir)).toBe(false);
  });

  it('readOnly() makes every write fail with EROFS and keeps what was there', () => {
    const disk = mountTmpfs('64k');
    try {
      writeFileSync(join(disk.dir, 'kept'), 'before');
      disk.readOnly();
      expect(() => writeFileSync(join(disk.dir, 'new'), 'x')).toThrow(expect.objectContaining({ code: 'EROFS' }));
      expect(readFileSync(join(disk.dir, 'kept'), 'utf8')).toBe('before');
    } finally {
      disk.unmount();
    }
  });
});

it('an impossible mount throws, naming the size, the reason and the way out', () => {
  // An invalid size makes mount(8) fail whether or not this runs as root.
  expect(() => mountTmpfs('not-a-size')).toThrow(/^cannot mount a not-a-size tmpfs for the full-disk tests \(they need root: run as root, or set DROPOUT_NO_MOUNT_TESTS=1 to skip them\): .+/);
});
