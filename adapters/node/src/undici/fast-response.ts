import { BODY_SOURCE } from '@fielding/core';
import { undiciBodySource } from './body-source.js';
import { FastHeaders } from './fast-headers.js';
import { NativeResponse } from './native.js';

// Node's own Response (undici) costs 15–20 µs to construct: it builds a ReadableStream, a
// transferable body and a guarded Headers up front, even when all a server will do is write
// the string it was given. A FastResponse keeps what it was built from — status, reason,
// headers, a string body — and builds undici's Response only when someone needs the stream
// (`body`, `text()`, …). It offers its source through the public `BODY_SOURCE` protocol of
// @fielding/core, so the writer of this package (and anything that calls `bodySource`) writes
// the string directly: a JSON answer never touches undici at all.
//
// Same idea as @hono/node-server's light Response, with two differences: `Response.json()`
// is light too (it is what handlers write), and the `Headers` a caller got stays the headers
// of the response for its whole life, even after the body was materialised, so a middleware
// that reads the body and then sets a header is not silently ignored.

/** RFC 9110 §15: a `Response` may not carry content with these statuses. */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/** Fetch's reason-phrase check: HTAB, SP, VCHAR and obs-text only. */
const REASON_PHRASE = /^[\t\x20-\x7e\x80-\xff]*$/;

interface SimpleInit {
  status: number;
  statusText: string;
  headers: HeadersInit | undefined;
}

/**
 * The init as plain values when it is one a FastResponse can take as is; `undefined` when the
 * native constructor should judge it (a status to coerce or refuse, a reason phrase, or an
 * init that is not an object), so that every error is exactly the native one.
 */
function simpleInit(init: ResponseInit | undefined | null): SimpleInit | undefined {
  if (init === undefined || init === null) {
    return { status: 200, statusText: '', headers: undefined };
  }
  if (typeof init !== 'object') return undefined;
  const { status = 200, statusText = '', headers } = init;
  if (!Number.isInteger(status) || status < 200 || status > 599) return undefined;
  if (typeof statusText !== 'string' || !REASON_PHRASE.test(statusText)) return undefined;
  return { status, statusText, headers };
}

const STATE = Symbol('fielding.fast-response');

interface State {
  readonly status: number;
  readonly statusText: string;
  /** Ours for the response's whole life: what every reader and writer sees. */
  readonly headers: Headers;
  /** The body while it is still only a string or bytes (`null`: none); unused once `real` exists. */
  readonly source: string | Uint8Array | null;
  /** undici's Response, built the first time the body is wanted as a stream. */
  real: Response | undefined;
}

interface Fast {
  [STATE]: State;
}

function createFast(state: State): Response {
  const response = Object.create(FastResponse.prototype) as Fast;
  response[STATE] = state;
  return response as unknown as Response;
}

/**
 * A body a FastResponse keeps as it is: a string, or bytes copied as the native constructor
 * copies them (so later writes to the caller's buffer change nothing). `undefined`: the native
 * constructor takes it (streams, Blobs, form data, other views).
 */
function lightSource(body: BodyInit | null | undefined): string | Uint8Array | null | undefined {
  if (body === undefined || body === null) return null;
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return new Uint8Array(body);
  if (body instanceof ArrayBuffer) return new Uint8Array(body.slice(0));
  return undefined;
}

function lightState(
  body: string | Uint8Array | null,
  init: SimpleInit,
  defaultType: string | undefined,
): State {
  const headers = new FastHeaders(init.headers) as unknown as Headers;
  if (defaultType !== undefined && !headers.has('content-type')) {
    headers.set('content-type', defaultType);
  }
  return {
    status: init.status,
    statusText: init.statusText,
    headers,
    source: body,
    real: undefined,
  };
}

function realState(real: Response, headers: Headers = real.headers): State {
  return {
    status: real.status,
    statusText: real.statusText,
    headers,
    source: null,
    real,
  };
}

