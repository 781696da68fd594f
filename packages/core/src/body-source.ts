// A server that writes a response can skip its stream when the body is a string or bytes it
// already holds: no reader, no reads, no copy. Core defines only the public protocol for that:
// a response (a light `Response` class, a server's stand-in) offers its source under one
// registered symbol. Core never looks at a runtime's internals; a server that knows one (the
// Node fast path of @fielding/node reads undici's) does so behind its own seam.

/**
 * The registered symbol under which a `Response` offers its body source: a method returning the
 * string or bytes the body was built from, or `undefined` (a stream, or a body already read).
 * `FastResponse` of `@fielding/node` implements it; any response class or server can.
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

/**
 * The whole body a `Response` was built from — a string or bytes — as the response offers it
 * under {@link BODY_SOURCE}, without touching its stream; `undefined` when it offers none (then
 * read the body as usual). A runtime's own `Response` offers none.
 *
 * @param response - any response
 * @returns the body's source, or `undefined`
 *
 * @example
 * ```ts
 * import { bodySource } from '@fielding/core';
 *
 * bodySource(new Response('text')); // undefined: a runtime Response offers no source
 * ```
 */
export function bodySource(response: Response): string | Uint8Array | undefined {
  const own = (response as unknown as Record<symbol, unknown>)[BODY_SOURCE];
  if (typeof own !== 'function') return undefined;
  const source: unknown = (own as () => unknown).call(response);
  return typeof source === 'string' || source instanceof Uint8Array ? source : undefined;
}
