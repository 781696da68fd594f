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
