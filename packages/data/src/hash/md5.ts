// MD5 (RFC 1321) in plain TypeScript, for checking the published CIFAR-10 archive sums where
// `node:crypto` is not available (browsers; Web Crypto has no MD5). Streaming: `update` any
// number of times, then `digest`. Checked against Python's hashlib in hash.test.ts.
import { BlockFeeder } from './merkle-damgard.js';

const S = Uint8Array.of(7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21);
const K = Int32Array.from({ length: 64 }, (_, i) => Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32) | 0);

/**
 * Incremental MD5.
 * @example
 *   new Md5().update(new TextEncoder().encode('abc')).digest(); // '900150983cd24fb0d6963f7d28e17f72'
 */
export class Md5 {
  #h = Int32Array.of(0x67452301, 0xefcdab89 | 0, 0x98badcfe | 0, 0x10325476);
  readonly #blocks = new BlockFeeder((bytes, at) => this.#compress(bytes, at), 'little-endian');
  #words = new Int32Array(16);

  update(bytes: Uint8Array): this {
    this.#blocks.update(bytes);
    return this;
  }

  /** The hex digest; the hash cannot be updated afterwards. */
  digest(): string {
    this.#blocks.finish();
    let hex = '';
    for (const word of this.#h) for (let b = 0; b < 4; b++) hex += ((word >>> (8 * b)) & 0xff).toString(16).padStart(2, '0');
    return hex;
  }

  #compress(bytes: Uint8Array, at: number): void {
    const X = this.#words;
    for (let j = 0; j < 16; j++) {
      const o = at + 4 * j;
      X[j] = bytes[o]! | (bytes[o + 1]! << 8) | (bytes[o + 2]! << 16) | (bytes[o + 3]! << 24);
    }
    const h = this.#h;
    let a = h[0]!, b = h[1]!, c = h[2]!, d = h[3]!;
    // Plain locals and no allocation per round: this loop runs 64 times per 64-byte block.
    for (let i = 0; i < 64; i++) {
      let f: number, g: number;
      if (i < 16) {
        f = (b & c) | (~b & d);
        g = i;
      } else if (i < 32) {
        f = (d & b) | (~d & c);
        g = (5 * i + 1) & 15;
      } else if (i < 48) {
        f = b ^ c ^ d;
        g = (3 * i + 5) & 15;
      } else {
        f = c ^ (b | ~d);
        g = (7 * i) & 15;
      }
      const sum = (a + f + K[i]! + X[g]!) | 0;
      const s = S[(i >> 4) * 4 + (i & 3)]!;
      a = d;
      d = c;
      c = b;
      b = (b + ((sum << s) | (sum >>> (32 - s)))) | 0;
    }
    h[0] = (h[0]! + a) | 0;
    h[1] = (h[1]! + b) | 0;
    h[2] = (h[2]! + c) | 0;
    h[3] = (h[3]! + d) | 0;
  }
}
