import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { cifarBinBatch, makeImages } from '../../test/helpers/cifar-writers.js';
import { tarGz } from '../../test/helpers/tar-writer.js';
import { createProgressBar } from '../fetch/progress-bar.js';
import { runCli } from './run-cli.js';

function capture(isTTY = false) {
  const stream = Object.assign(new PassThrough(), { isTTY }) as unknown as NodeJS.WriteStream & { text(): string };
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
  stream.text = () => text;
  return stream;
}

const names = ['data_batch_1', 'data_batch_2', 'data_batch_3', 'data_batch_4', 'data_batch_5', 'test_batch'];
const archive = tarGz(names.map((name, b) => ({ path: `cifar-10-batches-bin/${name}.bin`, data: cifarBinBatch(makeImages(1), [b]) })));
const md5 = createHash('md5').update(archive).digest('hex');
const root = mkdtempSync(join(tmpdir(), 'dropout-cli-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('dropout-data CLI', () => {
  it('fetch downloads the bin archive, then info prints shapes and hash', async () => {
    const server = createServer((_req, res) => res.writeHead(200, { 'content-length': archive.length }).end(archive));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/cifar-10-binary.tar.gz`;
    try {
      const io = { stdout: capture(), stderr: capture() };
      expect(await runCli(['fetch', '--format', 'bin', '--dir', root, '--url', url, '--md5', md5], io)).toBe(0);
      expect(io.stdout.text()).toContain(`CIFAR-10 (bin) in ${join(root, 'cifar-10-batches-bin')}: downloaded, MD5 ${md5} verified`);
      expect(io.stderr.text()).toMatch(/\[#{30}\] 100%/);
      const again = { stdout: capture(), stderr: capture() };
      expect(await runCli(['fetch', '--format', 'bin', '--dir', root, '--url', url, '--md5', md5], again)).toBe(0);
      expect(again.stdout.text()).toContain('already present (verified)');
    } finally {
      server.close();
    }
    const io = { stdout: capture(), stderr: capture() };
    expect(await runCli(['info', '--dir', root], io)).toBe(0);
    expect(io.stdout.text()).toMatch(/CIFAR-10 \(bin\) from .*\n {2}XTrain: \(5, 3, 32, 32\)\n {2}yTrain: \(5\)\n {2}XTest: \(1, 3, 32, 32\)\n {2}yTest: \(1\)\n {2}sha256: [0-9a-f]{64}\n/);
  });

  it('explains usage errors with exit code 2 and failures with exit code 1', async () => {
    const io = { stdout: capture(), stderr: capture() };
    expect(await runCli(['fetch', '--format', 'zip', '--dir', root], io)).toBe(1);
    expect(io.stderr.text()).toContain("--format must be py or bin, got 'zip'");
    expect(await runCli(['unpack'], io)).toBe(2);
    expect(io.stderr.text()).toContain("Unknown command 'unpack'");
    expect(await runCli(['info', '--dir', join(root, 'nothing-here')], io)).toBe(1);
    expect(io.stderr.text()).toContain('No CIFAR-10 data in');
  });
});

describe('createProgressBar', () => {
  it('redraws one line on a terminal and prints every 10 % otherwise', () => {
    let clock = 0;
    const tty = capture(true);
    const bar = createProgressBar(tty, () => (clock += 1000));
    bar.update(50 * 1024 * 1024, 100 * 1024 * 1024);
    bar.update(100 * 1024 * 1024, 100 * 1024 * 1024);
    bar.done();
    expect(tty.text()).toBe('\r[###############...............]  50% 50.0/100.0 MB 50.0 MB/s\x1b[K\r[##############################] 100% 100.0/100.0 MB 50.0 MB/s\x1b[K\n');
    const log = capture(false);
    const plain = createProgressBar(log, () => 1000);
    for (let got = 0; got <= 100; got += 5) plain.update(got, 100);
    expect(log.text().split('\n').filter(Boolean)).toHaveLength(11);
  });
});
