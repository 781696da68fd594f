import { bodySource, bufferAtMost, parseEntityTag, type Middleware } from '@fielding/core';
import type { BodyHasher, SourceHasher } from './_hash.js';
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
  /**
   * Send the full response, not a 304, to a request with `Cache-Control: no-cache` (the rule of
   * `fresh`); off by default, since every `fetch()` sends `no-cache` when it revalidates. See
   * `PreconditionOptions.fullResponseOnNoCache`. Default `false`.
   */
  fullResponseOnNoCache?: boolean;
}

/** Default {@link ShallowEtagOptions.maxSize}: 1 MiB. */
export const SHALLOW_ETAG_MAX_SIZE: number = 1024 * 1024;

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
  const read = await bufferAtMost(body, maxSize);
  // Chunks of a Response body always sit on an ArrayBuffer.
  return read instanceof Uint8Array
    ? (read as Uint8Array<ArrayBuffer>)
    : new Response(read, response);
};

const conditional = (headers: Headers): boolean =>
  headers.has('if-none-match') ||
  headers.has('if-modified-since') ||
  headers.has('if-match') ||
  headers.has('if-unmodified-since');

const isPromise = <T>(value: T | Promise<T>): value is Promise<T> =>
  typeof (value as { then?: unknown }).then === 'function';

/**
 * Builds the shallow-ETag middleware around one hasher (Web Crypto or `etag`'s format on
 * node:crypto).
 *
 * Fast path: where `bodySource` (@fielding/core) finds the string or bytes the response was
 * built from, those are hashed and the response itself is returned with its `ETag` set in place
 * — its body is never read, nothing is copied, and with a synchronous hasher and handler the
 * middleware does not even await. Otherwise (a stream body, a runtime that keeps no source) the
 * body is read, up to `maxSize`, and the response rebuilt over the bytes.
 *
 * @param hash - the body hasher (slow path)
 * @param hashSource - the source hasher (fast path)
 * @returns the middleware factory
 */
export const createShallowEtag =
  (hash: BodyHasher, hashSource: SourceHasher) =>
  (options: ShallowEtagOptions = {}): Middleware => {
    const weak = options.weak ?? false;
    const maxSize = options.maxSize ?? SHALLOW_ETAG_MAX_SIZE;
    const keep = options.keep;
    const fullResponseOnNoCache = options.fullResponseOnNoCache ?? false;

    // The response to send for a response that carries `etag`.
    const answer = (request: Request, response: Response, etag: string): Response => {
      if (!conditional(request.headers)) return response;
      const decision = evaluatePreconditions(request, {
        etag,
        lastModified: response.headers.get('last-modified') ?? undefined,
        fullResponseOnNoCache,
      });
      if (decision.type === 'not-modified') return notModified(response.headers, keep);
      return preconditionResponse(decision) ?? response;
    };

    // Fast path: the response keeps its body; only its headers gain the tag.
    const tagInPlace = (
      request: Request,
      response: Response,
      source: string | Uint8Array,
      strong: string,
    ): Response => {
      const etag = weak ? `W/${strong}` : strong;
      let result = response;
      try {
        response.headers.set('ETag', etag);
      } catch {
        // Immutable headers (a cached or fetched response): a new Response over the same source.
        result = new Response(source as BodyInit, {
          status: response.status,
          statusText: response.statusText,
          headers: response.headers,
        });
        result.headers.set('ETag', etag);
      }
      return answer(request, result, etag);
    };

    // Slow path: read the body (bounded), hash the bytes, rebuild the response over them.
    const tagBuffered = async (request: Request, response: Response): Promise<Response> => {
      const bytes = await readBounded(response, maxSize);
      if (bytes instanceof Response) return bytes;
      const hashed = hash(bytes);
      const strong = typeof hashed === 'string' ? hashed : await hashed;
      const etag = weak ? `W/${strong}` : strong;
      // A plain init, not the consumed response: runtimes (and @hono/node-server's fast
      // path) then see a fresh Response over bytes they can write in one go.
      const result = new Response(bytes, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
      result.headers.set('ETag', etag);
      return answer(request, result, etag);
    };

    const finish = (request: Request, response: Response): Response | Promise<Response> => {
      if (response.status !== 200) return response;
      const etag = response.headers.get('etag');
      if (etag !== null) {
        // The handler's tag (a deep ETag) is evaluated, never replaced; one that is not an
        // entity-tag cannot be compared without guesswork, so the response passes through.
        return parseEntityTag(etag) === undefined ? response : answer(request, response, etag);
      }
      // A HEAD answered without its body (a server or framework dropped it) has nothing to hash:
      // the hash of no bytes would be a tag the GET never carries, so send none (RFC 9110 §9.3.2
      // lets HEAD leave out fields only known while generating the content).
      if (request.method === 'HEAD' && response.body === null) return response;
      const source = bodySource(response);
      if (source === undefined) return tagBuffered(request, response);
      const hashed = hashSource(source, maxSize);
      if (hashed === undefined) return response;
      return typeof hashed === 'string'
        ? tagInPlace(request, response, source, hashed)
        : hashed.then((strong) => tagInPlace(request, response, source, strong));
    };

    return function shallowEtag(request, next) {
      const method = request.method;
      const pending = next(request);
      if (method !== 'GET' && method !== 'HEAD') return pending;
      return isPromise(pending)
        ? pending.then((response) => finish(request, response))
        : finish(request, pending);
    };
  };