/** undici's Response for this one, built from the source on first need. */
function materialise(state: State): Response {
  return (state.real ??= new NativeResponse(state.source as BodyInit | null, {
    status: state.status,
    statusText: state.statusText,
    headers: state.headers,
  }));
}

function stateOf(response: unknown): State {
  const state = (response as Partial<Fast> | null | undefined)?.[STATE];
  if (state === undefined) {
    throw new TypeError("Illegal invocation: not a Response created by @fielding/node's Response.");
  }
  return state;
}

type BodyReader = 'arrayBuffer' | 'blob' | 'bytes' | 'formData' | 'json' | 'text';

/**
 * A `Response` that is light until its body is wanted as a stream. Its instances are
 * `instanceof Response` (of the native class and of this one), and the native `Response`'s
 * instances are `instanceof FastResponse`, so it can stand in for the global `Response`
 * (see {@link installFastResponse}). A string or byte body (or none) and a plain init are
 * kept as given; any other body (a stream, a Blob, form data) or an init the native class
 * would coerce or refuse is handed to the native constructor at once, so behaviour and errors
 * are the native ones.
 */
export const FastResponse: typeof Response = function FastResponse(
  this: Fast | undefined,
  body?: BodyInit | null,
  init?: ResponseInit,
): Response {
  if (!new.target) {
    throw new TypeError("Failed to construct 'Response': Please use the 'new' operator.");
  }
  const self = this as Fast;
  const simple = simpleInit(init);
  const source = simple === undefined ? undefined : lightSource(body);
  if (
    simple !== undefined &&
    source !== undefined &&
    !(source !== null && NULL_BODY_STATUSES.has(simple.status))
  ) {
    self[STATE] = lightState(
      source,
      simple,
      typeof source === 'string' ? 'text/plain;charset=UTF-8' : undefined,
    );
  } else {
    self[STATE] = realState(new NativeResponse(body, init));
  }
  return self as unknown as Response;
} as unknown as typeof Response;

Object.setPrototypeOf(FastResponse, NativeResponse);
Object.setPrototypeOf(FastResponse.prototype, NativeResponse.prototype);

function json(this: unknown, data: unknown, init?: ResponseInit): Response {
  // The same serialisation and error as the native Response.json().
  const text = JSON.stringify(data) as string | undefined;
  if (text === undefined) throw new TypeError('Value is not JSON serializable');
  const simple = simpleInit(init);
  if (simple === undefined) return NativeResponse.json(data, init);
  if (this !== FastResponse && typeof this === 'function') {
    // A subclass (or another stand-in layered on this one) builds its own kind.
    const headers = new Headers(simple.headers);
    if (!headers.has('content-type')) headers.set('content-type', 'application/json');
    return new (this as typeof Response)(text, { ...simple, headers });
  }
  return createFast(lightState(text, simple, 'application/json'));
}

const accessors: Record<string, (state: State) => unknown> = {
  status: (state) => state.status,
  statusText: (state) => state.statusText,
  ok: (state) => state.status >= 200 && state.status < 300,
  headers: (state) => state.headers,
  // A constructed response is always of type "default", with no URL and no redirect.
  type: (state) => state.real?.type ?? 'default',
  url: (state) => state.real?.url ?? '',
  redirected: (state) => state.real?.redirected ?? false,
  body: (state) =>
    state.real === undefined && state.source === null ? null : materialise(state).body,
  bodyUsed: (state) => state.real?.bodyUsed ?? false,
};

const descriptors: PropertyDescriptorMap = {
  json: { value: json, writable: true, configurable: true },
};
Object.defineProperties(FastResponse, descriptors);

