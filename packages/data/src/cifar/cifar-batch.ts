import { unpickle, UnsupportedPickleError } from '../pickle/unpickle.js';
import { describeValue, NdArray, PyBytes, type PyValue } from '../pickle/values.js';

/** Bytes per CIFAR-10 image: 1024 red, then 1024 green, then 1024 blue, each 32×32 row-major. */
export const CIFAR_IMAGE_BYTES = 3072;
/** Bytes per record of the binary version: one label byte, then the image. */
export const CIFAR_BIN_RECORD_BYTES = 3073;

/**
 * One decoded batch file: `count` images whose bytes are views into the file (no copy).
 * @example
 *   const batch = parseCifarBinBatch(readFileSync('data_batch_1.bin'), 'data_batch_1.bin');
 *   batch.pixels(0).length; // 3072, channels first: R plane, G plane, B plane
 */
export interface CifarBatch {
  fileName: string;
  count: number;
  labels: Uint8Array;
  /** Image `i` as 3072 bytes in `[3, 32, 32]` order (a view, not a copy). */
  pixels(i: number): Uint8Array;
}

function checkLabels(labels: ArrayLike<unknown>, fileName: string, numClasses: number): void {
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i];
    if (typeof label !== 'number' || !Number.isInteger(label) || label < 0 || label >= numClasses) {
      const shown = typeof label === 'number' ? String(label) : describeValue(label as PyValue);
      throw new Error(`${fileName}: label ${shown} of record ${i} is not a class index 0…${numClasses - 1}; the file is corrupt, fetch it again`);
    }
  }
}

/**
 * Decodes a file of the binary version (`data_batch_1.bin` … `test_batch.bin`): records of
 * 1 label byte + 3072 pixel bytes. Throws, naming `fileName`, on a size that is not a whole
 * number of records or a label above 9.
 * @example
 *   parseCifarBinBatch(new Uint8Array(3073 * 2), 'tiny.bin').count; // 2
 */
export function parseCifarBinBatch(bytes: Uint8Array, fileName: string): CifarBatch {
  if (bytes.length === 0 || bytes.length % CIFAR_BIN_RECORD_BYTES !== 0) {
    throw new Error(
      `${fileName}: ${bytes.length} bytes is not a multiple of ${CIFAR_BIN_RECORD_BYTES} (1 label byte + 3072 pixels per record); ` +
        'the file is truncated or not a CIFAR-10 binary batch, fetch it again',
    );
  }
  const count = bytes.length / CIFAR_BIN_RECORD_BYTES;
  const labels = new Uint8Array(count);
  for (let i = 0; i < count; i++) labels[i] = bytes[i * CIFAR_BIN_RECORD_BYTES]!;
  checkLabels(labels, fileName, 10);
  return {
    fileName,
    count,
    labels,
    pixels: (i) => bytes.subarray(i * CIFAR_BIN_RECORD_BYTES + 1, (i + 1) * CIFAR_BIN_RECORD_BYTES),
  };
}

function field(dict: Map<PyValue, PyValue>, key: string, fileName: string): PyValue {
  if (!dict.has(key)) throw new Error(`${fileName}: the pickled dict has no '${key}' entry (keys: ${[...dict.keys()].slice(0, 8).map((k) => (typeof k === 'string' ? k : describeValue(k))).join(', ')}); not a CIFAR-10 batch`);
  return dict.get(key)!;
}

function labelList(value: PyValue, fileName: string): Uint8Array {
  if (Array.isArray(value)) {
    checkLabels(value, fileName, 10);
    return Uint8Array.from(value as number[]);
  }
  if (value instanceof NdArray && value.dtype && /^[iu][1248]$/.test(value.dtype.code.replace(/^[<>|=]/, ''))) {
    const width = Number(value.dtype.code.slice(-1));
    const signed = value.dtype.code.includes('i');
    const view = new DataView(value.data.buffer, value.data.byteOffset, value.data.byteLength);
    const bigEndian = value.dtype.byteOrder === '>';
    const labels = Array.from({ length: value.data.length / width }, (_, i) => {
      const at = i * width;
      if (width === 1) return signed ? view.getInt8(at) : view.getUint8(at);
      if (width === 2) return signed ? view.getInt16(at, !bigEndian) : view.getUint16(at, !bigEndian);
      if (width === 4) return signed ? view.getInt32(at, !bigEndian) : view.getUint32(at, !bigEndian);
      return Number(signed ? view.getBigInt64(at, !bigEndian) : view.getBigUint64(at, !bigEndian));
    });
    checkLabels(labels, fileName, 10);
    return Uint8Array.from(labels);
  }
  throw new Error(`${fileName}: 'labels' is ${describeValue(value)}, neither a list of ints nor an integer NumPy array`);
}

