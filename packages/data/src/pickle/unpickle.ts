import { build, reduce } from './reduce.js';
import { PyBytes, PyGlobal, type PyValue } from './values.js';

const MARK = Symbol('mark');

/**
 * A well-formed pickle this reader does not handle (a newer protocol), as opposed to a corrupt one.
 * @example
 *   try { unpickle(bytes); } catch (err) { if (err instanceof UnsupportedPickleError) console.log(err.message); }
 */
export class UnsupportedPickleError extends Error {
  override name = 'UnsupportedPickleError';
}
type Slot = PyValue | typeof MARK;

const utf8 = new TextDecoder('utf-8', { fatal: true });

function dictKey(key: PyValue): PyValue {
  // Like encoding='latin1': b'data' and u'data' are the same key.
  return key instanceof PyBytes ? key.latin1() : key;
}

function littleEndianInt(bytes: Uint8Array): number | bigint {
  if (bytes.length === 0) return 0;
  let value = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) value = (value << 8n) | BigInt(bytes[i]!);
  if (bytes[bytes.length - 1]! & 0x80) value -= 1n << BigInt(8 * bytes.length);
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
}

/**
 * Reads a pickle (protocols 0–4, the opcodes data files use) into plain values without
 * running any code: dicts become Maps, lists and tuples arrays, `str`/`bytes` {@link PyBytes}
 * views into `bytes`, NumPy arrays {@link NdArray}s. Throws on anything else, naming the byte.
 * @example
 *   const batch = unpickle(readFileSync('cifar-10-batches-py/data_batch_1')) as Map<PyValue, PyValue>;
 *   (batch.get('data') as NdArray).shape; // [10000, 3072]
 */
