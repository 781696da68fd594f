import type { FastifyReply, FastifyRequest } from 'fastify';
import { nodeToWebStream } from './_node-stream.js';

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

const COLON = 58;

/**
 * The full URL the client asked for, as Fastify sees it: `request.protocol` and the host
 * (Fastify 5's `request.host`, Fastify 4's `request.hostname`, both with the port and both
 * honouring `trustProxy`), then the whole `request.url` (a plugin prefix is not stripped).
 */
export function requestUrl(request: FastifyRequest): string {
  const host = (request as { host?: string }).host ?? request.hostname;
  return `${request.protocol ?? 'http'}://${host || 'localhost'}${request.url}`;
}

/**
 * All request headers in arrival order as `[name, value]` pairs, repeated ones kept, HTTP/2
 * pseudo-headers dropped.
 */
export function requestHeaders(request: FastifyRequest): [string, string][] {
  const pairs: [string, string][] = [];
  const raw = request.raw.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i] as string;
    if (name.charCodeAt(0) !== COLON) pairs.push([name, raw[i + 1] as string]);
  }
  return pairs;
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

/**
 * Serialises what one of the app's content-type parsers left on `request.body`: bytes and
 * strings as they are, an object from a form parser (`application/x-www-form-urlencoded`) as
 * a form, anything else as JSON.
 */
export function serialiseParsedBody(request: FastifyRequest): BodyInit | null {
  const body = request.body;
  if (body === undefined || body === null) return null;
  if (typeof body === 'string' || body instanceof Uint8Array) return body as BodyInit;
  const type = request.headers['content-type'] ?? '';
  if (
    typeof body === 'object' &&
    type.toLowerCase().startsWith('application/x-www-form-urlencoded')
  ) {
    const form = new URLSearchParams();
    for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
      if (Array.isArray(value)) for (const item of value) form.append(name, String(item));
      else form.append(name, typeof value === 'object' ? JSON.stringify(value) : String(value));
    }
    return form.toString();
  }
  return JSON.stringify(body);
}

/**
 * An `AbortSignal` that fires when the client goes away before the response finished — not on
 * a normal end.
 */
export function disconnectSignal(reply: FastifyReply): AbortSignal {
  const res = reply.raw;
  const controller = new AbortController();
  if (res.closed) {
    if (!res.writableFinished) controller.abort(disconnected());
  } else {
    res.once('close', () => {
      if (!res.writableFinished) controller.abort(disconnected());
    });
  }
  return controller.signal;
}

function disconnected(): DOMException {
  return new DOMException('The client closed the connection.', 'AbortError');
}

/** The request body as it stands now: the kept or parser-made stream, parsed bytes, or raw. */
function lateBody(request: SourceRequest): NodeJS.ReadableStream | Uint8Array | null {
  const kept = request[RAW_BODY];
  if (kept !== undefined) return kept;
  if (isNodeStream(request.body)) return request.body;
  if (hasParsedBody(request)) {
    const body = serialiseParsedBody(request);
    return typeof body === 'string' ? Buffer.from(body) : (body as Uint8Array | null);
  }
  return request.raw;
}

/**
 * The undici `Request` for a Fastify request: method, `url`, `headers`, and the body — the raw
 * stream the plugin's parser kept (or `request.raw` when no parser ran), read lazily; or the
 * re-serialised `request.body` when one of the app's own parsers consumed the stream.
 */
export function buildRequest(
  request: SourceRequest,
  url: string,
  headers: Headers | [string, string][],
): Request {
  const method = request.method;
  const init: RequestInit & { duplex?: 'half' } = { method, headers };
  if (method !== 'GET' && method !== 'HEAD') {
    const kept = request[RAW_BODY];
    const parsed = request.body;
    if (kept !== undefined || isNodeStream(parsed)) {
      init.body = nodeToWebStream(kept ?? (parsed as NodeJS.ReadableStream));
      init.duplex = 'half';
    } else if (parsed !== undefined) {
      const body = serialiseParsedBody(request);
      // The length (and framing) of what the client sent no longer describes this body.
      const rewritten = new Headers(headers);
      rewritten.delete('transfer-encoding');
      if (body === null) rewritten.delete('content-length');
      else rewritten.set('content-length', String(Buffer.byteLength(body as string | Uint8Array)));
      init.headers = rewritten;
      init.body = body;
    } else if (!request.raw.readableEnded && !hasNoContent(request)) {
      // Built before parsing (in a middleware's onRequest hook): whether a parser will have
      // consumed the stream is only known when the body is read.
      init.body = nodeToWebStream(
        () => lateBody(request),
        () => {
          const replay = request[REPLAY];
          if (replay?.active !== true) return undefined;
          replay.used = true;
          return (chunk) => replay.chunks.push(chunk);
        },
      );
      init.duplex = 'half';
    }
  }
  return new Request(url, init);
}

/**
 * Builds the Web `Request` for a Fastify request at once (see {@link buildRequest}), with a
 * disconnect signal created on first access.
 */
export function createWebRequest(request: SourceRequest, reply: FastifyReply): Request {
  const web = buildRequest(request, requestUrl(request), requestHeaders(request));
  // Linking a signal into undici's Request costs more than the rest of the conversion, so
  // ours is created only when someone asks.
  let signal: AbortSignal | undefined;
  Object.defineProperty(web, 'signal', {
    configurable: true,
    enumerable: true,
    get: () => (signal ??= disconnectSignal(reply)),
  });
  return web;
}
