import {
  appendVary,
  bodySource,
  formatEntityTag,
  parseEntityTag,
  type Middleware,
} from '@fielding/core';
import { negotiateEncoding } from './negotiate.js';
import { parseMediaType } from './media-type.js';
import { withVary } from './_vary.js';

/** Content codings {@link compression} may use, in its default order of preference. */
export const DEFAULT_ENCODINGS: readonly string[] = Object.freeze([
  'zstd',
  'gzip',
  'br',
  'deflate',
]);

/** Bodies smaller than this many bytes are sent as they are. */
export const DEFAULT_COMPRESSION_THRESHOLD = 1024;

// Content coding (RFC 9110 §8.4.1) → CompressionStream format names to try, in order.
const FORMATS: Readonly<Record<string, readonly string[]>> = {
  gzip: ['gzip'],
  deflate: ['deflate'],
  br: ['br', 'brotli'],
  zstd: ['zstd'],
};

let supported: Map<string, string> | undefined;

/**
 * The content codings this runtime's `CompressionStream` can produce, mapped to the format
 * name it takes. Probed once, safely: a format the runtime rejects is simply left out (Node 20
 * has gzip and deflate; brotli and zstd appear as runtimes add them).
 *
 * @returns coding → `CompressionStream` format
 *
 * @example
 * ```ts
 * import { supportedEncodings } from '@fielding/content-negotiation';
 *
 * supportedEncodings().has('gzip'); // true wherever CompressionStream exists
 * ```
 */
export function supportedEncodings(): ReadonlyMap<string, string> {
  if (supported === undefined) {
    supported = new Map();
    if (typeof CompressionStream === 'function') {
      for (const [coding, formats] of Object.entries(FORMATS)) {
        for (const format of formats) {
          try {
            new CompressionStream(format as CompressionFormat);
            supported.set(coding, format);
            break;
          } catch {
            // Not in this runtime.
          }
        }
      }
    }
  }
  return supported;
}

/**
 * Tells whether a media type is worth compressing: text, JSON, XML, JavaScript, SVG, NDJSON,
 * WebAssembly — but not `text/event-stream`, whose events must not wait in a compressor.
 *
 * @param contentType - a `Content-Type` value
 * @returns true when compression helps
 *
 * @example
 * ```ts
 * import { isCompressible } from '@fielding/content-negotiation';
 *
 * isCompressible('application/hal+json'); // true
 * isCompressible('image/png'); // false
 * ```
 */
export function isCompressible(contentType: string | null): boolean {
  const type = parseMediaType(contentType);
  if (type === undefined) return false;
  if (type.essence === 'text/event-stream') return false;
  if (type.type === 'text') return true;
  if (type.suffix === 'json' || type.suffix === 'xml') return true;
  return (
    (type.type === 'application' &&
      [
        'json',
        'xml',
        'javascript',
        'x-javascript',
        'ecmascript',
        'x-ndjson',
        'ndjson',
        'wasm',
        'graphql',
        'x-www-form-urlencoded',
      ].includes(type.subtype)) ||
    type.essence === 'image/bmp' ||
    type.essence === 'image/x-icon'
  );
}

/** Options of {@link compression}. */
export interface CompressionOptions {
  /** Codings to use, in preference order; ones the runtime lacks are skipped. Default: {@link DEFAULT_ENCODINGS}. */
  encodings?: readonly string[];
  /** Minimum body size in bytes. Default: `1024`. */
  threshold?: number;
  /** Which `Content-Type`s to compress. Default: {@link isCompressible}. */
  compressible?: (contentType: string | null) => boolean;
}

const VARY = ['Accept-Encoding'];

const NO_BODY_STATUSES = new Set([101, 103, 204, 205, 206, 304]);

// A body already whole in memory (a string or bytes the response was built from) up to this
// size may be compressed in one call instead of through a stream (see compression.node.ts).
// Above it the stream path keeps the time to the first byte short.
const MAX_WHOLE_BODY = 4 * 1024 * 1024;

/**
 * Compresses a body that is already whole in memory, in one call. The Node build passes one
 * (node:zlib's one-shot functions); the Web build has none and always streams.
 */
export interface WholeBodyCompressor {
  /** The body's size in bytes (a string counts as UTF-8). */
  size(source: string | Uint8Array): number;
  /**
   * The body in `coding`, or `undefined` when this compressor does not do that coding.
   * `size` is what `size()` said of `source`.
   */
  compress(
    source: string | Uint8Array,
    coding: string,
    size: number,
  ): Promise<Uint8Array> | undefined;
}

/**
 * Builds the `compression` middleware factory, optionally with a compressor for bodies
 * whose source is already whole in memory (found with `bodySource` from @fielding/core).
 *
 * @param whole - the one-shot compressor, or `undefined` to always stream
 * @returns the middleware factory
 */
