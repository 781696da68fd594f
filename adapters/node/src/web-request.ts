import type { IncomingMessage, ServerResponse } from 'node:http';
import { nodeToWebStream } from './node-stream.js';
import { FastHeaders, lazyRequests } from './undici/index.js';
import { disconnectSignal } from './_disconnect.js';
import { rememberIncoming } from './remote-address.js';
import { requestUrl } from './request-url.js';

// The Node side of the lazy `Request` (the lazy object itself is part of the fenced fast path,
// `undici/lazy-request.ts`): where its URL, headers, body and signal come from. Nothing is
// computed before the handler asks, except the URL's validity (a bad Host must throw at once).

/** A body a body parser already read, re-serialised; `null` for none. */
export type ParsedBody = string | Uint8Array | null;

/** Options of {@link toWebRequest}. */
export interface WebRequestOptions {
  /**
   * The full URL the client asked for, or a function that works it out on first read (for
   * frameworks whose settings, such as Express's `trust proxy`, change while the request is
   * routed). Default: `http`/`https` from the socket, the `Host` header and `req.url`; a host
   * or target that cannot make a URL throws a `TypeError` at once.
   */
  url?: string | ((req: IncomingMessage) => string);
  /**
   * When a body parser has consumed the request stream: the body it produced, re-serialised,
   * to hand over instead (the `Content-Length` is set to match and `Transfer-Encoding`
   * dropped); `undefined` to stream `req` itself. Asked only for methods that carry a body.
   */
  parsedBody?: (req: IncomingMessage) => ParsedBody | undefined;
  /**
   * Where the body comes from when no parsed body is handed over: a Web stream for the handler
   * to read, `null` for a request without content, `undefined` for the default (a lazy stream
   * over `req`). For frameworks that put their own stream between the socket and the handler.
   * Asked only for methods that carry a body, when undici's `Request` is built.
   */
  bodyStream?: (req: IncomingMessage) => ReadableStream<Uint8Array> | null | undefined;
}

const COLON = 58;

interface LazyState {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  /** Taken when the request was created: a framework may rewrite `req.method` later. */
  readonly method: string;
  readonly options: WebRequestOptions;
  url: string | undefined;
  headers: Headers | undefined;
  signal: AbortSignal | undefined;
  /** The answer of `options.parsedBody` once it found a body (headers and body both need it). */
  parsed: ParsedBody | undefined;
}

/**
 * All request headers in arrival order as `[name, value]` pairs, repeated ones kept, HTTP/2
 * pseudo-headers dropped. Pairs, not a `Headers`: the `Request` constructor copies them anyway.
 */
function requestHeaders(req: IncomingMessage): [string, string][] {
  const pairs: [string, string][] = [];
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i] as string;
    if (name.charCodeAt(0) !== COLON) pairs.push([name, raw[i + 1] as string]);
  }
  return pairs;
}

function carriesBody(method: string): boolean {
  return method !== 'GET' && method !== 'HEAD';
}

/** The length (and framing) the client sent no longer describe a re-serialised body. */
function describeBody(headers: Headers, body: ParsedBody): Headers {
  headers.delete('transfer-encoding');
  if (body === null) headers.delete('content-length');
  else headers.set('content-length', String(Buffer.byteLength(body)));
  return headers;
}

function parsedBodyOf(state: LazyState): ParsedBody | undefined {
  if (state.parsed !== undefined) return state.parsed;
  // Asked again while the answer is "none": a body parser may run between two reads.
  if (!carriesBody(state.method) || state.options.parsedBody === undefined) return undefined;
  return (state.parsed = state.options.parsedBody(state.req));
}

function bodyStreamOf(state: LazyState): ReadableStream<Uint8Array> | null {
  const { req, options } = state;
  const custom = options.bodyStream?.(req);
  if (custom !== undefined) return custom;
  return req.readableEnded ? null : nodeToWebStream(req);
}

function urlOf(state: LazyState): string {
  if (state.url !== undefined) return state.url;
  const { url } = state.options;
  return (state.url = typeof url === 'function' ? url(state.req) : requestUrl(state.req)!);
}

/** The URL when it is known at once: given, or the default (which must be valid). */
function initialUrl(req: IncomingMessage, options: WebRequestOptions): string | undefined {
  const { url } = options;
  if (typeof url === 'string') return url;
  if (url !== undefined) return undefined;
  const derived = requestUrl(req);
  if (derived === undefined) {
    throw new TypeError(
      `The request's Host (${JSON.stringify(req.headers.host)}) and target (${JSON.stringify(req.url)}) make no URL.`,
    );
  }
  return derived;
}

function headersOf(state: LazyState): Headers {
  if (state.headers) return state.headers;
  // Node parsed and checked these already; a FastHeaders takes them as they are.
  const headers = FastHeaders.fromRaw(state.req.rawHeaders) as unknown as Headers;
  const parsed = parsedBodyOf(state);
  return (state.headers = parsed === undefined ? headers : describeBody(headers, parsed));
}

/** The init of undici's `Request`: the method, the headers as they are now, and the body. */
function requestInit(state: LazyState): RequestInit {
  const { method, req } = state;
  const init: RequestInit & { duplex?: 'half' } = {
    method,
    headers: state.headers ?? requestHeaders(req),
  };
  if (carriesBody(method)) {
    const parsed = parsedBodyOf(state);
    if (parsed !== undefined) {
      init.headers = describeBody(new Headers(init.headers), parsed);
      init.body = parsed as BodyInit | null;
    } else {
      const stream = bodyStreamOf(state);
      if (stream !== null) {
        init.body = stream;
        init.duplex = 'half';
      }
    }
  }
  return init;
}

const lazyRequest = lazyRequests<LazyState>({
  method: (state) => state.method,
  url: urlOf,
  headers: headersOf,
  signal: (state) => (state.signal ??= disconnectSignal(state.res)),
  bodiless: (state) => !carriesBody(state.method),
  init: requestInit,
});

/**
 * The Web `Request` for a Node request: method, full URL, every header (repeated ones kept),
 * the body as a stream read only when the handler reads it (or a body parser's result, see
 * {@link WebRequestOptions.parsedBody}), and a `signal` that aborts when the client
 * disconnects before the response is finished. It is lazy: until the handler uses more than
 * `method`, `url`, `headers`, `signal` and `body` (none for GET and HEAD), no undici `Request`
 * exists. On Node 24, undici cannot copy it: `new Request(request, init)` and `fetch(request)`
 * throw a `TypeError` there; `new Request(request.url, request)` works on every version.
 *
 * @param req - the incoming request
 * @param res - its response, whose "close" before "finish" means the client left
 * @param options - where the URL and an already-parsed body come from
 * @returns a `Request` (`instanceof Request` holds)
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { toWebRequest } from '@fielding/node';
 *
 * createServer((req, res) => {
 *   const request = toWebRequest(req, res);
 *   res.end(`${request.method} ${request.url}`);
 * }).listen(3000);
 * ```
 */
export function toWebRequest(
  req: IncomingMessage,
  res: ServerResponse,
  options: WebRequestOptions = {},
): Request {
  const request = lazyRequest({
    req,
    res,
    method: req.method ?? 'GET',
    options,
    url: initialUrl(req, options),
    headers: undefined,
    signal: undefined,
    parsed: undefined,
  });
  return rememberIncoming(request, req);
}
