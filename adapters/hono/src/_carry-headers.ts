// What describes the replaced body, not the exchange (RFC 9110 §8, §8.8): never carried over.
const REPRESENTATION_HEADERS = new Set([
  'content-disposition',
  'content-encoding',
  'content-language',
  'content-length',
  'content-location',
  'content-range',
  'content-type',
  'etag',
  'last-modified',
  'transfer-encoding',
]);

/**
 * `own` plus the headers of `earlier` (the response being replaced: what Hono middleware and the
 * handler set, e.g. CORS) that `own` lacks, except representation metadata; `own`'s values win
 * and cookies are added once. A new `Headers`, or `undefined` when nothing is to be carried.
 */
export function carriedHeaders(earlier: Headers, own?: Headers): Headers | undefined {
  let merged: Headers | undefined;
  for (const [name, value] of earlier) {
    if (name === 'set-cookie' || REPRESENTATION_HEADERS.has(name) || own?.has(name) === true)
      continue;
    (merged ??= new Headers(own)).set(name, value);
  }
  const cookies = earlier.getSetCookie();
  if (cookies.length > 0) {
    const mine = new Set(own?.getSetCookie());
    for (const cookie of cookies) {
      if (!mine.has(cookie)) (merged ??= new Headers(own)).append('set-cookie', cookie);
    }
  }
  return merged;
}

/**
 * `response` with the headers of `earlier` it lacks ({@link carriedHeaders}); `response` itself
 * when there are none. Otherwise a new `Response` on the same body, never `response` changed
 * in place: @hono/node-server 1.x builds its `Response` from the init it was given as soon as
 * anything reads the body, dropping headers set since (honojs/node-server#304), and Hono does
 * read it whenever it copies a response (HEAD, `c.header()` after `next`, as `cors` does). A
 * fetch() response's immutable headers need the copy anyway.
 */
export function carryHeaders(earlier: Headers, response: Response): Response {
  const headers = carriedHeaders(earlier, response.headers);
  if (headers === undefined) return response;
  const { status, statusText } = response;
  return new Response(response.body, { status, statusText, headers });
}
