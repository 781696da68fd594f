import type { ExpressRequest, ExpressResponse } from './types.js';
import {
  buildRequest,
  createWebRequest,
  disconnectSignal,
  requestHeaders,
  requestUrl,
  webHeaders,
} from './_web-request.js';

// A `Request` that is only a `Request` on demand. Most handlers read `method`, `url` and a
// header or two; building undici's `Request` for them costs more than Express's own routing
// (its constructor parses the URL, copies the headers and links a transferable AbortSignal).
// The same idea as @hono/node-server's request, without replacing globalThis.Request: the
// object's prototype is `Request.prototype`, so `instanceof Request` holds; everything but
// `method`/`url`/`headers`/`signal` is forwarded to a real `Request` built on first use; and
// undici's internal symbol slots are forwarded too, so `new Request(request, init)` works.
// Whether that last part works on this runtime is checked once, by trying it; where it does
// not (an undici that keeps its state in private fields), requests are built eagerly.

const STATE = Symbol('fielding.express.request');

interface LazyState {
  readonly req: ExpressRequest;
  readonly res: ExpressResponse;
  /** Computed on first read when the caller allowed it (see `toWebRequest`). */
  url: string | undefined;
  headers: Headers | undefined;
  real: Request | undefined;
  signal: AbortSignal | undefined;
}

interface LazyRequest extends Request {
  [STATE]: LazyState;
}

function urlOf(state: LazyState): string {
  return (state.url ??= requestUrl(state.req));
}

function real(self: LazyRequest): Request {
  const state = self[STATE];
  return (state.real ??= buildRequest(
    state.req,
    urlOf(state),
    state.headers ?? requestHeaders(state.req),
  ));
}

let prototype: object | undefined;

function lazyPrototype(): object {
  if (prototype) return prototype;
  const proto: Record<PropertyKey, unknown> = Object.create(Request.prototype);
  const own: PropertyDescriptorMap = {
    method: {
      get(this: LazyRequest) {
        return this[STATE].req.method ?? 'GET';
      },
    },
    url: {
      get(this: LazyRequest) {
        return urlOf(this[STATE]);
      },
    },
    headers: {
      get(this: LazyRequest) {
        const state = this[STATE];
        return (state.headers ??= webHeaders(state.req));
      },
    },
    signal: {
      get(this: LazyRequest) {
        const state = this[STATE];
        return (state.signal ??= disconnectSignal(state.res));
      },
    },
  };
  for (const name of Object.getOwnPropertyNames(Request.prototype)) {
    if (name === 'constructor' || name in own) continue;
    const descriptor = Object.getOwnPropertyDescriptor(Request.prototype, name)!;
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
  for (const symbol of Object.getOwnPropertySymbols(new Request('http://localhost/'))) {
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

function createLazyRequest(
  req: ExpressRequest,
  res: ExpressResponse,
  url: string | undefined,
): Request {
  const request = Object.create(lazyPrototype()) as LazyRequest;
  request[STATE] = { req, res, url, headers: undefined, real: undefined, signal: undefined };
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
    } as unknown as ExpressRequest;
    const probe = createLazyRequest(req, {} as ExpressResponse, 'http://localhost/probe');
    const copy = new Request(probe, { headers: { 'X-Copy': '1' } });
    const same = new Request(probe);
    supported =
      copy.method === 'PUT' &&
      copy.url === 'http://localhost/probe' &&
      copy.headers.get('x-copy') === '1' &&
      same.headers.get('x-probe') === 'yes' &&
      probe.clone().method === 'PUT' &&
      probe instanceof Request;
  } catch {
    supported = false;
  }
  return supported;
}

/**
 * The Web `Request` for an Express request: lazy where the runtime allows it, else built at
 * once — the same observable `Request` either way. With `deferUrl`, even the URL (Express's
 * `req.protocol` and trust-proxy checks) is worked out on first read; only for callers that
 * hand Express nothing back before answering (`toExpress`), since `req.app` — whose
 * `trust proxy` applies — changes while Express walks on through mounted apps.
 */
export function toWebRequest(req: ExpressRequest, res: ExpressResponse, deferUrl = false): Request {
  return lazySupported()
    ? createLazyRequest(req, res, deferUrl ? undefined : requestUrl(req))
    : createWebRequest(req, res);
}

/** For tests: force the eager path (`false`), the lazy one (`true`) or re-probe (`undefined`). */
export function setLazyRequests(value: boolean | undefined): void {
  supported = value;
}
