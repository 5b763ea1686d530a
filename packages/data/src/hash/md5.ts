// MD5 (RFC 1321) in plain TypeScript, for checking the published CIFAR-10 archive sums where
// `node:crypto` is not available (browsers; Web Crypto has no MD5). Streaming: `update` any
// number of times, then `digest`. Checked against Python's hashlib in md5.test.ts.

const S = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];
const K = Int32Array.from({ length: 64 }, (_, i) => Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32) | 0);

/**
 * Incremental MD5.
 * @example
 *   new Md5().update(new TextEncoder().encode('abc')).digest(); // '900150983cd24fb0d6963f7d28e17f72'
 */
export class Md5 {
  #h = Int32Array.of(0x67452301, 0xefcdab89 | 0, 0x98badcfe | 0, 0x10325476);
  #block = new Uint8Array(64);
  #words = new Int32Array(16);
  #filled = 0;
  #length = 0;

  update(bytes: Uint8Array): this {
    let i = 0;
    this.#length += bytes.length;
    if (this.#filled > 0) {
      const take = Math.min(64 - this.#filled, bytes.length);
      this.#block.set(bytes.subarray(0, take), this.#filled);
      this.#filled += take;
      i = take;
      if (this.#filled < 64) return this;
      this.#compress(this.#block, 0);
      this.#filled = 0;
    }
    for (; i + 64 <= bytes.length; i += 64) this.#compress(bytes, i);
    this.#block.set(bytes.subarray(i), 0);
    this.#filled = bytes.length - i;
    return this;
  }

  /** The hex digest; the hash cannot be updated afterwards. */
  digest(): string {
    const bits = this.#length * 8;
    const tail = new Uint8Array(this.#filled < 56 ? 64 - this.#filled : 128 - this.#filled);
    tail[0] = 0x80;
    const view = new DataView(tail.buffer);
    view.setUint32(tail.length - 8, bits >>> 0, true);
    view.setUint32(tail.length - 4, Math.floor(bits / 2 ** 32), true);
    this.update(tail);
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
    let [a, b, c, d] = this.#h as unknown as [number, number, number, number];
    for (let i = 0; i < 64; i++) {
      let f: number;
      let g: number;
      if (i < 16) [f, g] = [(b & c) | (~b & d), i];
      else if (i < 32) [f, g] = [(d & b) | (~d & c), (5 * i + 1) & 15];
      else if (i < 48) [f, g] = [b ^ c ^ d, (3 * i + 5) & 15];
      else [f, g] = [c ^ (b | ~d), (7 * i) & 15];
      const sum = (a + f + K[i]! + X[g]!) | 0;
      const s = S[(i >> 4) * 4 + (i & 3)]!;
      a = d;
      d = c;
      c = b;
      b = (b + ((sum << s) | (sum >>> (32 - s)))) | 0;
    }
    const h = this.#h;
    h[0] = (h[0]! + a) | 0;
    h[1] = (h[1]! + b) | 0;
    h[2] = (h[2]! + c) | 0;
    h[3] = (h[3]! + d) | 0;
  }
}
