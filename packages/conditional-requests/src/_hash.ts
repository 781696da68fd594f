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
