import type { DatasetIdentity, RawImageSplits } from '@dropout/data/core';

/** Raw image pools with their identity, as `prepareDataset` takes them. */
export type RawDataset = RawImageSplits & { identity: DatasetIdentity };

interface AssetHeader {
  format: string;
  nTrain: number;
  nTest: number;
  imageShape: [number, number, number];
  identity: DatasetIdentity;
}

/**
 * Parses the page's embedded MNIST asset (see scripts/mnist-asset-plugin.mjs) into the same
 * training and test pools the CLI's `loadMnist` gives; a damaged file is an error naming it.
 * @example
 *   const raw = parseMnistAsset(new Uint8Array(await (await fetch('mnist.bin')).arrayBuffer()));
 *   raw.imageShape; // [1, 28, 28]
 */
export function parseMnistAsset(bytes: Uint8Array): RawDataset {
  const damaged = (why: string) => new Error(`mnist.bin (the page's embedded digits) is damaged: ${why}; rebuild the site with \`pnpm --filter @dropout/web build\``);
  if (bytes.length < 4) throw damaged(`${bytes.length} bytes`);
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0, true);
  let header: AssetHeader;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(4, 4 + headerLength))) as AssetHeader;
  } catch {
    throw damaged('its header is not JSON');
  }
  if (header.format !== 'dropout-mnist/1') throw damaged(`unknown format ${JSON.stringify(header.format)}`);
  const pixels = header.imageShape.reduce((a, b) => a * b, 1);
  const { nTrain, nTest } = header;
  const want = 4 + headerLength + (nTrain + nTest) * (pixels + 1);
  if (bytes.length !== want) throw damaged(`${bytes.length} bytes, expected ${want}`);
  let at = 4 + headerLength;
  const take = (n: number) => bytes.subarray(at, (at += n));
  const XTrain = take(nTrain * pixels);
  const XTest = take(nTest * pixels);
  const yTrain = Int32Array.from(take(nTrain));
  const yTest = Int32Array.from(take(nTest));
  return { XTrain, yTrain, XTest, yTest, imageShape: header.imageShape, identity: header.identity };
}

let cached: Promise<RawDataset> | null = null;

/**
 * Fetches the embedded MNIST asset from the page's own origin (once per page).
 * @example
 *   const raw = await loadEmbeddedMnist();
 */
export function loadEmbeddedMnist(): Promise<RawDataset> {
  cached ??= (async () => {
    const url = new URL('mnist.bin', document.baseURI);
    const response = await fetch(url);
    if (!response.ok) throw new Error(`Cannot load the embedded digits ${url.pathname} (HTTP ${response.status}); serve the whole built folder`);
    return parseMnistAsset(new Uint8Array(await response.arrayBuffer()));
  })().catch((error: unknown) => {
    cached = null;
    throw error;
  });
  return cached;
}
