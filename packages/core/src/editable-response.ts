// Middleware that adds headers to what a handler returned must cope with responses whose
// headers are immutable: `Response.redirect()`, `Response.error()` and anything `fetch()`
// returned. One helper, so every package copies such a response the same way and only then.

// Deleting a header the response does not have changes nothing, and throws exactly when the
// headers are immutable (the Fetch standard checks the guard before anything else).
const PROBE = 'x-fielding-editable-probe';

/**
 * The response itself when its headers can be changed, otherwise a copy with the same status,
 * headers and (unread) body whose headers can. Use it before adding headers to a response a
 * handler returned.
 *
 * @param response - what the handler returned
 * @returns a response whose headers can be set
 *
 * @example
 * ```ts
 * import { editableResponse } from '@fielding/core';
 *
 * const redirect = editableResponse(Response.redirect('https://api.test/blogs/7', 301));
 * redirect.headers.set('Cache-Control', 'max-age=3600'); // would throw on the original
 * ```
 * @see https://fetch.spec.whatwg.org/#concept-headers-guard
 */
export function editableResponse(response: Response): Response {
  try {
    response.headers.delete(PROBE);
    return response;
  } catch {
    return new Response(response.body, response);
  }
}
