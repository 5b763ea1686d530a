// A small in-memory reader of ustar/pax/GNU tar archives: enough for the official CIFAR-10
// archives and strict about anything else. It never writes anything; the whole archive is
// refused when any entry would land outside its root (absolute paths, `..`, links pointing out)
// or is not a file, folder or link (devices, FIFOs). File modes are ignored, so setuid, setgid
// and sticky bits can never reach the disk (what Python's tarfile `data` filter strips).

/** An archive read into memory: regular files (views into the tar bytes) and folders, by normalized path. */
export interface TarContents {
  files: Map<string, Uint8Array>;
  dirs: string[];
}

const BLOCK = 512;
const TYPES: Record<string, string> = { '3': 'character device', '4': 'block device', '6': 'FIFO', 'S': 'sparse file', 'V': 'volume header', 'M': 'multi-volume entry' };
const text = new TextDecoder();

function field(header: Uint8Array, offset: number, length: number): string {
  const raw = header.subarray(offset, offset + length);
  const end = raw.indexOf(0);
  return text.decode(end < 0 ? raw : raw.subarray(0, end));
}

function number(header: Uint8Array, offset: number, length: number, what: string): number {
  if (header[offset]! & 0x80) {
    // GNU base-256: big-endian, the top bit of the first byte marks the encoding.
    let value = header[offset]! & 0x7f;
    for (let i = 1; i < length; i++) value = value * 256 + header[offset + i]!;
    return value;
  }
  const digits = field(header, offset, length).trim();
  if (digits === '') return 0;
  if (!/^[0-7]+$/.test(digits)) throw new Error(`bad ${what} field "${digits}"`);
  return Number.parseInt(digits, 8);
}

function checksumOk(header: Uint8Array): boolean {
  let stored: number;
  try {
    stored = number(header, 148, 8, 'checksum');
  } catch {
    return false;
  }
  let unsigned = 0;
  let signed = 0;
  for (let i = 0; i < BLOCK; i++) {
    const byte = i >= 148 && i < 156 ? 0x20 : header[i]!;
    unsigned += byte;
    signed += byte > 127 ? byte - 256 : byte;
  }
  return stored === unsigned || stored === signed;
}

/** Path components after resolving `.` and `..`, or null when the path climbs above the root. */
function components(path: string): string[] | null {
  const out: string[] = [];
  for (const part of path.split(/[\\/]/)) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.pop() === undefined) return null;
    } else out.push(part);
  }
  return out;
}

/** pax records `"<len> key=value\n"`. */
function paxRecords(bytes: Uint8Array): Map<string, string> {
  const records = new Map<string, string>();
  const body = text.decode(bytes);
  for (let at = 0; at < body.length; ) {
    const space = body.indexOf(' ', at);
    const length = Number.parseInt(body.slice(at, space), 10);
    if (space < 0 || !(length > 0)) break;
    const record = body.slice(space + 1, at + length - 1);
    const eq = record.indexOf('=');
    if (eq > 0) records.set(record.slice(0, eq), record.slice(eq + 1));
    at += length;
  }
  return records;
}

function unsafeReason(path: string, type: string, linkpath: string): string | null {
  if (path.startsWith('/') || /^[a-zA-Z]:[\\/]/.test(path)) return `entry "${path}" has an absolute path`;
  const parts = components(path);
  if (parts === null || path.split(/[\\/]/).includes('..')) return `entry "${path}" would land outside the archive's folder`;
  if (type === 'symlink' || type === 'hard link') {
    const base = type === 'symlink' ? parts.slice(0, -1).join('/') : '';
    if (!linkpath || linkpath.startsWith('/') || components(`${base}/${linkpath}`) === null) {
      return `${type} "${path}" points outside the archive's folder (to "${linkpath}")`;
    }
  }
  return null;
}

/**
 * Reads every entry of an (uncompressed) tar archive. Throws, naming `name`, on a truncated
 * or corrupt archive, and refuses it whole, listing the reasons, when any entry is unsafe.
 * @example
 *   const { files } = readTar(await gunzip(bytes, 'cifar-10-python.tar.gz'), 'cifar-10-python.tar.gz');
 *   files.get('cifar-10-batches-py/data_batch_1')?.length; // 31035704
 */
export function readTar(bytes: Uint8Array, name: string): TarContents {
  const files = new Map<string, Uint8Array>();
  const dirs: string[] = [];
  const refused: string[] = [];
  let pax = new Map<string, string>();
  let longName: string | null = null;
  let longLink: string | null = null;
  let at = 0;
  for (;;) {
    if (at + BLOCK > bytes.length) throw new Error(`${name} is truncated: the tar data ends inside entry ${files.size + dirs.length + 1} (byte ${at}); delete it and download it again`);
    const header = bytes.subarray(at, at + BLOCK);
    if (header.every((b) => b === 0)) break;
    if (!checksumOk(header)) throw new Error(`${name} is not a tar archive or is corrupt (bad header checksum at byte ${at}); expected the official archive`);
    const flag = String.fromCharCode(header[156]!);
    let size: number;
    try {
      size = Number(pax.get('size') ?? number(header, 124, 12, 'size'));
    } catch (err) {
      throw new Error(`${name} is not a tar archive or is corrupt (${(err as Error).message} at byte ${at}); expected the official archive`);
    }
    if (!Number.isSafeInteger(size) || size < 0) throw new Error(`${name} is corrupt (entry size ${size} at byte ${at}); expected the official archive`);
    const start = at + BLOCK;
    if (start + size > bytes.length) throw new Error(`${name} is truncated: entry "${field(header, 0, 100)}" needs ${size} bytes, ${bytes.length - start} are left; delete it and download it again`);
    const data = bytes.subarray(start, start + size);
    at = start + Math.ceil(size / BLOCK) * BLOCK;
    if (flag === 'x') { pax = paxRecords(data); continue; }
    if (flag === 'g') continue;
    if (flag === 'L') { longName = field(data, 0, data.length); continue; }
    if (flag === 'K') { longLink = field(data, 0, data.length); continue; }
    const prefix = field(header, 257, 6).startsWith('ustar') ? field(header, 345, 155) : '';
    const path = pax.get('path') ?? longName ?? (prefix ? `${prefix}/${field(header, 0, 100)}` : field(header, 0, 100));
    const linkpath = pax.get('linkpath') ?? longLink ?? field(header, 157, 100);
    pax = new Map();
    longName = longLink = null;
    const type = flag === '0' || flag === '\0' || flag === '7' ? 'file' : flag === '5' ? 'folder' : flag === '2' ? 'symlink' : flag === '1' ? 'hard link' : (TYPES[flag] ?? `entry of type '${flag}'`);
    const reason = ['file', 'folder', 'symlink', 'hard link'].includes(type) ? unsafeReason(path, type, linkpath) : `entry "${path}" is a ${type}, not a file or folder`;
    if (reason) { refused.push(reason); continue; }
    const normalized = components(path)!.join('/');
    if (type === 'file') files.set(normalized, data);
    else if (type === 'folder' && normalized !== '') dirs.push(normalized);
  }
  if (refused.length > 0) throw new Error(`Refusing ${name}: ${refused.join('; ')}. Nothing was extracted; the archive is not the official one`);
  return { files, dirs };
}
