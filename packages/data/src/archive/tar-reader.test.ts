import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { tarGz } from '../../test/helpers/tar-writer.js';
import { gunzip } from './gunzip.js';
import { readTar } from './tar-reader.js';

// Oracle: archives written by Python's tarfile (test/fixtures/make-tar-fixtures.py).
const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../test/fixtures/tar/${name}.tar`, import.meta.url)));
const LONG = `cifar-10-batches-py/${Array(5).fill('d'.repeat(20)).join('/')}/long-name.txt`;
const LONGER = `cifar-10-batches-py/${'n'.repeat(110)}.txt`;
const text = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);

describe('readTar on archives written by Python tarfile', () => {
  for (const format of ['pax', 'gnu', 'ustar'] as const) {
    it(`reads every file and folder of the ${format} archive, long names included`, () => {
      const { files, dirs } = readTar(fixture(format), `${format}.tar`);
      expect(dirs).toEqual(['cifar-10-batches-py']);
      expect(text(files.get(LONG))).toBe('long name\n');
      expect(text(files.get('cifar-10-batches-py/setuid.sh'))).toBe('#!/bin/sh\n');
      expect(files.has(LONGER)).toBe(format !== 'ustar');
      if (format !== 'ustar') expect(text(files.get(LONGER))).toBe('longer name\n');
    });
  }

  it('says where an archive is truncated and refuses one with a damaged header', () => {
    const tar = fixture('pax');
    expect(() => readTar(tar.subarray(0, 1536 + 100), 'cut.tar')).toThrow(/^cut\.tar is truncated: entry "cifar-10-batches-py\/d{20}.*" needs 10 bytes, \d+ are left|^cut\.tar is truncated/);
    expect(() => readTar(tar.subarray(0, 700), 'cut.tar')).toThrow(/^cut\.tar is truncated/);
    const damaged = Uint8Array.from(tar);
    damaged[10] ^= 0x20;
    expect(() => readTar(damaged, 'damaged.tar')).toThrow('damaged.tar is not a tar archive or is corrupt (bad header checksum at byte 0)');
    expect(() => readTar(new TextEncoder().encode('hello '.repeat(200)), 'text.tar')).toThrow(/text\.tar is not a tar archive or is corrupt/);
  });
});

describe('readTar refuses hostile archives whole', () => {
  const ok = { path: 'cifar-10-batches-py/ok', data: 'fine' };
  for (const [entry, message] of [
    [{ path: '/etc/passwd', data: 'x' }, 'entry "/etc/passwd" has an absolute path'],
    [{ path: 'cifar-10-batches-py/../../escaped.txt', data: 'x' }, `entry "cifar-10-batches-py/../../escaped.txt" would land outside the archive's folder`],
    [{ path: 'a/../b', data: 'x' }, 'entry "a/../b" would land outside'],
    [{ path: 'cifar-10-batches-py/link', type: 'symlink', linkpath: '../../../etc' }, `symlink "cifar-10-batches-py/link" points outside the archive's folder (to "../../../etc")`],
    [{ path: 'cifar-10-batches-py/abs', type: 'symlink', linkpath: '/etc/shadow' }, 'symlink "cifar-10-batches-py/abs" points outside'],
    [{ path: 'cifar-10-batches-py/hard', type: 'hardlink', linkpath: '../outside.txt' }, 'hard link "cifar-10-batches-py/hard" points outside'],
  ] as const) {
    it(`refuses ${entry.path}`, async () => {
      const tar = await gunzip(new Uint8Array(tarGz([ok, entry])), 'hostile.tar.gz');
      expect(() => readTar(tar, 'hostile.tar.gz')).toThrow(`Refusing hostile.tar.gz: ${message}`);
    });
  }

  it('refuses devices and FIFOs by type, and accepts links that stay inside', async () => {
    const tar = await gunzip(new Uint8Array(tarGz([ok, { path: 'cifar-10-batches-py/inner', type: 'symlink', linkpath: 'ok' }])), 'a.tar.gz');
    expect(text(readTar(tar, 'a.tar.gz').files.get('cifar-10-batches-py/ok'))).toBe('fine');
    // Turn the link's type flag into a FIFO ('6') and a character device ('3'), fixing the checksum.
    for (const [flag, kind] of [['6', 'FIFO'], ['3', 'character device']]) {
      const bytes = Uint8Array.from(tar);
      const at = 1024; // the second header: after the 512-byte header and 512-byte block of "fine"
      bytes[at + 156] = flag.charCodeAt(0);
      bytes.fill(0x20, at + 148, at + 156);
      const sum = bytes.subarray(at, at + 512).reduce((a, b) => a + b, 0);
      bytes.set(new TextEncoder().encode(`${sum.toString(8).padStart(6, '0')}\0 `), at + 148);
      expect(() => readTar(bytes, 'dev.tar')).toThrow(`Refusing dev.tar: entry "cifar-10-batches-py/inner" is a ${kind}, not a file or folder`);
    }
  });
});

describe('gunzip', () => {
  it('unpacks real gzip and names what is wrong with anything else', async () => {
    const tar = fixture('gnu');
    expect(await gunzip(new Uint8Array(gzipSync(tar)), 'a.tar.gz')).toEqual(tar);
    await expect(gunzip(tar, 'plain.tar')).rejects.toThrow('plain.tar is not a gzip file (it does not start with the gzip signature 1f 8b)');
    const gz = new Uint8Array(gzipSync(tar));
    await expect(gunzip(gz.subarray(0, gz.length >> 1), 'half.tar.gz')).rejects.toThrow(/^half\.tar\.gz is truncated or corrupt \(gzip: .+\); delete it and download it again$/);
    await expect(gunzip(new Uint8Array(gzipSync(new Uint8Array(4096))), 'bomb.tar.gz', 1000)).rejects.toThrow('bomb.tar.gz unpacks to more than 1000 bytes');
  });
});