export function createCompression(
  whole: WholeBodyCompressor | undefined,
): (options?: CompressionOptions) => Middleware {
  return (options = {}) => {
    const threshold = options.threshold ?? DEFAULT_COMPRESSION_THRESHOLD;
    const compressible = options.compressible ?? isCompressible;
    const wanted = options.encodings ?? DEFAULT_ENCODINGS;
    let available: string[] | undefined;
    let formats: ReadonlyMap<string, string> | undefined;

    return async function compression(request, next) {
      const response = await next(request);
      const headers = response.headers;
      if (
        request.method === 'HEAD' ||
        response.body === null ||
        NO_BODY_STATUSES.has(response.status) ||
        hasCoding(headers.get('content-encoding')) ||
        noTransform(headers.get('cache-control')) ||
        !compressible(headers.get('content-type'))
      ) {
        return response;
      }
      const length = headers.get('content-length');
      if (length !== null && Number(length) < threshold) return response;

      if (available === undefined || formats === undefined) {
        formats = supportedEncodings();
        available = [...wanted.filter((coding) => formats?.has(coding)), 'identity'];
      }
      const coding = negotiateEncoding(request, available, available).choice;
      if (coding === undefined || coding === 'identity') return withVary(response, VARY);

      // A body the response was built from whole (Node keeps it): no stream to read it through.
      const source = whole === undefined ? undefined : bodySource(response);
      if (source !== undefined && whole !== undefined) {
        const size = whole.size(source);
        if (length === null && size < threshold) {
          const small = withVary(response, VARY);
          small.headers.set('Content-Length', String(size));
          return small;
        }
        const bytes = size <= MAX_WHOLE_BODY ? whole.compress(source, coding, size) : undefined;
        if (bytes !== undefined) {
          const compressed = compressedHeaders(headers, coding);
          const body = (await bytes) as Uint8Array<ArrayBuffer>;
          compressed.set('Content-Length', String(body.byteLength));
          return new Response(body, {
            status: response.status,
            statusText: response.statusText,
            headers: compressed,
          });
        }
      }

      const body = await startUnlessSmall(response.body, length === null ? threshold : 0);
      if (body.small !== undefined) {
        const small = withVary(new Response(body.small, response), VARY);
        small.headers.set('Content-Length', String(body.small.byteLength));
        return small;
      }
      const format = formats.get(coding) as CompressionFormat;
      const stream = body.stream as ReadableStream<Uint8Array<ArrayBuffer>>;
      return new Response(stream.pipeThrough(new CompressionStream(format)), {
        status: response.status,
        statusText: response.statusText,
        headers: compressedHeaders(headers, coding),
      });
    };
  };
}

/**
 * A middleware that compresses responses with the Web `CompressionStream`, in the coding the
 * request's `Accept-Encoding` prefers (RFC 9110 §12.5.3). It streams (only the first
 * `threshold` bytes of a body of unknown length are held, to tell if it is small), and skips
 * `HEAD`, bodiless statuses, ranges, already-encoded bodies, `Cache-Control: no-transform`,
 * small bodies and types that do not compress. A compressed response loses `Content-Length`
 * and `Accept-Ranges`, its strong `ETag` becomes weak (it is a different representation,
 * RFC 9110 §8.8.3), and every compressible response gets `Vary: Accept-Encoding`. The Node
 * build compresses a body built from a string or bytes (up to 4 MiB) in one node:zlib call
 * instead, with the same bytes out and an exact `Content-Length`.
 *
 * @param options - codings, threshold and which types to compress
 * @returns the middleware
 *
 * @example
 * ```ts
 * import { compose } from '@fielding/core';
 * import { compression } from '@fielding/content-negotiation';
 *
 * const handler = compose(compression({ threshold: 2048 }))(() =>
 *   Response.json({ items: Array.from({ length: 500 }, (_, id) => ({ id })) }),
 * );
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-8.4
 */
export const compression: (options?: CompressionOptions) => Middleware =
  /* @__PURE__ */ createCompression(undefined);

// The headers of the compressed representation: coding set, length and ranges dropped (the
// one-shot path sets the new length), Vary merged, a strong ETag made weak.
function compressedHeaders(headers: Headers, coding: string): Headers {
  const compressed = new Headers(headers);
  compressed.set('Content-Encoding', coding);
  compressed.delete('Content-Length');
  compressed.delete('Accept-Ranges');
  appendVary(compressed, 'Accept-Encoding');
  const etag = compressed.get('etag');
  const tag = etag === null ? undefined : parseEntityTag(etag);
  if (tag !== undefined && !tag.weak)
    compressed.set('ETag', formatEntityTag({ ...tag, weak: true }));
  return compressed;
}

function hasCoding(value: string | null): boolean {
  return value !== null && value.trim() !== '' && value.trim().toLowerCase() !== 'identity';
}

function noTransform(value: string | null): boolean {
  if (value === null) return false;
  for (const directive of value.split(',')) {
    if (directive.trim().toLowerCase() === 'no-transform') return true;
  }
  return false;
}

type Started =
  | { small: Uint8Array<ArrayBuffer>; stream?: never }
  | { small?: undefined; stream: ReadableStream<Uint8Array> };

// Reads until `threshold` bytes are seen: a body that ends first is small and returned whole;
// otherwise the read chunks are replayed ahead of the rest, still streaming.
async function startUnlessSmall(
  body: ReadableStream<Uint8Array>,
  threshold: number,
): Promise<Started> {
  if (threshold <= 0) return { stream: body };
  const reader = body.getReader();
  const head: Uint8Array[] = [];
  let size = 0;
  while (size < threshold) {
    const { done, value } = await reader.read();
    if (done) {
      const small = new Uint8Array(size);
      let offset = 0;
      for (const chunk of head) {
        small.set(chunk, offset);
        offset += chunk.byteLength;
      }
      return { small };
    }
    head.push(value);
    size += value.byteLength;
  }
  return {
    stream: new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of head) controller.enqueue(chunk);
      },
      async pull(controller) {
        const { done, value } = await reader.read();
        if (done) controller.close();
        else controller.enqueue(value);
      },
      cancel(reason) {
        return reader.cancel(reason);
      },
    }),
  };
}
