// Vite plugin: the embedded MNIST digits (the same 10,000 as `pnpm experiment --dataset mnist`,
// read with @dropout/data's loadMnist at build time) as one binary asset, mnist.bin, beside the
// page: [u32 LE header length][header JSON][images, u8][labels, u8]. Interim until
// @dropout/data ships its compact MNIST asset.
import { loadMnist } from '@dropout/data';

export const MNIST_ASSET = 'mnist.bin';

export async function mnistAssetBytes() {
  const raw = await loadMnist();
  const nTrain = raw.yTrain.length;
  const nTest = raw.yTest.length;
  const header = new TextEncoder().encode(JSON.stringify({
    format: 'dropout-mnist/1', nTrain, nTest, imageShape: raw.imageShape,
    identity: { name: raw.identity.name, source: 'mnist npm package (embedded in the page)', hash: raw.identity.hash, shapes: raw.identity.shapes },
  }));
  const pixels = raw.XTrain.length + raw.XTest.length;
  const out = new Uint8Array(4 + header.length + pixels + nTrain + nTest);
  new DataView(out.buffer).setUint32(0, header.length, true);
  out.set(header, 4);
  let at = 4 + header.length;
  out.set(raw.XTrain, at); at += raw.XTrain.length;
  out.set(raw.XTest, at); at += raw.XTest.length;
  out.set(Uint8Array.from(raw.yTrain), at); at += nTrain;
  out.set(Uint8Array.from(raw.yTest), at);
  return out;
}

export function mnistAsset() {
  let bytes;
  const get = async () => (bytes ??= await mnistAssetBytes());
  return {
    name: 'dropout-mnist-asset',
    configureServer(server) {
      server.middlewares.use(async (req, res, next) => {
        if (!req.url?.endsWith(`/${MNIST_ASSET}`)) return next();
        res.setHeader('Content-Type', 'application/octet-stream');
        res.end(Buffer.from(await get()));
      });
    },
    async generateBundle() {
      this.emitFile({ type: 'asset', fileName: MNIST_ASSET, source: await get() });
    },
  };
}
