// A fast, non-cryptographic 52-bit hash (two FNV-1a lanes) for weak collection entity-tags: a
// weak tag only claims semantic equivalence, and the input is built by the server.

/** The hash of a string as 10 base-36 digits at most. */
export function hashString(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    a = Math.imul(a ^ code, 0x01000193);
    b = Math.imul(b ^ code, 0x5bd1e995) ^ (b >>> 15);
  }
  return ((a >>> 0) * 0x100000 + ((b >>> 0) & 0xfffff)).toString(36);
}

/**
 * The same hash fed piece by piece, without building the string: a page's tag over every
 * entry's id, version and time costs no allocation. Pieces are separated, so `("ab", "c")` and
 * `("a", "bc")` differ.
 */
export class Stamp {
  #a = 0x811c9dc5;
  #b = 0x01000193;

  /** Adds a string. */
  text(value: string): this {
    let a = this.#a;
    let b = this.#b ^ value.length;
    for (let index = 0; index < value.length; index++) {
      const code = value.charCodeAt(index);
      a = Math.imul(a ^ code, 0x01000193);
      b = Math.imul(b ^ code, 0x5bd1e995) ^ (b >>> 15);
    }
    this.#a = Math.imul(a ^ 0x7c, 0x01000193);
    this.#b = b;
    return this;
  }

  /** Adds a number (an integer of up to 53 bits, such as a version or a time in ms). */
  number(value: number): this {
    const low = value | 0;
    const high = Math.floor(value / 0x100000000) | 0;
    this.#a = Math.imul(Math.imul(this.#a ^ low, 0x01000193) ^ high, 0x01000193);
    this.#b = Math.imul(this.#b ^ low ^ (high << 7), 0x5bd1e995) ^ (this.#b >>> 15);
    return this;
  }

  /** The hash as 10 base-36 digits at most. */
  digest(): string {
    return ((this.#a >>> 0) * 0x100000 + ((this.#b >>> 0) & 0xfffff)).toString(36);
  }
}
