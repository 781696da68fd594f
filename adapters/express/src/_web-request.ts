import type { ExpressRequest, ExpressResponse } from './types.js';

/** Express's compiled `trust proxy` setting: does this socket address get to forward headers? */
type TrustProxy = (address: string | undefined, hop: number) => boolean;

interface ExpressApplicationLike {
  get(setting: string): unknown;
}

/** How to build the body when a body parser has already consumed the request stream. */
export type ParsedBody = BodyInit | null;

const COLON = 58;

/**
 * The authority for the Web URL: Express's `req.hostname` rule (trusted `X-Forwarded-Host`,
 * else `Host`) but keeping the port, which `req.hostname` drops.
 */
function authority(req: ExpressRequest): string {
  const app = (req as { app?: ExpressApplicationLike }).app;
  const header = req.headers['x-forwarded-host'];
  const forwarded = Array.isArray(header) ? header[0] : header;
  if (forwarded !== undefined && forwarded !== '' && app !== undefined) {
    const trust = app.get('trust proxy fn') as TrustProxy | undefined;
    if (trust?.(req.socket.remoteAddress, 0)) {
      const comma = forwarded.indexOf(',');
      return comma === -1 ? forwarded : forwarded.slice(0, comma).trimEnd();
    }
  }
  return req.headers.host ?? req.hostname ?? 'localhost';
}

/**
 * The full URL the client asked for, as Express sees it: `req.protocol` (honours
 * `trust proxy`), the host with port, and `req.originalUrl` (the mount path is not stripped).
 */
export function requestUrl(req: ExpressRequest): string {
  const path = req.originalUrl ?? req.url ?? '/';
  return `${req.protocol ?? 'http'}://${authority(req)}${path}`;
}

/**
 * All request headers in arrival order as `[name, value]` pairs, repeated ones kept, HTTP/2
 * pseudo-headers dropped. Pairs, not a `Headers`: the `Request` constructor copies them anyway.
 */
export function requestHeaders(req: ExpressRequest): [string, string][] {
  const pairs: [string, string][] = [];
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i] as string;
    if (name.charCodeAt(0) !== COLON) pairs.push([name, raw[i + 1] as string]);
  }
  return pairs;
}

/** True when some body parser has read the stream and left its result on `req.body`. */
export function hasParsedBody(req: ExpressRequest): boolean {
  // body-parser 1 (Express 4) sets `_body`; body-parser 2 (Express 5) only leaves `req.body`
  // defined after it read the stream (it is `{}` in Express 4 even when nothing was parsed).
  return (
    (req as { _body?: unknown })._body === true || (req.body !== undefined && req.readableEnded)
  );
}

/**
 * Serialises what a body parser left on `req.body`: bytes and strings as they are, an object
 * from `express.urlencoded()` as `application/x-www-form-urlencoded`, anything else as JSON.
 */
export function serialiseParsedBody(req: ExpressRequest): ParsedBody {
  const body = req.body;
  if (body === undefined || body === null) return null;
  if (typeof body === 'string' || body instanceof Uint8Array) return body as BodyInit;
  const type = req.headers['content-type'] ?? '';
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
 * A Web stream over the Node request that reads nothing until the handler pulls, then one
 * chunk per pull: the socket stays paused while the handler is busy (backpressure).
 */
export function requestBodyStream(req: ExpressRequest): ReadableStream<Uint8Array> {
  let listening = false;
  let finished = false;
  let onData: ((chunk: Uint8Array) => void) | undefined;
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (!listening) {
          listening = true;
          onData = (chunk) => {
            if (finished) return;
            controller.enqueue(chunk);
            if ((controller.desiredSize ?? 0) <= 0) req.pause();
          };
          req.on('data', onData);
          req.once('end', () => {
            if (finished) return;
            finished = true;
            controller.close();
          });
          const fail = (error?: Error): void => {
            if (finished) return;
            finished = true;
            controller.error(error ?? new Error('The client aborted the request body.'));
          };
          req.once('error', fail);
          req.once('close', () => {
            if (!req.complete) fail();
          });
        }
        req.resume();
      },
      cancel() {
        // The handler does not want the rest: drop it, but keep draining so keep-alive works.
        finished = true;
        if (onData) req.off('data', onData);
        req.resume();
      },
    },
    { highWaterMark: 0 },
  );
}

/**
 * An `AbortSignal` that fires when the client goes away before the response finished — not on
 * a normal end (`res` "close" after "finish" is the normal case; `req` "close" is not a
 * disconnect at all since Node 16).
 */
export function disconnectSignal(res: ExpressResponse): AbortSignal {
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

/** The length (and framing) the client sent no longer describe a re-serialised body. */
function describeBody(headers: Headers, body: ParsedBody): Headers {
  headers.delete('transfer-encoding');
  if (body === null) headers.delete('content-length');
  else headers.set('content-length', String(Buffer.byteLength(body as string | Uint8Array)));
  return headers;
}

/** The request headers as a `Headers`, with `Content-Length` fixed for a re-serialised body. */
export function webHeaders(req: ExpressRequest): Headers {
  const headers = new Headers(requestHeaders(req));
  const method = req.method;
  if (method !== 'GET' && method !== 'HEAD' && hasParsedBody(req)) {
    describeBody(headers, serialiseParsedBody(req));
  }
  return headers;
}

/**
 * The undici `Request` for an Express request: method, `url`, `headers` (the caller's, so a
 * lazy request can hand over headers it already gave out), and the body — a lazy stream, or
 * the re-serialised `req.body` when a body parser consumed the stream.
 */
export function buildRequest(
  req: ExpressRequest,
  url: string,
  headers: Headers | [string, string][],
): Request {
  const method = req.method ?? 'GET';
  const init: RequestInit & { duplex?: 'half' } = { method, headers };
  if (method !== 'GET' && method !== 'HEAD') {
    if (hasParsedBody(req)) {
      const body = serialiseParsedBody(req);
      init.headers = describeBody(new Headers(headers), body);
      init.body = body;
    } else if (!req.readableEnded) {
      init.body = requestBodyStream(req);
      init.duplex = 'half';
    }
  }
  return new Request(url, init);
}

/**
 * Builds the Web `Request` for an Express request at once: full original URL, all headers,
 * the body (see {@link buildRequest}) and a disconnect signal.
 */
export function createWebRequest(req: ExpressRequest, res: ExpressResponse): Request {
  const request = buildRequest(req, requestUrl(req), requestHeaders(req));
  // Linking a signal into undici's Request costs more than the rest of the conversion (it
  // makes a transferable, followed signal), so ours is created only when someone asks.
  let signal: AbortSignal | undefined;
  Object.defineProperty(request, 'signal', {
    configurable: true,
    enumerable: true,
    get: () => (signal ??= disconnectSignal(res)),
  });
  return request;
}
