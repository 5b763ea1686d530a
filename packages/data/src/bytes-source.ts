/**
 * Bytes in any of the forms a page or a server hands out: an `ArrayBuffer`, a typed array or
 * `DataView` (e.g. a Node `Buffer`), a `Blob`/`File`, or a `fetch` `Response`.
 */
export type BytesSource = ArrayBuffer | ArrayBufferView | Blob | Response;

/**
 * The bytes of `source` as a `Uint8Array` (a view, not a copy, where it already is one).
 * A `Response` that is not OK is an error naming its status and URL, and `what`.
 * @example
 *   const bytes = await toBytes(await fetch('/cifar-10-python.tar.gz'), 'cifar-10-python.tar.gz');
 */
export async function toBytes(source: BytesSource, what: string): Promise<Uint8Array> {
  if (source instanceof Uint8Array) return source;
  if (ArrayBuffer.isView(source)) return new Uint8Array(source.buffer, source.byteOffset, source.byteLength);
  if (source instanceof ArrayBuffer) return new Uint8Array(source);
  if (typeof Response !== 'undefined' && source instanceof Response) {
    if (!source.ok) throw new Error(`${what}: HTTP ${source.status} ${source.statusText} from ${source.url || 'the response'}; check the URL`);
    return new Uint8Array(await source.arrayBuffer());
  }
  if (typeof Blob !== 'undefined' && source instanceof Blob) return new Uint8Array(await source.arrayBuffer());
  throw new Error(`${what}: expected an ArrayBuffer, a typed array, a Blob or a Response, got ${Object.prototype.toString.call(source)}`);
}
