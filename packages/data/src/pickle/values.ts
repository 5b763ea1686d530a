/**
 * A Python 2 `str` or Python 3 `bytes` value: a view into the pickle's own buffer (no copy).
 * @example
 *   new PyBytes(Uint8Array.from([104, 105])).latin1(); // 'hi'
 */
export class PyBytes {
  constructor(readonly bytes: Uint8Array) {}

  /** The bytes read as Latin-1, as `pickle.load(f, encoding='latin1')` does for `str`. */
  latin1(): string {
    let out = '';
    for (let i = 0; i < this.bytes.length; i += 8192) {
      out += String.fromCharCode(...this.bytes.subarray(i, i + 8192));
    }
    return out;
  }
}

/**
 * A reference to a Python callable or class, `module.name`, as pushed by GLOBAL.
 * @example
 *   new PyGlobal('numpy', 'dtype').qualifiedName; // 'numpy.dtype'
 */
export class PyGlobal {
  constructor(
    readonly module: string,
    readonly name: string,
  ) {}

  get qualifiedName(): string {
    return `${this.module}.${this.name}`;
  }
}

/**
 * A NumPy dtype as pickled by `numpy.dtype.__reduce__`: its type code and byte order.
 * @example
 *   (batch.get('data') as NdArray).dtype?.code; // 'u1'
 */
export class PyDtype {
  /** '|' (not applicable), '<' (little-endian), '>' (big-endian) or '=' (native). */
  byteOrder = '|';
  constructor(readonly code: string) {}
}

/**
 * A NumPy array rebuilt from `numpy.core.multiarray._reconstruct` + BUILD: shape, dtype and
 * the raw C-order (or Fortran-order) element bytes.
 * @example
 *   const data = batch.get('data') as NdArray; // data.shape: [10000, 3072], data.data: 30,720,000 bytes
 */
export class NdArray {
  shape: number[] = [];
  dtype: PyDtype | null = null;
  fortranOrder = false;
  data: Uint8Array = new Uint8Array(0);
}

/**
 * Any value the reader produces; dicts become Maps whose `bytes` keys are Latin-1 strings.
 * @example
 *   const batch = unpickle(bytes) as Map<PyValue, PyValue>; // batch.get('labels'): number[]
 */
export type PyValue =
  | null
  | boolean
  | number
  | bigint
  | string
  | PyBytes
  | PyGlobal
  | PyDtype
  | NdArray
  | PyValue[]
  | Map<PyValue, PyValue>;

/**
 * A short description of a value for error messages: its kind, never its contents, so a
 * hostile, deeply nested value cannot overflow the stack while being printed.
 * @example
 *   describeValue([[1]]); // 'a list of 1 item'
 */
export function describeValue(value: PyValue): string {
  if (value === null) return 'None';
  if (Array.isArray(value)) return `a list of ${value.length} item${value.length === 1 ? '' : 's'}`;
  if (value instanceof Map) return `a dict of ${value.size} entr${value.size === 1 ? 'y' : 'ies'}`;
  if (value instanceof NdArray) return `a NumPy array of shape (${value.shape.join(', ')}) and dtype ${value.dtype?.code ?? '?'}`;
  if (value instanceof PyBytes) return `a byte string of length ${value.bytes.length}`;
  if (value instanceof PyGlobal) return `the global ${value.qualifiedName}`;
  if (value instanceof PyDtype) return `the dtype ${value.code}`;
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return `the ${typeof value} ${String(value)}`;
}
