// Where the embedded MNIST digits ship and how to read them, in Node and in a page. This file
// sits directly in src/ so that the relative URL is the same from src/ (tests) and dist/.

/**
 * `assets/mnist.bin` of this package. Bundlers that understand `new URL(…, import.meta.url)`
 * (Vite, Rollup, webpack 5, Parcel) copy the file into the build and rewrite the URL.
 */
export const MNIST_ASSET_URL: URL = new URL('../assets/mnist.bin', import.meta.url);

/**
 * The bytes of the asset at `url`: read from disk when it is a `file:` URL (Node, Deno, Bun,
 * through `process.getBuiltinModule`, so no bundler sees a Node import), fetched otherwise.
 * @example
 *   const bytes = await readAsset(MNIST_ASSET_URL); // 7,850,016 bytes
 */
export async function readAsset(url: URL): Promise<Uint8Array> {
  if (url.protocol === 'file:') {
    type Fs = typeof import('node:fs/promises');
    const fs = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule?.('node:fs/promises') as Fs | undefined;
    if (!fs) throw new Error(`${url.href}: reading a file: URL needs process.getBuiltinModule (Node ≥ 20.16); pass the bytes to loadMnist instead`);
    return new Uint8Array(await fs.readFile(url));
  }
  let response: Response;
  try {
    response = await fetch(url);
  } catch (err) {
    throw new Error(`could not fetch the embedded MNIST digits from ${url.href} (${(err as Error).message}); serve the package's assets/mnist.bin there or pass its bytes to loadMnist`, { cause: err });
  }
  if (!response.ok) throw new Error(`the embedded MNIST digits are not at ${url.href} (HTTP ${response.status}); serve the package's assets/mnist.bin there or pass its bytes to loadMnist`);
  return new Uint8Array(await response.arrayBuffer());
}
