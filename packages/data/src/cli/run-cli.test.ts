import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { cifarBinBatch, makeImages } from '../testing.js';
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
      expect(again.stdout.text()).toContain('already present (verified: SHA-256 of every batch matches the MD5-checked archive)');
    } finally {
      server.close();
    }
    const io = { stdout: capture(), stderr: capture() };
    expect(await runCli(['info', '--dir', root], io)).toBe(0);
    expect(io.stdout.text()).toMatch(/CIFAR-10 \(bin\) from .*\n {2}XTrain: \(5, 3, 32, 32\)\n {2}yTrain: \(5\)\n {2}XTest: \(1, 3, 32, 32\)\n {2}yTest: \(1\)\n {2}sha256: [0-9a-f]{64}\n {2}verified: yes \(the files of the archive with MD5 [0-9a-f]{32}\)\n/);
    // fetch and info agree: after one batch changes (same size), info says so and fetch restores it.
    const batch = join(root, 'cifar-10-batches-bin', 'data_batch_3.bin');
    const bytes = readFileSync(batch);
    bytes[100] ^= 0xff;
    writeFileSync(batch, bytes);
    const after = { stdout: capture(), stderr: capture() };
    expect(await runCli(['info', '--dir', root], after)).toBe(0);
    expect(after.stdout.text()).toContain('verified: no: the files changed since they were fetched; run dropout-data fetch to restore them');
  });

  it('explains usage errors with exit code 2 and failures with exit code 1', async () => {
    const io = { stdout: capture(), stderr: capture() };
    expect(await runCli(['fetch', '--format', 'zip', '--dir', root], io)).toBe(2);
    expect(io.stderr.text()).toContain("--format must be py or bin, got 'zip'");
    expect(await runCli(['unpack'], io)).toBe(2);
    expect(io.stderr.text()).toContain("unknown command 'unpack'");
    expect(await runCli(['fetch', 'now'], io)).toBe(2);
    expect(io.stderr.text()).toContain("unexpected argument 'now' after 'fetch'");
    expect(await runCli(['fetch', '--bogus'], io)).toBe(2);
    expect(io.stderr.text()).toContain("Unknown option '--bogus'");
    expect(await runCli(['info', '--dir', join(root, 'nothing-here')], io)).toBe(1);
    expect(io.stderr.text()).toContain('No CIFAR-10 data in');
    expect(io.stderr.text()).not.toMatch(/\n\s+at /);
  });

  it('validates --md5, --url, --timeout and --min-rate before any request (exit 2)', async () => {
    let requests = 0;
    const server = createServer((_req, res) => {
      requests++;
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/x.tar.gz`;
    try {
      for (const [args, message] of [
        [['--md5', 'c58f30108f718f92721af3b95e74349'], "--md5 must be 32 hexadecimal digits, got 'c58f30108f718f92721af3b95e74349'"],
        [['--md5', 'z'.repeat(32)], '--md5 must be 32 hexadecimal digits'],
        [['--url', 'ftp://127.0.0.1/x.tar.gz'], "--url 'ftp://127.0.0.1/x.tar.gz': only http:// and https:// are supported"],
        [['--url', 'cifar.tar.gz'], "--url 'cifar.tar.gz' is not a URL"],
        [['--timeout', '0'], "--timeout must be a number > 0, got '0'"],
        [['--min-rate=-5'], "--min-rate must be a number ≥ 0, got '-5'"],
      ] as const) {
        const io = { stdout: capture(), stderr: capture() };
        const withUrl = args[0] === '--url' ? [...args] : [...args, '--url', url];
        expect(await runCli(['fetch', '--dir', join(root, 'never'), ...withUrl], io), args.join(' ')).toBe(2);
        expect(io.stderr.text()).toContain(message);
      }
      expect(requests).toBe(0);
      expect(existsSync(join(root, 'never'))).toBe(false);
    } finally {
      server.close();
    }
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