const prototypeDescriptors: PropertyDescriptorMap = {
  constructor: { value: FastResponse, writable: true, configurable: true },
  clone: {
    value: function clone(this: unknown): Response {
      const state = stateOf(this);
      if (state.real === undefined) {
        return createFast({
          ...state,
          headers: new FastHeaders(state.headers) as unknown as Headers,
        });
      }
      // Tees the native body (and throws the native error once it was read).
      return createFast(realState(state.real.clone(), new Headers(state.headers)));
    },
    writable: true,
    configurable: true,
  },
  [BODY_SOURCE]: {
    value: function source(this: unknown): string | Uint8Array | undefined {
      const state = stateOf(this);
      if (state.real !== undefined) return undiciBodySource(state.real);
      return state.source ?? undefined;
    },
    configurable: true,
  },
};
for (const [name, read] of Object.entries(accessors)) {
  prototypeDescriptors[name] = {
    get(this: unknown) {
      return read(stateOf(this));
    },
    configurable: true,
    enumerable: true,
  };
}
for (const name of ['arrayBuffer', 'blob', 'bytes', 'formData', 'json', 'text'] as const) {
  prototypeDescriptors[name] = {
    value: function read(this: unknown): Promise<unknown> {
      const real = materialise(stateOf(this)) as Response &
        Record<BodyReader, () => Promise<unknown>>;
      const method = real[name];
      if (typeof method !== 'function') {
        throw new TypeError(`Response.prototype.${name} is not available in this runtime.`);
      }
      return method.call(real);
    },
    writable: true,
    configurable: true,
    enumerable: true,
  };
}
Object.defineProperties(FastResponse.prototype, prototypeDescriptors);

// Responses the runtime makes itself (fetch(), Response.error(), Response.redirect()) are
// native; they must still pass `instanceof Response` once this class is the global one.
Object.defineProperty(FastResponse, Symbol.hasInstance, {
  value: (value: unknown): boolean => value instanceof NativeResponse,
  configurable: true,
});

/**
 * A response around a body this package made itself (the bytes a Node handler wrote): a string
 * or bytes are kept as they are, without a copy and without a default `Content-Type`; any
 * other body, and a status or reason the light class does not take (1xx, a bad phrase), go to
 * the native constructor, which throws its own error.
 */
export function lightResponse(
  body: BodyInit | null,
  init: { status: number; statusText: string; headers: Headers },
): Response {
  const simple = simpleInit(init);
  const light = body === null || typeof body === 'string' || body instanceof Uint8Array;
  if (simple === undefined || !light || (body !== null && NULL_BODY_STATUSES.has(simple.status))) {
    return new NativeResponse(body, init);
  }
  return createFast({
    status: simple.status,
    statusText: simple.statusText,
    headers: init.headers,
    source: body,
    real: undefined,
  });
}

/**
 * Makes the light `Response` of this package the global one, so handlers' `Response.json()` and
 * `new Response(text)` cost a string, which the writer sends directly; returns a function that
 * puts the previous one back. Replacing a global is the application's choice, made once at
 * startup: nothing in Fielding calls it unless asked (`serve(handler, { fastResponse: true })`
 * does). Responses built before keep working, and `instanceof Response` holds for native and
 * light responses alike. See "The Node fast path" in the README for what it buys.
 *
 * @returns a function that restores the previous global `Response` (if this one is still
 *   installed)
 *
 * @example
 * ```ts
 * import { installFastResponse } from '@fielding/node';
 *
 * const restore = installFastResponse();
 * Response.json({ id: 7 }); // a light FastResponse
 * restore();
 * ```
 */
export function installFastResponse(): () => void {
  const previous = globalThis.Response;
  if (previous === FastResponse) return () => undefined;
  Object.defineProperty(globalThis, 'Response', {
    value: FastResponse,
    writable: true,
    configurable: true,
    enumerable: false,
  });
  return () => {
    if (globalThis.Response !== FastResponse) return;
    Object.defineProperty(globalThis, 'Response', {
      value: previous,
      writable: true,
      configurable: true,
      enumerable: false,
    });
  };
}
