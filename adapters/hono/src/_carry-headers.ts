// Headers a response replacing another must not take over from what was set before it.
const BODY_HEADERS = new Set(['content-type', 'content-length', 'content-encoding']);

/**
 * Adds to `response` the headers of `earlier` (set by Hono middleware before ours, e.g. CORS)
 * that `response` lacks; its own values win and cookies are appended once. Headers of
 * responses from `fetch()` or `Response.redirect()` are immutable: those are copied first.
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
    if (name === 'set-cookie' || BODY_HEADERS.has(name) || target.headers.has(name)) continue;
    set(name, value, false);
  }
  const cookies = earlier.getSetCookie();
  if (cookies.length > 0) {
    const own = new Set(target.headers.getSetCookie());
    for (const cookie of cookies) if (!own.has(cookie)) set('set-cookie', cookie, true);
  }
  return target;
}
