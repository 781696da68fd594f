import { NativeRequest } from './native.js';

// A `Request` that is only a `Request` on demand. Most handlers read `method`, `url` and a
// header or two; undici's `Request` costs more than a framework's routing (its constructor
// parses the URL, converts and copies every header, and makes an AbortSignal): about 5 µs on
// Node 24 and 18 µs on Node 20 for a GET with four headers, plus the garbage it leaves.
//
// The lazy request is an object whose prototype chain leads to the runtime's
// `Request.prototype`, so `instanceof Request` holds. It answers `method`, `url`, `headers`,
// `signal`, `body` (for GET and HEAD: none) and `bodyUsed` itself, and builds undici's
// `Request` the first time anything else is asked (`text()`, `clone()`, `mode`, …), forwarding
// to it from then on — like FastResponse does for the Response.
//
// undici itself reads a Request's state directly when it copies one (`new Request(request,
// init)`, `fetch(request)`). undici 6 (Node 20, 22) keeps that state in symbol-keyed slots,
// which the lazy request forwards to the built one, so copies work. undici 7 (Node 24) keeps it
// in private fields, which no other object can have: there, a copy throws undici's TypeError
// ("Cannot read private member #state …"). `new Request(request.url, request)` — the request
// as the init — works everywhere (see the README, "The Node fast path").

/** How lazy requests of one kind answer from their state; one per kind, shared by all. */
export interface LazySource<S> {
  method(state: S): string;
  url(state: S): string;
  /** The request's own `Headers`, for its whole life. */
  headers(state: S): Headers;
  signal(state: S): AbortSignal;
  /** No content (GET, HEAD): `body` is `null` without building undici's `Request`. */
  bodiless(state: S): boolean;
  /** The init of undici's `Request` when it is built: the headers as they are now, the body. */
  init(state: S): RequestInit;
}

const STATE = Symbol('fielding.lazy-request.state');
const REAL = Symbol('fielding.lazy-request.real');

interface Lazy<S> {
  [STATE]: S;
  [REAL]: Request | undefined;
}

/** The symbol-keyed slots undici keeps a Request's state in (Node 20, 22); none on Node 24. */
export const REQUEST_SLOTS: readonly symbol[] = Object.getOwnPropertySymbols(
  new NativeRequest('http://localhost/'),
);

/**
 * A factory of lazy requests over states of one kind.
 *
 * @param source - how a state answers method, URL, headers, signal, and builds the real request
 * @returns a function that makes the lazy `Request` for one state
 */
export function lazyRequests<S>(source: LazySource<S>): (state: S) => Request {
  const built = (self: Lazy<S>): Request =>
    (self[REAL] ??= new NativeRequest(source.url(self[STATE]), source.init(self[STATE])));

  const own: PropertyDescriptorMap = {
    method: {
      get(this: Lazy<S>) {
        return source.method(this[STATE]);
      },
    },
    url: {
      get(this: Lazy<S>) {
        return source.url(this[STATE]);
      },
    },
    headers: {
      get(this: Lazy<S>) {
        return source.headers(this[STATE]);
      },
    },
    signal: {
      get(this: Lazy<S>) {
        return source.signal(this[STATE]);
      },
    },
    body: {
      get(this: Lazy<S>) {
        const real = this[REAL];
        if (real === undefined && source.bodiless(this[STATE])) return null;
        return (real ?? built(this)).body;
      },
    },
    bodyUsed: {
      get(this: Lazy<S>) {
        return this[REAL]?.bodyUsed ?? false;
      },
    },
    clone: {
      value: function clone(this: Lazy<S>): Request {
        const copy = built(this).clone();
        // The headers as the caller sees them now, also when they changed after the build.
        const headers = source.headers(this[STATE]);
        for (const name of new Set(copy.headers.keys())) copy.headers.delete(name);
        for (const [name, value] of headers) copy.headers.append(name, value);
        return copy;
      },
    },
  };
  for (const name of Object.getOwnPropertyNames(NativeRequest.prototype)) {
    if (name === 'constructor' || name in own) continue;
    const descriptor = Object.getOwnPropertyDescriptor(NativeRequest.prototype, name)!;
    if (typeof descriptor.value === 'function') {
      const method = descriptor.value as (...args: unknown[]) => unknown;
      own[name] = {
        value(this: Lazy<S>, ...args: unknown[]) {
          return method.apply(built(this), args);
        },
      };
    } else if (descriptor.get) {
      const getter = descriptor.get;
      own[name] = {
        get(this: Lazy<S>) {
          return getter.call(built(this));
        },
      };
    }
  }
  for (const symbol of REQUEST_SLOTS) {
    own[symbol] = {
      get(this: Lazy<S>) {
        return (built(this) as unknown as Record<symbol, unknown>)[symbol];
      },
    };
  }
  const prototype: object = Object.create(NativeRequest.prototype, own);

  return function lazyRequest(state: S): Request {
    const request = Object.create(prototype) as Lazy<S>;
    request[STATE] = state;
    request[REAL] = undefined;
    return request as unknown as Request;
  };
}
