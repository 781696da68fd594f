import type { FastifyReply } from 'fastify';
import {
  buildRequest,
  createWebRequest,
  disconnectSignal,
  hasParsedBody,
  requestHeaders,
  requestUrl,
  type SourceRequest,
} from './_web-request.js';

// A `Request` that is only a `Request` on demand. Most handlers read `method`, `url` and a
// header or two; building undici's `Request` for them costs about as much as Fastify's whole
// routing (its constructor parses the URL, copies the headers and links a transferable
// AbortSignal). The same idea as @hono/node-server's request, without replacing
// globalThis.Request: the prototype is `Request.prototype`, so `instanceof Request` holds;
// everything but `method`/`url`/`headers`/`signal` is forwarded to a real `Request` built on
// first use; undici's internal symbol slots are forwarded too, so `new Request(request, init)`
// works. Whether that works on this runtime is checked once, by trying it; where it does not,
// requests are built eagerly.

const STATE = Symbol('fielding.fastify.request');

interface LazyState {
  readonly request: SourceRequest;
  readonly reply: FastifyReply;
  readonly url: string;
  headers: Headers | undefined;
  real: Request | undefined;
  signal: AbortSignal | undefined;
}

interface LazyRequest extends Request {
  [STATE]: LazyState;
}

function real(self: LazyRequest): Request {
  const state = self[STATE];
  return (state.real ??= buildRequest(
    state.request,
    state.url,
    state.headers ?? requestHeaders(state.request),
  ));
}

let prototype: object | undefined;

function lazyPrototype(): object {
  if (prototype) return prototype;
  const proto: Record<PropertyKey, unknown> = Object.create(Request.prototype);
  const own: PropertyDescriptorMap = {
    method: {
      get(this: LazyRequest) {
        return this[STATE].request.method;
      },
    },
    url: {
      get(this: LazyRequest) {
        return this[STATE].url;
      },
    },
    headers: {
      get(this: LazyRequest) {
        const state = this[STATE];
        return (state.headers ??= new Headers(requestHeaders(state.request)));
      },
    },
    signal: {
      get(this: LazyRequest) {
        const state = this[STATE];
        return (state.signal ??= disconnectSignal(state.reply));
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

function createLazyRequest(request: SourceRequest, reply: FastifyReply, url: string): Request {
  const lazy = Object.create(lazyPrototype()) as LazyRequest;
  lazy[STATE] = { request, reply, url, headers: undefined, real: undefined, signal: undefined };
  return lazy;
}

let supported: boolean | undefined;

/** Tries, once, whether this runtime's `Request` accepts a lazy request as its input. */
function lazySupported(): boolean {
  if (supported !== undefined) return supported;
  try {
    const request = {
      method: 'PUT',
      url: '/probe',
      body: undefined,
      raw: { rawHeaders: ['X-Probe', 'yes'], readableEnded: true },
      headers: {},
    } as unknown as SourceRequest;
    const probe = createLazyRequest(request, {} as FastifyReply, 'http://localhost/probe');
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
 * The Web `Request` for a Fastify request: lazy where the runtime allows it, else built at
 * once — the same observable `Request` either way.
 */
export function toWebRequest(request: SourceRequest, reply: FastifyReply): Request {
  // A re-serialised parsed body changes the headers too (Content-Length): build it at once.
  return lazySupported() && !hasParsedBody(request)
    ? createLazyRequest(request, reply, requestUrl(request))
    : createWebRequest(request, reply);
}

/** For tests: force the eager path (`false`), the lazy one (`true`) or re-probe (`undefined`). */
export function setLazyRequests(value: boolean | undefined): void {
  supported = value;
}
