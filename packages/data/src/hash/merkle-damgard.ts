// The block feeding and final padding MD5 and SHA-256 share (the Merkle–Damgård construction):
// input is cut into 64-byte blocks for the hash's compression function, and the last block is
// padded with 0x80, zeros, and the message length in bits as 64 bits — little-endian for MD5
// (RFC 1321 §3.2), big-endian for SHA-256 (FIPS 180-4 §5.1.1). The hashes hold one of these
// privately, so their public shapes stay plain classes.

/** Cuts a stream of bytes into 64-byte blocks and pads the end; `compress` gets each block in order. */
export class BlockFeeder {
  readonly #compress: (bytes: Uint8Array, at: number) => void;
  readonly #littleEndianLength: boolean;
  readonly #block = new Uint8Array(64);
  #filled = 0;
  #length = 0;

  /** `compress(bytes, at)` consumes `bytes[at … at + 63]`; `lengthOrder` is how the bit length is written. */
  constructor(compress: (bytes: Uint8Array, at: number) => void, lengthOrder: 'little-endian' | 'big-endian') {
    this.#compress = compress;
    this.#littleEndianLength = lengthOrder === 'little-endian';
  }

  /** Feeds `bytes`: whole blocks go straight to `compress`, a remainder waits for the next call. */
  update(bytes: Uint8Array): void {
    let i = 0;
    this.#length += bytes.length;
    if (this.#filled > 0) {
      const take = Math.min(64 - this.#filled, bytes.length);
      this.#block.set(bytes.subarray(0, take), this.#filled);
      this.#filled += take;
      i = take;
      if (this.#filled < 64) return;
      this.#compress(this.#block, 0);
      this.#filled = 0;
    }
    for (; i + 64 <= bytes.length; i += 64) this.#compress(bytes, i);
    this.#block.set(bytes.subarray(i), 0);
    this.#filled = bytes.length - i;
  }

  /** Pads the message (0x80, zeros, 64-bit bit length) and compresses the last one or two blocks. */
  finish(): void {
    const bits = this.#length * 8;
    const tail = new Uint8Array(this.#filled < 56 ? 64 - this.#filled : 128 - this.#filled);
    tail[0] = 0x80;
    const view = new DataView(tail.buffer);
    const low = bits >>> 0;
    const high = Math.floor(bits / 2 ** 32);
    if (this.#littleEndianLength) {
      view.setUint32(tail.length - 8, low, true);
      view.setUint32(tail.length - 4, high, true);
    } else {
      view.setUint32(tail.length - 8, high, false);
      view.setUint32(tail.length - 4, low, false);
    }
    this.update(tail);
  }
}
