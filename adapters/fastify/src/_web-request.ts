import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  nodeToWebStream,
  requestUrl as nodeRequestUrl,
  serialiseParsedBody,
  toWebRequest as nodeRequest,
} from '@fielding/node';
import type { ProxyTrustOptions } from '@fielding/core';
import { badRequest, notImplemented } from '@fielding/problem-errors';

/** Where the catch-all raw parser of `mountFielding()` leaves the untouched body stream. */
export const RAW_BODY: unique symbol = Symbol('fielding.fastify.rawBody');

/** A Fastify request, possibly carrying the raw body stream the plugin's parser kept. */
export type SourceRequest = FastifyRequest & { [RAW_BODY]?: NodeJS.ReadableStream };

/**
 * The full URL the client asked for, by the one `requestUrl` of `@fielding/node`: the socket's
 * scheme, the `Host` header (HTTP/2's `:authority`) and the whole `request.url` (a plugin prefix
 * is not stripped), or the absolute form itself. Behind a proxy named in `proxy.trustProxy`, the
 * origin comes from `requestOrigin` of `@fielding/core`. Fastify's own `trustProxy` is not read:
 * it takes the first `X-Forwarded-Host` value, which a client can forge.
 *
 * @throws HttpError 400 when the host or the target make no URL, so the handler never meets a
 *   `TypeError` from `new URL`
 */
export function requestUrl(request: FastifyRequest, proxy: ProxyTrustOptions): string {
  const url = nodeRequestUrl(request.raw, { target: request.url, proxyTrust: proxy });
  if (url === undefined) {
    throw badRequest({
      detail: 'The Host header field or the request target makes no URL (RFC 9110 §7.2).',
    });
  }
  return url;
}

function isNodeStream(value: unknown): value is NodeJS.ReadableStream {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { pipe?: unknown }).pipe === 'function'
  );
}

/**
 * True when the request has no content at all (Fastify's own rule: no `Transfer-Encoding`, and
 * `Content-Length` absent or 0).
 */
function hasNoContent(request: FastifyRequest): boolean {
  const headers = request.raw.headers;
  const length = headers['content-length'];
  return headers['transfer-encoding'] === undefined && (length === undefined || length === '0');
}

/**
 * True when one of the app's content-type parsers consumed the body and left its result on
 * `request.body` (not the raw stream the plugin's own parser keeps).
 */
export function hasParsedBody(request: SourceRequest): boolean {
  return (
    request[RAW_BODY] === undefined && request.body !== undefined && !isNodeStream(request.body)
  );
}

/** The request body as it stands now: the kept or parser-made stream, parsed bytes, or raw. */
function lateBody(request: SourceRequest): NodeJS.ReadableStream | Uint8Array | null {
  const kept = request[RAW_BODY];
  if (kept !== undefined) return kept;
  if (isNodeStream(request.body)) return request.body;
  if (hasParsedBody(request)) {
    const body = serialiseParsedBody(request.body, request.headers['content-type']);
    return typeof body === 'string' ? Buffer.from(body) : body;
  }
  return request.raw;
}

/**
 * The body stream of a Fastify request: the raw stream the plugin's parser kept (or a stream a
 * parser handed back), read lazily; `null` for a request without content; or, for a request
 * converted before parsing (in a middleware's `onRequest` hook), a stream that asks on its first
 * read what the body is by then — the socket stream, or what a parser made of it — and calls
 * `onRead` when it starts reading the socket stream.
 */
function bodyStream(
  request: SourceRequest,
  onRead: (() => void) | undefined,
): ReadableStream<Uint8Array> | null {
  const kept = request[RAW_BODY];
  const parsed = request.body;
  if (kept !== undefined || isNodeStream(parsed)) {
    return nodeToWebStream(kept ?? (parsed as NodeJS.ReadableStream));
  }
  if (request.raw.readableEnded || hasNoContent(request)) return null;
  return nodeToWebStream(
    () => lateBody(request),
    onRead &&
      ((): undefined => {
        onRead();
        return undefined;
      }),
  );
}

// Fetch forbids these methods in a Request (Node 24's undici throws building one), so no fetch
// handler can ever implement them.
const FORBIDDEN_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK']);

/**
 * The Web `Request` for a Fastify request (lazy; see `toWebRequest` in `@fielding/node`): the
 * URL of {@link requestUrl}, and the body of {@link bodyStream} — or, when one of the app's own
 * parsers consumed the stream, the re-serialised `request.body` with a `Content-Length` to
 * match. `onRead` is called when a read of the socket stream starts (see {@link bodyStream}).
 *
 * @throws HttpError 501 for `CONNECT`, `TRACE` and `TRACK`, which a `Request` cannot carry
 */
export function toWebRequest(
  request: SourceRequest,
  reply: FastifyReply,
  proxy: ProxyTrustOptions,
  onRead?: () => void,
): Request {
  if (FORBIDDEN_METHODS.has(request.method)) {
    throw notImplemented({ detail: `The method ${request.method} is not implemented here.` });
  }
  return nodeRequest(request.raw, reply.raw, {
    url: requestUrl(request, proxy),
    parsedBody: () =>
      hasParsedBody(request)
        ? serialiseParsedBody(request.body, request.headers['content-type'])
        : undefined,
    bodyStream: () => bodyStream(request, onRead),
  });
}
