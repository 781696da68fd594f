// Web Crypto path of the body hash. The tag format is the `etag` package's, byte for byte:
// "<length in hex>-<first 27 characters of the base64 SHA-1>", so a fleet that mixes Node and
// Workers hands out one tag for one body.

/** Hashes bytes into a strong entity-tag field value. */
export type BodyHasher = (bytes: Uint8Array<ArrayBuffer>) => string | Promise<string>;

const encoder = /* @__PURE__ */ new TextEncoder();

/**
 * Encodes a body as bytes: strings as UTF-8.
 *
 * @param body - the body
 * @returns its bytes (a view, not a copy, where possible)
 */
export const toBytes = (body: Uint8Array | ArrayBuffer | string): Uint8Array<ArrayBuffer> =>
  typeof body === 'string'
    ? encoder.encode(body)
    : body instanceof Uint8Array
      ? body.buffer instanceof ArrayBuffer
        ? (body as Uint8Array<ArrayBuffer>)
        : new Uint8Array(body)
      : new Uint8Array(body);

/**
 * SHA-1 with Web Crypto, formatted like `etag`.
 *
 * @param bytes - the body
 * @returns the strong tag, e.g. `"3-qUqP5cyxm6YcTAhz05Hph5gvu9M"`
 */
export const hashBody: BodyHasher = async (bytes) => {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-1', bytes));
  let binary = '';
  for (const byte of digest) binary += String.fromCharCode(byte);
  return `"${bytes.byteLength.toString(16)}-${btoa(binary).slice(0, 27)}"`;
};

/**
 * Hashes the string or bytes a `Response` was built from (see `bodySource` in @fielding/core),
 * or answers `undefined` when the body is larger than `maxSize` bytes.
 */
export type SourceHasher = (
  source: string | Uint8Array,
  maxSize: number,
) => string | Promise<string> | undefined;

/**
 * Web Crypto {@link SourceHasher}: encodes a string as UTF-8, then {@link hashBody}.
 *
 * @param source - the body's source
 * @param maxSize - the largest body to hash, in bytes
 * @returns the strong tag (a promise), or `undefined` above `maxSize`
 */
export const hashSource: SourceHasher = (source, maxSize) => {
  // A string has at least as many UTF-8 bytes as UTF-16 code units: skip encoding a big one.
  if (source.length > maxSize) return undefined;
  const bytes = toBytes(source);
  return bytes.byteLength > maxSize ? undefined : hashBody(bytes);
};
