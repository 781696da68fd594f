// undici (Node's fetch) keeps what a Response was built from — the string of Response.json()
// or new Response('text'), the bytes of new Response(bytes) — in its internal state, beside
// the stream it exposes. Reading that source directly skips a stream reader, two reads and a
// copy per response, which on Node 20 costs about as much as Fastify's whole routing. The
// state's symbol is found once, by probing a Response; where it is not found (another fetch
// implementation, a future undici), every body takes the stream path.

interface InternalBody {
  source?: unknown;
  stream?: ReadableStream<Uint8Array>;
}

let stateKey: symbol | null | undefined;

function findStateKey(): symbol | null {
  const probe = new Response('fielding-probe');
  for (const symbol of Object.getOwnPropertySymbols(probe)) {
    const state = (probe as unknown as Record<symbol, { body?: InternalBody } | undefined>)[symbol];
    if (state?.body?.source === 'fielding-probe') return symbol;
  }
  return null;
}

/**
 * The whole body of a `Response` built from a string or bytes, without reading its stream; or
 * `undefined` when the body is a stream, was read already, or the runtime keeps no source.
 */
export function completeBody(response: Response): string | Uint8Array | undefined {
  stateKey ??= findStateKey();
  if (stateKey === null) return undefined;
  const body = (response as unknown as Record<symbol, { body?: InternalBody | null } | undefined>)[
    stateKey
  ]?.body;
  const source = body?.source;
  if (typeof source !== 'string' && !(source instanceof Uint8Array)) return undefined;
  if (response.bodyUsed || body?.stream?.locked) return undefined;
  return source;
}

/** For tests: forget the probe (`undefined`) or disable the fast path (`null`). */
export function setStateKey(value: null | undefined): void {
  stateKey = value;
}
