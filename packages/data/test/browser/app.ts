// A page that uses @dropout/data as an application would: the embedded MNIST digits and
// CIFAR-10 from the official .tar.gz fetched by the page (a small archive in the official
// layout, served by the test). Bundled by esbuild and by Vite in production mode, run in Chromium.
import { getCifar10DataFromArchive, getMnistData, loadCifar10FromBatches, parseCifarPyBatch } from '@dropout/data';

declare global {
  interface Window {
    dropoutResult?: unknown;
  }
}

async function main(): Promise<unknown> {
  const mnist = await getMnistData({ numTraining: 500, numValidation: 100, numTest: 100, dtype: 'float32' });
  const cifar = await getCifar10DataFromArchive(await fetch('/cifar-10-binary.tar.gz'), { numTraining: 15, numValidation: 5, numTest: 5, md5: false });
  return {
    mnist: { name: mnist.identity.name, hash: mnist.identity.hash, yTrain: Array.from(mnist.yTrain.slice(0, 12)), mean: mnist.meanImage![14 * 28 + 14], x: mnist.XTrain.read()[14 * 28 + 14] },
    cifar: { hash: cifar.identity.hash, shapes: cifar.identity.shapes, yVal: Array.from(cifar.yVal), x: Array.from(cifar.XTrain.read().slice(0, 4)) },
    readers: typeof loadCifar10FromBatches === 'function' && typeof parseCifarPyBatch === 'function',
  };
}

main().then(
  (result) => (window.dropoutResult = result),
  (err: unknown) => (window.dropoutResult = { error: String((err as Error)?.stack ?? err) }),
);
