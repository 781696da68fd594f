import type { IncomingMessage, ServerResponse } from 'node:http';
import { nodeToWebStream } from './node-stream.js';
import { FastHeaders } from './_fast-headers.js';
import { nativeClass } from './_native.js';
import { disconnectSignal } from './_disconnect.js';
import { requestUrl } from './_request-url.js';

// A `Request` that is only a `Request` on demand. Most handlers read `method`, `url` and a
// header or two; building undici's `Request` for them costs more than a framework's routing
// (its constructor parses the URL, copies the headers and links a transferable AbortSignal).
// The same idea as @hono/node-server's request, without replacing globalThis.Request: the
// object's prototype is `Request.prototype`, so `instanceof Request` holds; everything but
// `method`/`url`/`headers`/`signal` is forwarded to a real `Request` built on first use; and
// undici's internal symbol slots are forwarded too, so `new Request(request, init)` works.
// Whether that last part works on this runtime is checked once, by trying it; where it does
// not (an undici that keeps its state in private fields), requests are built eagerly.

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

const STATE = Symbol('fielding.node.request');

/**
 * undici's `Request`, even where a server swapped in its own (@hono/node-server does): the
 * lazy request forwards to it and copies its slots, which a subclass may not keep.
 */
const NativeRequest: typeof Request = nativeClass(globalThis.Request);
const COLON = 58;

interface LazyState {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  /** Taken when the request was created: a framework may rewrite `req.method` later. */
  readonly method: string;
  readonly options: WebRequestOptions;
  url: string | undefined;
  headers: Headers | undefined;
  real: Request | undefined;
  signal: AbortSignal | undefined;
  /** The answer of `options.parsedBody` once it found a body (headers and body both need it). */
  parsed: ParsedBody | undefined;
}

interface LazyRequest extends Request {
  [STATE]: LazyState;
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

/** undici's `Request`: the lazy request's method, URL, headers and body. */
function buildRequest(state: LazyState): Request {
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
  return new NativeRequest(urlOf(state), init);
}

function real(self: LazyRequest): Request {
  const state = self[STATE];
  return (state.real ??= buildRequest(state));
}

let prototype: object | undefined;

function lazyPrototype(): object {
  if (prototype) return prototype;
  const proto: Record<PropertyKey, unknown> = Object.create(NativeRequest.prototype);
  const own: PropertyDescriptorMap = {
    method: {
      get(this: LazyRequest) {
        return this[STATE].method;
      },
    },
    url: {
      get(this: LazyRequest) {
        return urlOf(this[STATE]);
      },
    },
    headers: {
      get(this: LazyRequest) {
        return headersOf(this[STATE]);
      },
    },
    signal: {
      get(this: LazyRequest) {
        const state = this[STATE];
        return (state.signal ??= disconnectSignal(state.res));
      },
    },
  };
  for (const name of Object.getOwnPropertyNames(NativeRequest.prototype)) {
    if (name === 'constructor' || name in own) continue;
    const descriptor = Object.getOwnPropertyDescriptor(NativeRequest.prototype, name)!;
    if (typeof descriptor.value === 'function') {
      const method = descriptor.value as (...args: unknown[]) => unknown;
      own[name] = {
        value(this: LazyRequest, ...args: unknown[]) {
          return method.apply(real(this), args);
        },
      };
    } else if (descriptor.get) {
      const getter = descriptor.get;
      own[name] = {
        get(this: LazyRequest) {
          return getter.call(real(this));
        },
      };
    }
  }
  // undici (Node 20/22) keeps a Request's state in symbol-keyed slots, read by the Request
  // constructor when it copies one; forward them to the real request.
  for (const symbol of Object.getOwnPropertySymbols(new NativeRequest('http://localhost/'))) {
    own[symbol] = {
      get(this: LazyRequest) {
        return (real(this) as unknown as Record<symbol, unknown>)[symbol];
      },
    };
  }
  Object.defineProperties(proto, own);
  prototype = proto;
  return proto;
}

function createState(
  req: IncomingMessage,
  res: ServerResponse,
  options: WebRequestOptions,
): LazyState {
  return {
    req,
    res,
    method: req.method ?? 'GET',
    options,
    url: initialUrl(req, options),
    headers: undefined,
    real: undefined,
    signal: undefined,
    parsed: undefined,
  };
}

function createLazyRequest(state: LazyState): Request {
  const request = Object.create(lazyPrototype()) as LazyRequest;
  request[STATE] = state;
  return request;
}

/** The same `Request`, built at once; only its `signal` waits until someone asks. */
function createEagerRequest(state: LazyState): Request {
  const request = buildRequest(state);
  // Linking a signal into undici's Request costs more than the rest of the conversion (it
  // makes a transferable, followed signal), so ours is created only when someone asks.
  Object.defineProperty(request, 'signal', {
    configurable: true,
    enumerable: true,
    get: () => (state.signal ??= disconnectSignal(state.res)),
  });
  return request;
}

let supported: boolean | undefined;

/** Tries, once, whether this runtime's `Request` accepts a lazy request as its input. */
function lazySupported(): boolean {
  if (supported !== undefined) return supported;
  try {
    const req = {
      method: 'PUT',
      rawHeaders: ['X-Probe', 'yes'],
      headers: {},
      readableEnded: true,
    } as unknown as IncomingMessage;
    const probe = createLazyRequest(
      createState(req, {} as ServerResponse, { url: 'http://localhost/probe' }),
    );
    const copy = new NativeRequest(probe, { headers: { 'X-Copy': '1' } });
    const same = new NativeRequest(probe);
    supported =
      copy.method === 'PUT' &&
      copy.url === 'http://localhost/probe' &&
      copy.headers.get('x-copy') === '1' &&
      same.headers.get('x-probe') === 'yes' &&
      probe.clone().method === 'PUT' &&
      probe instanceof NativeRequest;
  } catch {
    supported = false;
  }
  return supported;
}

/**
 * The Web `Request` for a Node request: method, full URL, every header (repeated ones kept),
 * the body as a stream read only when the handler reads it (or a body parser's result, see
 * {@link WebRequestOptions.parsedBody}), and a `signal` that aborts when the client
 * disconnects before the response is finished. It is built lazily: until the handler uses
 * more than `method`, `url`, `headers` and `signal`, no undici `Request` exists.
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
  const state = createState(req, res, options);
  return lazySupported() ? createLazyRequest(state) : createEagerRequest(state);
}

/** For tests: force the eager path (`false`), the lazy one (`true`) or re-probe (`undefined`). */
export function _setLazyRequests(value: boolean | undefined): void {
  supported = value;
}
