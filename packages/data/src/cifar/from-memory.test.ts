import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBackend } from '@dropout/tensor';
import { afterAll, describe, expect, it } from 'vitest';
import { cifarBinBatch, makeImages, writeCifarFolder } from '../testing.js';
import { tarGz } from '../../test/helpers/tar-writer.js';
import { CIFAR10_ARCHIVES } from './cifar10-files.js';
import { getCifar10DataFromArchive, loadCifar10FromArchive } from './from-archive.js';
import { getCifar10DataFromBatches, loadCifar10FromBatches } from './from-batches.js';
import { getCifar10Data, loadCifar10 } from './load-cifar10.js';

const root = mkdtempSync(join(tmpdir(), 'dropout-memory-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const md5 = (bytes: Uint8Array) => createHash('md5').update(bytes).digest('hex');

describe.each(['py', 'bin'] as const)('CIFAR-10 from memory (%s)', (format) => {
  const folder = writeCifarFolder(join(root, format), format, 4, 5);
  const folderName = folder.split('/').pop()!;
  const names = readdirSync(folder);
  const archive = new Uint8Array(tarGz([{ path: `${folderName}/`, type: 'dir' }, ...names.map((n) => ({ path: `${folderName}/${n}`, data: readFileSync(join(folder, n)) }))]));
  const sum = md5(archive);

  it('reads the archive from a Uint8Array, ArrayBuffer, Blob and Response, exactly as loadCifar10 reads the folder', async () => {
    const fromDisk = await loadCifar10(folder);
    const buffer = archive.buffer;
    for (const source of [new Uint8Array(archive), buffer, new Blob([archive]), new Response(archive)]) {
      const raw = await loadCifar10FromArchive(source, { md5: sum });
      expect(raw.format).toBe(format);
      expect(raw.identity.hash).toBe(fromDisk.identity.hash);
      expect(raw.identity.shapes).toEqual(fromDisk.identity.shapes);
      expect(raw.identity.source).toBe('the CIFAR-10 archive');
      expect(Buffer.from(raw.XTrain).equals(Buffer.from(fromDisk.XTrain))).toBe(true);
      expect(Buffer.from(raw.XTest).equals(Buffer.from(fromDisk.XTest))).toBe(true);
      expect(Array.from(raw.yTrain)).toEqual(Array.from(fromDisk.yTrain));
      expect(raw.classNames).toEqual(fromDisk.classNames);
    }
  });

  it('gives the course splits in one call, the same as getCifar10Data on the folder, on any backend', async () => {
    const splits = { numTraining: 15, numValidation: 5, numTest: 5 };
    const expected = await getCifar10Data({ dir: folder, ...splits });
    const batches = Object.fromEntries(names.map((n) => [n, readFileSync(join(folder, n))]));
    for (const backend of [undefined, await loadBackend('cpu32'), await loadBackend('wasm32')]) {
      const fromBatches = await getCifar10DataFromBatches(batches, { ...splits, backend });
      const fromArchive = await getCifar10DataFromArchive(new Blob([archive]), { ...splits, backend, md5: false });
      for (const data of [fromBatches, fromArchive]) {
        expect(data.XTrain.shape).toEqual([15, 3, 32, 32]);
        for (const key of ['XTrain', 'XVal', 'XTest'] as const) {
          const got = data[key].read();
          const want = expected[key].read();
          expect(got.length).toBe(want.length);
          // float32 backends hold the float64 reference rounded: |Δ| ≤ half an ulp at 256 (1.53e-5).
          for (let i = 0; i < want.length; i += 97) expect(Math.abs(got[i]! - want[i]!)).toBeLessThanOrEqual(backend ? 1.6e-5 : 0);
        }
        expect(Array.from(data.yVal)).toEqual(Array.from(expected.yVal));
        expect(data.identity.hash).toBe(expected.identity.hash);
      }
    }
  });

  it('checks the MD5: by default against the official sums, or the one given', async () => {
    await expect(loadCifar10FromArchive(archive)).rejects.toThrow(
      `MD5 mismatch for the CIFAR-10 archive: expected one of the official sums (${CIFAR10_ARCHIVES.py.md5} Python, ${CIFAR10_ARCHIVES.bin.md5} binary), got ${sum}`,
    );
    await expect(loadCifar10FromArchive(archive, { md5: '0'.repeat(32), name: 'mine.tar.gz' })).rejects.toThrow(`MD5 mismatch for mine.tar.gz: expected ${'0'.repeat(32)}, got ${sum}`);
    await expect(loadCifar10FromArchive(new Response('gone', { status: 404, statusText: 'Not Found' }))).rejects.toThrow('the CIFAR-10 archive: HTTP 404 Not Found');
  });
});

describe('loadCifar10FromBatches', () => {
  const batch = (n: number, label = 1) => cifarBinBatch(makeImages(n), Array(n).fill(label));
  const files = (counts: number[]) =>
    new Map(['data_batch_1', 'data_batch_2', 'data_batch_3', 'data_batch_4', 'data_batch_5', 'test_batch'].map((n, i) => [`some/folder/${n}.bin`, batch(counts[i]!)]));

  it('takes file names with or without a folder and lists the batches that are missing', async () => {
    const raw = await loadCifar10FromBatches(files([2, 2, 2, 2, 2, 3]));
    expect(raw.identity.shapes).toEqual({ XTrain: [10, 3, 32, 32], yTrain: [10], XTest: [3, 3, 32, 32], yTest: [3] });
    const some = files([2, 2, 2, 2, 2, 3]);
    some.delete('some/folder/data_batch_2.bin');
    some.delete('some/folder/test_batch.bin');
    await expect(loadCifar10FromBatches(some)).rejects.toThrow('CIFAR-10 (bin) from memory is missing data_batch_2.bin, test_batch.bin; pass all six batch files');
    await expect(loadCifar10FromBatches({ 'notes.txt': new Uint8Array(3) })).rejects.toThrow(/No CIFAR-10 batch among the files given \(notes\.txt\)/);
  });

  it('refuses training batches with different record counts (one short, one long)', async () => {
    for (const counts of [[4, 4, 4, 4, 3, 4], [4, 4, 5, 4, 4, 4]]) {
      await expect(loadCifar10FromBatches(files(counts))).rejects.toThrow(
        new RegExp(`the batches hold different numbers of records \\(data_batch_1\\.bin: 4, .*\\); the official files hold 10000 each, so some are truncated or altered`),
      );
    }
  });
});