/**
 * Decodes a file of the Python version (`data_batch_1` … `test_batch`): a pickled dict with
 * `data` (uint8 NumPy array, N×3072) and `labels` (list of N ints), as written by Python 2's
 * cPickle. `data` may also be `(N, 3, 32, 32)` or channels last, `(N, 32, 32, 3)` (converted). Reads the pickle without Python; throws, naming `fileName`, when it cannot.
 * @example
 *   const batch = parseCifarPyBatch(readFileSync('cifar-10-batches-py/test_batch'), 'test_batch');
 *   batch.count; // 10000
 */
export function parseCifarPyBatch(bytes: Uint8Array, fileName: string): CifarBatch {
  let root: PyValue;
  try {
    root = unpickle(bytes);
  } catch (err) {
    if (err instanceof UnsupportedPickleError) throw new Error(`${fileName}: ${err.message}`, { cause: err });
    throw new Error(`${fileName}: unreadable pickle (${(err as Error).message}); the file is corrupt or not a CIFAR-10 batch, fetch it again`, { cause: err });
  }
  if (!(root instanceof Map)) throw new Error(`${fileName}: the pickle holds ${describeValue(root)}, not a dict; not a CIFAR-10 batch`);
  const data = field(root, 'data', fileName);
  if (!(data instanceof NdArray) || !data.dtype || data.dtype.code.replace(/^[<>|=]/, '') !== 'u1') {
    throw new Error(`${fileName}: 'data' is ${describeValue(data)}, not a uint8 NumPy array`);
  }
  const count = data.shape[0] ?? 0;
  const shape = `(${data.shape.join(', ')})`;
  const layout = PY_LAYOUTS.find((l) => l.shape.length === data.shape.length - 1 && l.shape.every((d, i) => d === data.shape[i + 1]));
  if (!layout || data.data.length !== count * CIFAR_IMAGE_BYTES) {
    throw new Error(`${fileName}: 'data' has shape ${shape} and ${data.data.length} bytes; expected (N, 3072), (N, 3, 32, 32) or (N, 32, 32, 3) uint8`);
  }
  if (data.fortranOrder && count > 1) throw new Error(`${fileName}: 'data' is stored in Fortran order; re-save it in C order`);
  const labels = labelList(field(root, 'labels', fileName), fileName);
  if (labels.length !== count) throw new Error(`${fileName}: ${labels.length} labels for ${count} images`);
  // Channels last (what the course's load_CIFAR_batch hands out) is put back in the files' order.
  const pixels = layout.channelsLast ? channelsFirst(data.data, count) : data.data;
  return { fileName, count, labels, pixels: (i) => pixels.subarray(i * CIFAR_IMAGE_BYTES, (i + 1) * CIFAR_IMAGE_BYTES) };
}

const PY_LAYOUTS = [
  { shape: [CIFAR_IMAGE_BYTES], channelsLast: false },
  { shape: [3, 32, 32], channelsLast: false },
  { shape: [32, 32, 3], channelsLast: true },
];

/** `[N, 32, 32, 3]` → `[N, 3, 32, 32]` bytes. */
function channelsFirst(hwc: Uint8Array, count: number): Uint8Array {
  const out = new Uint8Array(hwc.length);
  for (let n = 0; n < count; n++) {
    const base = n * CIFAR_IMAGE_BYTES;
    for (let p = 0; p < 1024; p++) {
      out[base + p] = hwc[base + 3 * p]!;
      out[base + 1024 + p] = hwc[base + 3 * p + 1]!;
      out[base + 2048 + p] = hwc[base + 3 * p + 2]!;
    }
  }
  return out;
}

/**
 * Class names from `batches.meta.txt` (bin) or the pickled `batches.meta` (py).
 * @example
 *   parseCifarClassNames(Buffer.from('airplane\nautomobile\n'), 'bin', 'batches.meta.txt'); // ['airplane', 'automobile']
 */
export function parseCifarClassNames(bytes: Uint8Array, format: 'bin' | 'py', fileName: string): string[] {
  if (format === 'bin') return new TextDecoder().decode(bytes).split(/\r?\n/).map((s) => s.trim()).filter(Boolean);
  let root: PyValue;
  try {
    root = unpickle(bytes);
  } catch (err) {
    throw new Error(`${fileName}: unreadable pickle (${(err as Error).message})`, { cause: err });
  }
  const names = root instanceof Map ? root.get('label_names') : undefined;
  if (!Array.isArray(names)) throw new Error(`${fileName}: no 'label_names' list`);
  return names.map((n, i) => {
    if (n instanceof PyBytes) return n.latin1();
    if (typeof n === 'string') return n;
    throw new Error(`${fileName}: label_names[${i}] is ${describeValue(n)}, not a string`);
  });
}
