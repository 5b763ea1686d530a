import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mountTestsSkipped, mountTmpfs } from '@dropout/tmpfs';
import { cifarBinBatch, makeImages } from '../testing.js';
import { tarGz } from '../../test/helpers/tar-writer.js';
import { runCli } from '../cli/run-cli.js';
import { fetchCifar10 } from './fetch-cifar10.js';

// Real faults: a server that drips one byte a second, one that accepts and says nothing, a
// CLI killed by SIGTERM/SIGINT mid-download, leftovers of a killed run, a setuid entry, and
// --dir on a file, under a file, on a read-only mount and on a full 64 KiB tmpfs.
const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const md5 = (bytes: Uint8Array) => createHash('md5').update(bytes).digest('hex');
const names = ['data_batch_1', 'data_batch_2', 'data_batch_3', 'data_batch_4', 'data_batch_5', 'test_batch'];
// Noisy pixels: the archive fits on a 64 KiB disk, its 150 KB of batches do not.
const noise = (seed: number) => makeImages(8, (i, c, y, x) => (Math.imul(seed * 7919 + i * 3072 + c * 1024 + y * 32 + x, 2654435761) >>> 24) & 255);
const big = tarGz(names.map((name, b) => ({ path: `cifar-10-batches-bin/${name}.bin`, data: cifarBinBatch(noise(b), Array(8).fill(b)) })));
const small = tarGz([
  ...names.map((name, b) => ({ path: `cifar-10-batches-bin/${name}.bin`, data: cifarBinBatch(makeImages(1), [b]), mode: b === 0 ? 0o4755 : b === 1 ? 0o2775 : 0o1777 })),
  { path: 'cifar-10-batches-bin/readme.txt', data: 'setuid, setgid and sticky entries above', mode: 0o6755 },
]);

const work = mkdtempSync(join(tmpdir(), 'dropout-faults-'));
let server: Server;
let base = '';
const sockets = new Set<Socket>();
beforeAll(async () => {
  server = createHttpServer((req, res) => {
    if (req.url === '/drip.tar.gz') {
      res.writeHead(200, { 'content-length': 100_000 });
      const timer = setInterval(() => res.write('x'), 1000);
      res.on('close', () => clearInterval(timer));
      return;
    }
    const body = req.url === '/big.tar.gz' ? big : small;
    res.writeHead(200, { 'content-length': body.length }).end(body);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(work, { recursive: true, force: true });
});
const fresh = (name: string) => join(work, name);

describe('fetch against slow and silent servers', () => {
  it('ends a slow-drip transfer at the minimum rate, says so, and keeps nothing', async () => {
    const dir = fresh('drip');
    const started = Date.now();
    const failure = fetchCifar10({ dir, format: 'bin', url: `${base}/drip.tar.gz`, md5: md5(small), minBytesPerSecond: 100, rateWindowMs: 2500 });
    await expect(failure).rejects.toThrow(/the transfer of http:\/\/127\.0\.0\.1:\d+\/drip\.tar\.gz is too slow: [0-9.]+ bytes\/s over the last 2\.5 s, below the minimum of 100 bytes\/s \(--min-rate/);
    expect(Date.now() - started).toBeLessThan(6000);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('tells a silent server apart from being offline', async () => {
    const silent = createTcpServer((socket) => socket.on('error', () => {}));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    try {
      const failure = fetchCifar10({ dir: fresh('silent'), url: `http://127.0.0.1:${port}/x.tar.gz`, md5: md5(small), timeoutMs: 500 });
      await expect(failure).rejects.toThrow(`127.0.0.1:${port} accepted the connection but sent no answer in 0.5 s; the server is overloaded or not a web server`);
      await expect(failure).rejects.not.toThrow(/offline/);
    } finally {
      silent.close();
    }
  });
});

describe('temp files', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`are removed when the CLI gets ${signal} mid-download`, async () => {
      const dir = fresh(`signal-${signal}`);
      const child = spawn(process.execPath, [CLI, 'fetch', '--dir', dir, '--url', `${base}/drip.tar.gz`, '--md5', md5(small), '--min-rate', '0'], { stdio: 'ignore' });
      const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, sig) => resolve(sig)));
      for (let i = 0; i < 100 && !(existsSync(dir) && readdirSync(dir).some((n) => n.endsWith('.part'))); i++) await new Promise((r) => setTimeout(r, 100));
      expect(readdirSync(dir).some((n) => n.endsWith('.part'))).toBe(true);
      child.kill(signal);
      expect(await exited).toBe(signal);
      expect(readdirSync(dir)).toEqual([]);
    });
  }

  it('left by a killed process are removed by the next run; those of a live one are kept', async () => {
    const dir = fresh('stale');
    mkdirSync(dir, { recursive: true });
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    writeFileSync(join(dir, `.cifar-10-binary.tar.gz.${dead}.1764600000000.part`), 'half');
    mkdirSync(join(dir, `.extract-${dead}-1764600000000`, 'cifar-10-batches-bin'), { recursive: true });
    const live = `.extract-${process.ppid}-1764600000001`;
    mkdirSync(join(dir, live));
    await fetchCifar10({ dir, format: 'bin', url: `${base}/small.tar.gz`, md5: md5(small) });
    expect(readdirSync(dir).sort()).toEqual([live, 'cifar-10-batches-bin']);
  });
});

