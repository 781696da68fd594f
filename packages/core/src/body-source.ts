// undici (the fetch of Node, and of Deno's Node layer) keeps what a Response was built from —
// the string of Response.json() or new Response('text'), the bytes of new Response(bytes) — in
// its internal state beside the stream it exposes. Reading that source skips a stream reader,
// two reads and a copy per response: on Node 20 that costs more than hashing a small body.
// The state's symbol is found once by probing a Response; where it is not found (another
// fetch implementation, a future undici), `bodySource` answers `undefined` and callers take the
// ordinary stream path, so correctness never depends on it.

/**
 * The registered symbol under which a `Response` stand-in (a light class that replaces the
 * global `Response` on a server, such as `FastResponse` from `@fielding/node`) offers its body
 * source: a method returning the string or bytes the body was built from, or `undefined`.
 * {@link bodySource} asks it before probing undici, so such responses keep the fast path.
 *
 * @example
 * ```ts
 * import { BODY_SOURCE, bodySource } from '@fielding/core';
 *
 * const light = { [BODY_SOURCE]: () => 'hello' } as unknown as Response;
 * bodySource(light); // 'hello'
 * ```
 */
export const BODY_SOURCE: unique symbol = Symbol.for('fielding.body-source');

interface InternalBody {
  source?: unknown;
  stream?: ReadableStream<Uint8Array>;
}

type StateHolder = Record<symbol, { body?: InternalBody | null } | undefined>;

let stateKey: symbol | null | undefined;

// A server may have replaced the global Response with a stand-in (@hono/node-server does), so
// the probe also tries the classes the stand-in's prototype chain leads to.
function probeClasses(): Array<typeof Response> {
  const classes: Array<typeof Response> = [];
  let candidate: unknown = globalThis.Response;
  while (
    typeof candidate === 'function' &&
    candidate !== Function.prototype &&
    classes.length < 4
  ) {
    classes.push(candidate as typeof Response);
    candidate = Object.getPrototypeOf(candidate);
  }
  return classes;
}

function findStateKey(): symbol | null {
  for (const ResponseClass of probeClasses()) {
    try {
      const probe = new ResponseClass('fielding-probe');
      for (const symbol of Object.getOwnPropertySymbols(probe)) {
        const state = (probe as unknown as StateHolder)[symbol];
        if (state?.body?.source === 'fielding-probe') return symbol;
      }
    } catch {
      // A class that cannot be probed simply gives no fast path.
    }
  }
  return null;
}

/**
 * The whole body a `Response` was built from — a string or bytes — read without touching its
 * stream, or `undefined` when the body is a stream, was already read or locked, or the runtime
 * does not keep the source (then read the body as usual). The response stays unread.
 *
 * @param response - any response
 * @returns the body's source, or `undefined`
 *
 * @example
 * ```ts
 * import { bodySource } from '@fielding/core';
 *
 * const source = bodySource(Response.json({ id: 7 }));
 * // '{"id":7}' on Node (undici); undefined where the runtime keeps no source
 * ```
 */
export function bodySource(response: Response): string | Uint8Array | undefined {
  const own = (response as unknown as Record<symbol, unknown>)[BODY_SOURCE];
  if (typeof own === 'function')
    return (own as () => string | Uint8Array | undefined).call(response);
  if (stateKey === undefined) stateKey = findStateKey();
  if (stateKey === null) return undefined;
  const body = (response as unknown as StateHolder)[stateKey]?.body;
  const source = body?.source;
  if (typeof source !== 'string' && !(source instanceof Uint8Array)) return undefined;
  if (response.bodyUsed || body?.stream?.locked) return undefined;
  return source;
}

/** For tests: forget the probe (`undefined`) or switch the fast path off (`null`). */
export function _setBodySourceKey(value: null | undefined): void {
  stateKey = value;
}
