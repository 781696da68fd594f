import type { FastifyReply, FastifyRequest } from 'fastify';
import { nodeToWebStream, serialiseParsedBody, toWebRequest as nodeRequest } from '@fielding/node';
import { badRequest, notImplemented } from '@fielding/problem-errors';

/** Where the catch-all raw parser of `fielding()` leaves the untouched body stream. */
export const RAW_BODY: unique symbol = Symbol('fielding.fastify.rawBody');

/**
 * Where `fastifyMiddleware` asks for the socket bytes a middleware reads before routing to be
 * kept, so that Fastify's parsers can be given them again.
 */
export const REPLAY: unique symbol = Symbol('fielding.fastify.replay');

/** The bytes a middleware read from the socket before routing, in order. */
export interface Replay {
  /** Whether reads starting now are still before routing. */
  active: boolean;
  /** What was read. */
  chunks: Uint8Array[];
  /** Whether any read was recorded. */
  used: boolean;
}

/** A Fastify request, possibly carrying the raw body stream the plugin's parser kept. */
export type SourceRequest = FastifyRequest & {
  [RAW_BODY]?: NodeJS.ReadableStream;
  [REPLAY]?: Replay;
};

// RFC 9110 §7.2 Host: uri-host [ ":" port ] — reg-name and IP-literal characters only. Anything
// else (a space, a slash, an @) would change what the URL parser makes of the authority.
const HOST = /^[\w.~!$&'()*+,;=%:[\]-]+$/;

// The last host the URL parser accepted. Nearly every request of a server names the same host,
// and `URL.canParse` costs a microsecond where this comparison costs nothing.
let acceptedHost = '';

/** Whether `host` makes a URL (the characters first, then the URL parser: `]&`, `%.`, `a:b`). */
function isValidHost(host: string): boolean {
  if (host === acceptedHost) return true;
  if (!HOST.test(host) || !URL.canParse(`http://${host}/`)) return false;
  acceptedHost = host;
  return true;
}

/**
 * The full URL the client asked for, as Fastify sees it: `request.protocol` and the host
 * (Fastify 5's `request.host`, Fastify 4's `request.hostname`, both with the port and both
 * honouring `trustProxy`), then the whole `request.url` (a plugin prefix is not stripped). The
 * absolute form a client may send to a proxy (`GET http://host/path`) is the URL itself.
 *
 * @throws HttpError 400 when the host (`Host`, or `X-Forwarded-Host` with `trustProxy`) or the
 *   target make no URL, so the handler never meets a `TypeError` from `new URL`
 */
export function requestUrl(request: FastifyRequest): string {
  const target = request.url;
  if (target.charCodeAt(0) !== 47 /* "/" */) {
    if (/^https?:\/\//i.test(target) && URL.canParse(target)) return target;
    throw badRequest({ detail: 'The request target is neither a path nor an absolute URL.' });
  }
  const host = (request as { host?: string }).host ?? request.hostname;
  if (host && !isValidHost(host)) {
    throw badRequest({ detail: 'The Host header field is not a valid host.' });
  }
  return `${request.protocol ?? 'http'}://${host || 'localhost'}${target}`;
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
 * read what the body is by then — the socket stream, or what a parser made of it.
 */
function bodyStream(request: SourceRequest): ReadableStream<Uint8Array> | null {
  const kept = request[RAW_BODY];
  const parsed = request.body;
  if (kept !== undefined || isNodeStream(parsed)) {
    return nodeToWebStream(kept ?? (parsed as NodeJS.ReadableStream));
  }
  if (request.raw.readableEnded || hasNoContent(request)) return null;
  return nodeToWebStream(
    () => lateBody(request),
    () => {
      const replay = request[REPLAY];
      if (replay?.active !== true) return undefined;
      replay.used = true;
      return (chunk) => replay.chunks.push(chunk);
    },
  );
}

// Fetch forbids these methods in a Request (Node 24's undici throws building one), so no fetch
// handler can ever implement them.
const FORBIDDEN_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK']);

/**
 * The Web `Request` for a Fastify request (lazy; see `toWebRequest` in `@fielding/node`): the
 * URL as Fastify sees it, and the body of {@link bodyStream} — or, when one of the app's own
 * parsers consumed the stream, the re-serialised `request.body` with a `Content-Length` to
 * match.
 *
 * @throws HttpError 501 for `CONNECT`, `TRACE` and `TRACK`, which a `Request` cannot carry
 */
export function toWebRequest(request: SourceRequest, reply: FastifyReply): Request {
  if (FORBIDDEN_METHODS.has(request.method)) {
    throw notImplemented({ detail: `The method ${request.method} is not implemented here.` });
  }
  return nodeRequest(request.raw, reply.raw, {
    url: requestUrl(request),
    parsedBody: () =>
      hasParsedBody(request)
        ? serialiseParsedBody(request.body, request.headers['content-type'])
        : undefined,
    bodyStream: () => bodyStream(request),
  });
}
