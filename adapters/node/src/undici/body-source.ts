import { bodySource } from '@fielding/core';
import { NativeResponse } from './native.js';

// undici 6 (Node 20 and 22) keeps what a Response was built from — the string of
// `new Response('text')`, the bytes of `Response.json()` — in an internal state object under a
// symbol-keyed slot, beside the stream it exposes. Reading that source spares the writer a
// stream reader, two reads and a copy per response. undici 7 (Node 24) keeps its state in
// private fields: no slot is found, and the writer reads the stream (correct, a little slower).
// The slot is found once, by probing a Response; nothing depends on its name.

interface InternalBody {
  source?: unknown;
  stream?: ReadableStream<Uint8Array>;
}

type StateHolder = Record<symbol, { body?: InternalBody | null } | undefined>;

const PROBE = 'fielding-probe';

function findStateSlot(): symbol | undefined {
  try {
    const probe = new NativeResponse(PROBE);
    for (const symbol of Object.getOwnPropertySymbols(probe)) {
      if ((probe as unknown as StateHolder)[symbol]?.body?.source === PROBE) return symbol;
    }
  } catch {
    // A runtime whose Response cannot be probed simply has no fast path.
  }
  return undefined;
}

/** undici's state slot of a Response, where this runtime has one (Node 20, 22). */
export const STATE_SLOT: symbol | undefined = findStateSlot();

/**
 * The string or bytes a runtime `Response` was built from, read from undici's internal state
 * without touching the stream; `undefined` where undici keeps none in reach (Node 24), for a
 * stream body, once the body was read or locked, or for bytes a clone's reading detached.
 */
export function undiciBodySource(response: Response): string | Uint8Array | undefined {
  if (STATE_SLOT === undefined) return undefined;
  const body = (response as unknown as StateHolder)[STATE_SLOT]?.body;
  const source = body?.source;
  if (typeof source !== 'string' && !(source instanceof Uint8Array)) return undefined;
  // undici's byte stream transfers the source's buffer when a clone's branch reads it: the
  // bytes left behind are detached (empty). An empty body goes the stream way as well.
  if (typeof source !== 'string' && source.byteLength === 0) return undefined;
  if (response.bodyUsed || body?.stream?.locked === true) return undefined;
  return source;
}

/**
 * The whole body of any response, without reading it: what it offers through the public
 * `BODY_SOURCE` protocol (a `FastResponse`, another server's light class), else what undici
 * keeps; `undefined` when neither knows it.
 */
export function wholeBody(response: Response): string | Uint8Array | undefined {
  return bodySource(response) ?? undiciBodySource(response);
}
