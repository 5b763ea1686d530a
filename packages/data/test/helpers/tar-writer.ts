// A tiny ustar writer for tests: it can write entries a well-behaved tool never would
// (`../` paths, links pointing out), which the extractor must refuse.
import { gzipSync } from 'node:zlib';

export interface TarEntry {
  path: string;
  type?: 'file' | 'dir' | 'symlink' | 'hardlink';
  data?: Uint8Array | string;
  linkpath?: string;
  /** Permission bits as stored (default 0o644 for files, 0o755 for folders). */
  mode?: number;
}

function header(entry: TarEntry, size: number): Uint8Array {
  const h = new Uint8Array(512);
  const put = (text: string, offset: number, length: number) => {
    const bytes = Buffer.from(text, 'utf8');
    if (bytes.length > length) throw new Error(`tar field too long: ${text}`);
    h.set(bytes, offset);
  };
  const octal = (value: number, offset: number, length: number) => put(`${value.toString(8).padStart(length - 1, '0')}\0`, offset, length);
  const typeFlag = { file: '0', dir: '5', symlink: '2', hardlink: '1' }[entry.type ?? 'file'];
  put(entry.path, 0, 100);
  octal(entry.mode ?? (entry.type === 'dir' ? 0o755 : 0o644), 100, 8);
  octal(0, 108, 8);
  octal(0, 116, 8);
  octal(size, 124, 12);
  octal(1_700_000_000, 136, 12);
  put('        ', 148, 8);
  put(typeFlag, 156, 1);
  if (entry.linkpath) put(entry.linkpath, 157, 100);
  put('ustar\0', 257, 6);
  put('00', 263, 2);
  const sum = h.reduce((a, b) => a + b, 0);
  put(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8);
  return h;
}

/** A gzipped tar archive of `entries`, in order. */
export function tarGz(entries: TarEntry[]): Buffer {
  const blocks: Uint8Array[] = [];
  for (const entry of entries) {
    const data = typeof entry.data === 'string' ? Buffer.from(entry.data) : entry.data ?? new Uint8Array(0);
    const size = entry.type === 'file' || entry.type === undefined ? data.length : 0;
    blocks.push(header(entry, size));
    if (size > 0) {
      blocks.push(data);
      const pad = (512 - (size % 512)) % 512;
      if (pad) blocks.push(new Uint8Array(pad));
    }
  }
  blocks.push(new Uint8Array(1024));
  return gzipSync(Buffer.concat(blocks));
}
