import { parseEntityTag, type Middleware } from '@fielding/core';
import type { BodyHasher } from './_hash.js';
import { notModified } from './not-modified.js';
import { evaluatePreconditions, preconditionResponse } from './preconditions.js';

/** How the shallow-ETag middleware hashes and answers. */
export interface ShallowEtagOptions {
  /** Hand out weak tags (`W/"…"`): for bodies equal in meaning but not byte for byte. Default `false`. */
  weak?: boolean;
  /**
   * Largest body, in bytes, that is buffered and hashed. A larger body — by `Content-Length`,
   * or once a stream of unknown length passes it — goes out untouched and without an ETag.
   * Default {@link SHALLOW_ETAG_MAX_SIZE}.
   */
  maxSize?: number;
  /** Field names a 304 keeps. Default {@link NOT_MODIFIED_HEADERS}. */
  keep?: readonly string[];
}

/** Default {@link ShallowEtagOptions.maxSize}: 1 MiB. */
export const SHALLOW_ETAG_MAX_SIZE: number = 1024 * 1024;

const CONDITIONAL = ['if-match', 'if-none-match', 'if-modified-since', 'if-unmodified-since'];

// Reads at most `maxSize` bytes. Past it, the chunks read so far are replayed in front of the
// rest of the stream, so the client still gets every byte — only without an ETag.
const readBounded = async (
  response: Response,
  maxSize: number,
): Promise<Uint8Array<ArrayBuffer> | Response> => {
  const body = response.body;
  if (body === null) return new Uint8Array(0);
  const length = response.headers.get('content-length');
  if (length !== null) {
    if (!(Number(length) <= maxSize)) return response;
    return new Uint8Array(await response.arrayBuffer());
  }
  const reader = body.getReader();
  // Chunks of a Response body always sit on an ArrayBuffer.
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value as Uint8Array<ArrayBuffer>);
    size += value.byteLength;
    if (size > maxSize) {
      const replay = new ReadableStream<Uint8Array>({
        start(controller) {
          for (const chunk of chunks) controller.enqueue(chunk);
        },
        async pull(controller) {
          const next = await reader.read();
          if (next.done) controller.close();
          else controller.enqueue(next.value);
        },
        cancel(reason) {
          return reader.cancel(reason);
        },
      });
      return new Response(replay, response);
    }
  }
  if (chunks.length === 1) return chunks[0] as Uint8Array<ArrayBuffer>;
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
};

/**
 * Builds the shallow-ETag middleware around one hasher (Web Crypto or `etag`).
 *
 * @param hash - the body hasher
 * @returns the middleware factory
 */
export const createShallowEtag =
  (hash: BodyHasher) =>
  (options: ShallowEtagOptions = {}): Middleware => {
    const weak = options.weak ?? false;
    const maxSize = options.maxSize ?? SHALLOW_ETAG_MAX_SIZE;
    const keep = options.keep;
    return async function shallowEtag(request, next) {
      const response = await next(request);
      const method = request.method;
      if ((method !== 'GET' && method !== 'HEAD') || response.status !== 200) return response;
      let etag = response.headers.get('etag');
      let result = response;
      if (etag === null) {
        const bytes = await readBounded(response, maxSize);
        if (bytes instanceof Response) return bytes;
        const hashed = hash(bytes);
        const strong = typeof hashed === 'string' ? hashed : await hashed;
        etag = weak ? `W/${strong}` : strong;
        // A plain init, not the consumed response: runtimes (and @hono/node-server's fast
        // path) then see a fresh Response over bytes they can write in one go.
        result = new Response(bytes, {
          status: response.status,
          statusText: response.statusText,
          headers: response.headers,
        });
        result.headers.set('ETag', etag);
      } else if (parseEntityTag(etag) === undefined) {
        // The handler's tag is not one; comparing against it would be guesswork.
        return response;
      }
      const headers = request.headers;
      if (!CONDITIONAL.some((name) => headers.has(name))) return result;
      const decision = evaluatePreconditions(request, {
        etag,
        lastModified: result.headers.get('last-modified') ?? undefined,
      });
      if (decision.type === 'not-modified') return notModified(result.headers, keep);
      return preconditionResponse(decision) ?? result;
    };
  };
