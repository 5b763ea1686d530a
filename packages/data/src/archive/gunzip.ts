// gzip → bytes in memory with the platform's DecompressionStream (browsers, Node ≥ 18, Deno,
// Bun): no Node built-in and no library. The output is capped, so a gzip bomb is an error.

/** The most bytes an archive may unpack to: the official CIFAR-10 archives unpack to ~185 MB. */
export const MAX_UNPACKED_BYTES = 512 * 1024 * 1024;

/**
 * Decompresses a gzip file held in memory. Throws, naming `name`, when it is not gzip, is
 * truncated or corrupt, or would unpack to more than `maxBytes`.
 * @example
 *   const tar = await gunzip(bytes, 'cifar-10-python.tar.gz');
 */
export async function gunzip(bytes: Uint8Array, name: string, maxBytes = MAX_UNPACKED_BYTES): Promise<Uint8Array> {
  if (bytes.length < 18 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) {
    throw new Error(`${name} is not a gzip file (it does not start with the gzip signature 1f 8b); expected the official .tar.gz archive`);
  }
  if (typeof DecompressionStream === 'undefined') {
    throw new Error(`${name}: this JavaScript runtime has no DecompressionStream (needed to unpack .tar.gz); use a current browser or Node ≥ 20`);
  }
  // One chunk straight from the caller's bytes (a Blob would copy them first).
  const input = new ReadableStream<BufferSource>({
    start(controller) {
      controller.enqueue(bytes as Uint8Array<ArrayBuffer>);
      controller.close();
    },
  });
  const stream = input.pipeThrough(new DecompressionStream('gzip'));
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > maxBytes) {
        await reader.cancel();
        throw new Error(`${name} unpacks to more than ${maxBytes} bytes; it is not the official archive (those unpack to about 185 MB)`);
      }
      chunks.push(value);
    }
  } catch (err) {
    if ((err as Error).message.startsWith(name)) throw err;
    throw new Error(`${name} is truncated or corrupt (gzip: ${(err as Error).message}); delete it and download it again`, { cause: err });
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
