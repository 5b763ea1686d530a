import { NdArray, PyBytes, PyDtype, PyGlobal, type PyValue } from './values.js';

const RECONSTRUCT = new Set(['numpy.core.multiarray._reconstruct', 'numpy._core.multiarray._reconstruct']);

function latin1Bytes(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 255) throw new Error(`_codecs.encode: character U+${code.toString(16)} is not Latin-1`);
    out[i] = code;
  }
  return out;
}

function asText(value: PyValue, what: string): string {
  if (typeof value === 'string') return value;
  if (value instanceof PyBytes) return value.latin1();
  throw new Error(`${what}: expected a string`);
}

/**
 * REDUCE: calls one of the few callables a CIFAR-10 pickle uses (`_codecs.encode`, how Python 3
 * pickles `bytes` at protocol 2; NumPy's array and dtype constructors). Anything else is refused,
 * so a pickle can never make this reader do more than rebuild data.
 */
export function reduce(callable: PyValue, args: PyValue): PyValue {
  if (!(callable instanceof PyGlobal)) throw new Error('REDUCE on something that is not a global');
  if (!Array.isArray(args)) throw new Error(`REDUCE ${callable.qualifiedName}: arguments are not a tuple`);
  const name = callable.qualifiedName;
  if (name === '_codecs.encode') {
    const encoding = asText(args[1] ?? 'utf-8', '_codecs.encode').toLowerCase();
    if (!['latin1', 'latin-1', 'iso-8859-1'].includes(encoding)) throw new Error(`_codecs.encode with encoding '${encoding}' is not supported`);
    return new PyBytes(latin1Bytes(asText(args[0] ?? '', '_codecs.encode')));
  }
  if (RECONSTRUCT.has(name)) return new NdArray();
  if (name === 'numpy.dtype') return new PyDtype(asText(args[0] ?? '', 'numpy.dtype'));
  throw new Error(`the pickle calls ${name}, which this reader does not rebuild (only NumPy arrays, dtypes and bytes)`);
}

/** BUILD: sets the state of an array or dtype made by {@link reduce}. */
export function build(target: PyValue, state: PyValue): void {
  if (target instanceof PyDtype) {
    if (!Array.isArray(state) || state[1] === undefined) throw new Error('numpy.dtype state is not (version, byteorder, …)');
    target.byteOrder = asText(state[1], 'numpy.dtype byte order');
    return;
  }
  if (target instanceof NdArray) {
    // numpy's ndarray.__setstate__: (version, shape, dtype, is_fortran, rawdata); version 0 omits version.
    if (!Array.isArray(state) || (state.length !== 5 && state.length !== 4)) throw new Error('numpy array state is not (version, shape, dtype, fortran, data)');
    const [shape, dtype, fortran, raw] = state.length === 5 ? state.slice(1) : state;
    if (!Array.isArray(shape) || !shape.every((d) => typeof d === 'number')) throw new Error('numpy array shape is not a tuple of ints');
    if (!(dtype instanceof PyDtype)) throw new Error('numpy array dtype is missing');
    target.shape = shape as number[];
    target.dtype = dtype;
    target.fortranOrder = fortran === true || fortran === 1;
    if (raw instanceof PyBytes) target.data = raw.bytes;
    else if (typeof raw === 'string') target.data = latin1Bytes(raw);
    else throw new Error('numpy array data is not a byte string (object arrays are not supported)');
    return;
  }
  throw new Error('BUILD on an object that is not a NumPy array or dtype');
}
