// Writes a small folder in the official CIFAR-10 binary format (cifar-10-batches-bin): each
// record is 1 label byte + 3072 pixel bytes (1024 R, 1024 G, 1024 B, row-major 32×32).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const CLASS_NAMES = ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck'];

/** A tiny deterministic generator (no Math.random): 32-bit LCG. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s >>> 24;
  };
}

function batch(records: number, seed: number): Uint8Array {
  const next = lcg(seed);
  const bytes = new Uint8Array(records * 3073);
  for (let r = 0; r < records; r++) {
    const label = (r * 7 + seed) % 10;
    const o = r * 3073;
    bytes[o] = label;
    // Each class gets its own brightness per channel plus noise, so a net can learn something.
    for (let c = 0; c < 3; c++) {
      for (let p = 0; p < 1024; p++) bytes[o + 1 + c * 1024 + p] = (label * 23 + c * 40 + (next() >> 2)) & 0xff;
    }
  }
  return bytes;
}

/**
 * Creates `<root>/cifar-10-batches-bin/` with `perBatch` records in each of data_batch_1..5.bin
 * and test_batch.bin, plus batches.meta.txt; returns the batches folder.
 */
export function writeCifarBinFolder(root: string, perBatch: number): string {
  const dir = join(root, 'cifar-10-batches-bin');
  mkdirSync(dir, { recursive: true });
  for (let i = 1; i <= 5; i++) writeFileSync(join(dir, `data_batch_${i}.bin`), batch(perBatch, i));
  writeFileSync(join(dir, 'test_batch.bin'), batch(perBatch, 6));
  writeFileSync(join(dir, 'batches.meta.txt'), `${CLASS_NAMES.join('\n')}\n\n`);
  return dir;
}