describe('extraction', () => {
  it('names a truncated gzip and an archive that is not gzip, keeping nothing', async () => {
    const gz = new Uint8Array(small);
    for (const [name, bytes, message] of [
      ['truncated', gz.subarray(0, gz.length - 200), /cifar-10-binary\.tar\.gz is truncated or corrupt \(gzip: .+\); delete it and download it again/],
      ['not-gzip', new TextEncoder().encode('<html>a login page, not an archive</html>'.repeat(20)), /cifar-10-binary\.tar\.gz is not a gzip file \(it does not start with the gzip signature 1f 8b\)/],
    ] as const) {
      const dir = fresh(`archive-${name}`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'cifar-10-binary.tar.gz'), bytes);
      // The MD5 given is the file's own, so fetch uses it as it is, without downloading.
      await expect(fetchCifar10({ dir, format: 'bin', url: `${base}/never-requested`, md5: md5(bytes) })).rejects.toThrow(message);
      expect(readdirSync(dir)).toEqual(['cifar-10-binary.tar.gz']);
    }
  });

  it('strips setuid, setgid and sticky bits (files 0644, folders 0755)', async () => {
    const dir = fresh('modes');
    const { folder } = await fetchCifar10({ dir, format: 'bin', url: `${base}/small.tar.gz`, md5: md5(small) });
    for (const name of readdirSync(folder)) expect((statSync(join(folder, name)).mode & 0o7777).toString(8), name).toBe('644');
    expect((statSync(folder).mode & 0o7777).toString(8)).toBe('755');
  });
});

function capture() {
  let text = '';
  return { write: (s: string) => ((text += s), true), text: () => text } as unknown as NodeJS.WriteStream & { text(): string };
}

async function cliFetch(dir: string, route = '/small.tar.gz') {
  const io = { stdout: capture(), stderr: capture() };
  const code = await runCli(['fetch', '--format', 'bin', '--dir', dir, '--url', `${base}${route}`, '--md5', md5(route === '/big.tar.gz' ? big : small)], io);
  return { code, stderr: io.stderr.text() };
}

describe('fetch --dir that cannot hold the data: exit 2, --dir and the path named, nothing left', () => {
  it('a file in the way (EEXIST) and a path under a file (ENOTDIR)', async () => {
    const file = fresh('a-file');
    writeFileSync(file, 'not a folder');
    const inTheWay = await cliFetch(file);
    expect(inTheWay.code).toBe(2);
    expect(inTheWay.stderr).toContain(`--dir cannot write CIFAR-10 into ${file}: a file is in the way`);
    const under = await cliFetch(join(file, 'data'));
    expect(under.code).toBe(2);
    expect(under.stderr).toMatch(new RegExp(`--dir cannot write CIFAR-10 into ${join(file, 'data')}: a file is in the way .*\\((ENOTDIR|EEXIST) at `));
    expect(under.stderr).not.toMatch(/\n\s+at /);
  });

  it.skipIf(mountTestsSkipped)('a read-only mount (EROFS) and a full disk (ENOSPC), on real tmpfs mounts (needs root)', async () => {
    const roDisk = mountTmpfs('64k');
    roDisk.readOnly();
    const ro = roDisk.dir;
    const fullDisk = mountTmpfs('64k');
    const full = fullDisk.dir;
    try {
      const readOnly = await cliFetch(join(ro, 'data'));
      expect(readOnly.code).toBe(2);
      expect(readOnly.stderr).toContain(`--dir cannot write CIFAR-10 into ${join(ro, 'data')}: the file system is read-only (EROFS at`);
      const disk = await cliFetch(full, '/big.tar.gz');
      expect(disk.code).toBe(2);
      expect(disk.stderr).toMatch(new RegExp(`--dir cannot write CIFAR-10 into ${full}: the disk is full .*\\(ENOSPC at ${full}/\\..+\\)`));
      expect(readdirSync(full)).toEqual([]);
      // The same folder works once there is room: the small archive fits.
      expect((await cliFetch(full)).code).toBe(0);
    } finally {
      roDisk.unmount();
      fullDisk.unmount();
    }
  });
});
