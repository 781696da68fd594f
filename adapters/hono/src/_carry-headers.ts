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
 * Adds to `response` the headers of `earlier` (the response it replaces: what Hono middleware
 * and the handler set, e.g. CORS) that `response` lacks, except representation metadata; its
 * own values win and cookies are appended once. Headers of responses from `fetch()` or
 * `Response.redirect()` are immutable: those are copied first.
 */
export function carryHeaders(earlier: Headers, response: Response): Response {
  let target = response;
  let copied = false;
  const set = (name: string, value: string, append: boolean): void => {
    if (!copied) {
      try {
        if (append) target.headers.append(name, value);
        else target.headers.set(name, value);
        return;
      } catch {
        target = new Response(target.body, target);
        copied = true;
      }
    }
    if (append) target.headers.append(name, value);
    else target.headers.set(name, value);
  };
  for (const [name, value] of earlier) {
    if (name === 'set-cookie' || REPRESENTATION_HEADERS.has(name) || target.headers.has(name))
      continue;
    set(name, value, false);
  }
  const cookies = earlier.getSetCookie();
  if (cookies.length > 0) {
    const own = new Set(target.headers.getSetCookie());
    for (const cookie of cookies) if (!own.has(cookie)) set('set-cookie', cookie, true);
  }
  return target;
}
