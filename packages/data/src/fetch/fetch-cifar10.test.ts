import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cifarPy2Pickle, cycleLabels, makeImages } from '../testing.js';
import { tarGz, type TarEntry } from '../../test/helpers/tar-writer.js';
import { loadCifar10 } from '../cifar/load-cifar10.js';
import { ChecksumError } from './download.js';
import { fetchCifar10 } from './fetch-cifar10.js';

const md5 = (bytes: Uint8Array) => createHash('md5').update(bytes).digest('hex');
const batchNames = ['data_batch_1', 'data_batch_2', 'data_batch_3', 'data_batch_4', 'data_batch_5', 'test_batch'];
const pyEntries: TarEntry[] = [
  { path: 'cifar-10-batches-py/', type: 'dir' },
  ...batchNames.map((name, b) => ({
    path: `cifar-10-batches-py/${name}`,
    data: cifarPy2Pickle({ data: makeImages(2, (i, c, y, x) => (b * 2 + i + c + y + x) % 256), labels: cycleLabels(2, b), batchLabel: name, filenames: ['a', 'b'] }),
  })),
];
const archives: Record<string, Buffer> = {
  '/ok.tar.gz': tarGz(pyEntries),
  '/dotdot.tar.gz': tarGz([...pyEntries.slice(0, 3), { path: 'cifar-10-batches-py/../../escaped.txt', data: 'pwned' }, ...pyEntries.slice(3)]),
  '/symlink.tar.gz': tarGz([...pyEntries, { path: 'cifar-10-batches-py/link', type: 'symlink', linkpath: '../../../etc' }]),
  '/hardlink.tar.gz': tarGz([...pyEntries, { path: 'cifar-10-batches-py/hard', type: 'hardlink', linkpath: '../outside.txt' }]),
};
const okMd5 = md5(archives['/ok.tar.gz']!);

let server: Server;
let base = '';
let requests = 0;
beforeAll(async () => {
  server = createServer((req, res) => {
    requests++;
    const body = archives[req.url!.replace('/truncated', '/ok')];
    if (!body) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-length': body.length, 'content-type': 'application/gzip' });
    if (req.url!.startsWith('/truncated')) {
      res.write(body.subarray(0, body.length >> 1));
      setTimeout(() => res.socket?.destroy(), 20);
      return;
    }
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const roots: string[] = [];
const tempDir = () => {
  const root = mkdtempSync(join(tmpdir(), 'dropout-fetch-'));
  roots.push(root);
  // Fetch into root/data, so anything escaping lands in root, where the test can see it.
  return { root, dir: join(root, 'data') };
};
afterAll(() => roots.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('fetchCifar10 against a local server', () => {
  it('downloads, verifies, extracts, cleans up, and skips the second time', async () => {
    const { dir } = tempDir();
    const progress: [number, number | null][] = [];
    const result = await fetchCifar10({ dir, format: 'py', url: `${base}/ok.tar.gz`, md5: okMd5, onProgress: (got, total) => progress.push([got, total]) });
    expect(result).toMatchObject({ status: 'downloaded', verified: true, format: 'py', folder: join(dir, 'cifar-10-batches-py') });
    expect(progress.at(-1)).toEqual([archives['/ok.tar.gz']!.length, archives['/ok.tar.gz']!.length]);
    expect(readdirSync(dir)).toEqual(['cifar-10-batches-py']);
    const raw = await loadCifar10(dir);
    expect(Array.from(raw.yTest)).toEqual([5, 6]);
    const before = requests;
    expect((await fetchCifar10({ dir, format: 'py', url: `${base}/ok.tar.gz`, md5: okMd5 })).status).toBe('present');
    expect(requests).toBe(before);
  });

  it('uses a matching archive already in the folder without downloading', async () => {
    const { dir } = tempDir();
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'cifar-10-python.tar.gz'), archives['/ok.tar.gz']!);
    const before = requests;
    const result = await fetchCifar10({ dir, url: `${base}/ok.tar.gz`, md5: okMd5 });
    expect(result.status).toBe('extracted');
    expect(requests).toBe(before);
    expect(readdirSync(dir)).toEqual(['cifar-10-batches-py']);
  });

  it('deletes the download on an MD5 mismatch and leaves nothing behind', async () => {
    const { root, dir } = tempDir();
    const wrong = '0'.repeat(32);
    const failure = fetchCifar10({ dir, url: `${base}/ok.tar.gz`, md5: wrong });
    await expect(failure).rejects.toBeInstanceOf(ChecksumError);
    await expect(failure).rejects.toThrow(`expected ${wrong}, got ${okMd5}`);
    expect(readdirSync(dir)).toEqual([]);
    expect(readdirSync(root)).toEqual(['data']);
  });

  it('reports a truncated transfer and keeps nothing', async () => {
    const { dir } = tempDir();
    await expect(fetchCifar10({ dir, url: `${base}/truncated.tar.gz`, md5: okMd5 })).rejects.toThrow(/broke off after \d+ of \d+ bytes|truncated/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('reports a 404 with the URL', async () => {
    const { dir } = tempDir();
    await expect(fetchCifar10({ dir, url: `${base}/nope.tar.gz`, md5: okMd5 })).rejects.toThrow(`HTTP 404 Not Found for ${base}/nope.tar.gz`);
    expect(readdirSync(dir)).toEqual([]);
  });

  for (const [route, pattern] of [
    ['/dotdot.tar.gz', /entry "cifar-10-batches-py\/\.\.\/\.\.\/escaped\.txt" would land outside/],
    ['/symlink.tar.gz', /symlink "cifar-10-batches-py\/link" points outside/],
    ['/hardlink.tar.gz', /hard link "cifar-10-batches-py\/hard" points outside/],
  ] as const) {
    it(`refuses an archive with an entry escaping the folder (${route})`, async () => {
      const { root, dir } = tempDir();
      const archive = archives[route]!;
      await expect(fetchCifar10({ dir, url: `${base}${route}`, md5: md5(archive) })).rejects.toThrow(pattern);
      expect(existsSync(join(root, 'escaped.txt'))).toBe(false);
      expect(readdirSync(root)).toEqual(['data']);
      expect(readdirSync(dir)).toEqual([]);
    });
  }

  it('says it is offline and prints the manual steps when nothing answers', async () => {
    const { dir } = tempDir();
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const failure = fetchCifar10({ dir, url: `http://127.0.0.1:${port}/cifar-10-python.tar.gz`, md5: okMd5 });
    await expect(failure).rejects.toThrow(/ECONNREFUSED\): this machine seems to be offline/);
    await expect(failure).rejects.toThrow(/md5sum cifar-10-python\.tar\.gz {3}\(must print [0-9a-f]{32}\)/);
    await expect(failure).rejects.toThrow(/tar -xzf cifar-10-python\.tar\.gz -C/);
    expect(readdirSync(dir)).toEqual([]);
  });
});