export function unpickle(bytes: Uint8Array): PyValue {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const stack: Slot[] = [];
  const memo = new Map<number, PyValue>();
  let pos = 0;

  const need = (n: number): number => {
    if (n < 0 || pos + n > bytes.length) throw new Error(`unexpected end of data at byte ${pos} (wanted ${n} more of ${bytes.length})`);
    const start = pos;
    pos += n;
    return start;
  };
  const u8 = () => bytes[need(1)]!;
  const u16 = () => view.getUint16(need(2), true);
  const i32 = () => view.getInt32(need(4), true);
  const u32 = () => view.getUint32(need(4), true);
  const u64 = () => Number(view.getBigUint64(need(8), true));
  const raw = (n: number) => bytes.subarray(need(n), pos);
  const line = (): string => {
    const end = bytes.indexOf(0x0a, pos);
    if (end < 0) throw new Error(`unterminated text argument at byte ${pos}`);
    const text = new PyBytes(bytes.subarray(pos, end)).latin1();
    pos = end + 1;
    return text;
  };
  const pop = (): PyValue => {
    const v = stack.pop();
    if (v === undefined || v === MARK) throw new Error(`stack underflow at byte ${pos - 1}`);
    return v;
  };
  const top = (): PyValue => {
    const v = stack[stack.length - 1];
    if (v === undefined || v === MARK) throw new Error(`empty stack at byte ${pos - 1}`);
    return v;
  };
  const popMark = (): PyValue[] => {
    const at = stack.lastIndexOf(MARK);
    if (at < 0) throw new Error(`no MARK on the stack at byte ${pos - 1}`);
    const items = stack.splice(at) as PyValue[];
    items.shift();
    return items;
  };
  const get = (index: number): PyValue => {
    if (!memo.has(index)) throw new Error(`memo entry ${index} read before it was written (byte ${pos})`);
    return memo.get(index)!;
  };
  const push = (v: PyValue) => stack.push(v);
  const setItems = (dict: PyValue, items: PyValue[]) => {
    if (!(dict instanceof Map)) throw new Error(`SETITEM(S) on a non-dict at byte ${pos - 1}`);
    for (let i = 0; i + 1 < items.length; i += 2) dict.set(dictKey(items[i]!), items[i + 1]!);
  };
  const append = (list: PyValue, items: PyValue[]) => {
    if (!Array.isArray(list)) throw new Error(`APPEND(S) on a non-list at byte ${pos - 1}`);
    for (const item of items) list.push(item);
  };

  for (;;) {
    if (pos >= bytes.length) throw new Error(`no STOP opcode: the data ends at byte ${bytes.length} (truncated file?)`);
    const at = pos;
    const op = u8();
    switch (op) {
      case 0x80: { // PROTO
        const protocol = u8();
        if (protocol > 4) throw new UnsupportedPickleError(`pickle protocol ${protocol} is not supported (protocols 0–4 are); re-save it with pickle.dump(obj, f, protocol=4)`);
        break;
      }
      case 0x95: u64(); break; // FRAME: framing is irrelevant when the whole file is in memory
      case 0x2e: { // STOP
        const result = pop();
        return result;
      }
      case 0x28: stack.push(MARK); break; // MARK
      case 0x4e: push(null); break; // NONE
      case 0x88: push(true); break; // NEWTRUE
      case 0x89: push(false); break; // NEWFALSE
      case 0x4b: push(u8()); break; // BININT1
      case 0x4d: push(u16()); break; // BININT2
      case 0x4a: push(i32()); break; // BININT
      case 0x8a: push(littleEndianInt(raw(u8()))); break; // LONG1
      case 0x8b: push(littleEndianInt(raw(i32()))); break; // LONG4
      case 0x47: push(view.getFloat64(need(8), false)); break; // BINFLOAT (big-endian)
      case 0x49: { // INT (text; '00'/'01' are False/True in protocol 0)
        const text = line();
        push(text === '00' ? false : text === '01' ? true : Number.parseInt(text, 10));
        break;
      }
      case 0x4c: { // LONG (text, trailing 'L')
        const value = BigInt(line().replace(/L$/, ''));
        push(value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value);
        break;
      }
      case 0x46: push(Number.parseFloat(line())); break; // FLOAT (text)
      case 0x53: push(new PyBytes(unescapeRepr(line(), at))); break; // STRING (text, a quoted repr)
      case 0x56: push(line().replace(/\\u([0-9a-fA-F]{4})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))); break; // UNICODE (raw-unicode-escape)
      case 0x55: push(new PyBytes(raw(u8()))); break; // SHORT_BINSTRING (Python 2 str)
      case 0x54: push(new PyBytes(raw(i32()))); break; // BINSTRING
      case 0x43: push(new PyBytes(raw(u8()))); break; // SHORT_BINBYTES
      case 0x42: push(new PyBytes(raw(u32()))); break; // BINBYTES
      case 0x8e: push(new PyBytes(raw(u64()))); break; // BINBYTES8
      case 0x58: push(utf8.decode(raw(u32()))); break; // BINUNICODE
      case 0x8c: push(utf8.decode(raw(u8()))); break; // SHORT_BINUNICODE
      case 0x8d: push(utf8.decode(raw(u64()))); break; // BINUNICODE8
      case 0x7d: push(new Map()); break; // EMPTY_DICT
      case 0x64: push(new Map(chunkPairs(popMark()))); break; // DICT
      case 0x5d: push([]); break; // EMPTY_LIST
      case 0x6c: push(popMark()); break; // LIST
      case 0x29: push([]); break; // EMPTY_TUPLE
      case 0x74: push(popMark()); break; // TUPLE
      case 0x85: push([pop()]); break; // TUPLE1
      case 0x86: { const b = pop(); push([pop(), b]); break; } // TUPLE2
      case 0x87: { const c = pop(); const b = pop(); push([pop(), b, c]); break; } // TUPLE3
      case 0x61: { const item = pop(); append(top(), [item]); break; } // APPEND
      case 0x65: { const items = popMark(); append(top(), items); break; } // APPENDS
      case 0x73: { const v = pop(); const k = pop(); setItems(top(), [k, v]); break; } // SETITEM
      case 0x75: { const items = popMark(); setItems(top(), items); break; } // SETITEMS
      case 0x30: pop(); break; // POP
      case 0x31: popMark(); break; // POP_MARK
      case 0x32: push(top()); break; // DUP
      case 0x71: memo.set(u8(), top()); break; // BINPUT
      case 0x72: memo.set(u32(), top()); break; // LONG_BINPUT
      case 0x70: memo.set(Number.parseInt(line(), 10), top()); break; // PUT
      case 0x94: memo.set(memo.size, top()); break; // MEMOIZE
      case 0x68: push(get(u8())); break; // BINGET
      case 0x6a: push(get(u32())); break; // LONG_BINGET
      case 0x67: push(get(Number.parseInt(line(), 10))); break; // GET
      case 0x63: { const module = line(); push(new PyGlobal(module, line())); break; } // GLOBAL
      case 0x93: { // STACK_GLOBAL
        const name = pop();
        const module = pop();
        if (typeof module !== 'string' || typeof name !== 'string') throw new Error(`STACK_GLOBAL without string names at byte ${at}`);
        push(new PyGlobal(module, name));
        break;
      }
      case 0x52: { const args = pop(); push(reduce(pop(), args)); break; } // REDUCE
      case 0x62: { const state = pop(); build(top(), state); break; } // BUILD
      default:
        throw new Error(`unsupported pickle opcode 0x${op.toString(16).padStart(2, '0')} ('${String.fromCharCode(op)}') at byte ${at}`);
    }
  }
}

const ESCAPES: Record<string, number> = { n: 10, r: 13, t: 9, a: 7, b: 8, f: 12, v: 11, '\\': 92, "'": 39, '"': 34 };

/** Decodes protocol 0's STRING argument: a Python 2 repr such as 'a\\x00b'. */
function unescapeRepr(text: string, at: number): Uint8Array {
  const quote = text[0];
  if ((quote !== "'" && quote !== '"') || text[text.length - 1] !== quote) throw new Error(`STRING argument is not quoted at byte ${at}`);
  const out: number[] = [];
  for (let i = 1; i < text.length - 1; i++) {
    const ch = text[i]!;
    if (ch !== '\\') {
      out.push(ch.charCodeAt(0));
      continue;
    }
    const next = text[++i]!;
    if (next === 'x') {
      out.push(Number.parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (/[0-7]/.test(next)) {
      const digits = /^[0-7]{1,3}/.exec(text.slice(i))![0];
      out.push(Number.parseInt(digits, 8) & 255);
      i += digits.length - 1;
    } else {
      out.push(ESCAPES[next] ?? next.charCodeAt(0));
    }
  }
  return Uint8Array.from(out);
}

function chunkPairs(items: PyValue[]): [PyValue, PyValue][] {
  const pairs: [PyValue, PyValue][] = [];
  for (let i = 0; i + 1 < items.length; i += 2) pairs.push([dictKey(items[i]!), items[i + 1]!]);
  return pairs;
}
