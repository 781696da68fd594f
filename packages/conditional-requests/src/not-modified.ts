/**
 * The fields a 304 keeps from the 200 it stands for: those RFC 9110 §15.4.5 requires, plus
 * the CORS response headers a browser needs to hand the cached body to the page. Extend it:
 * `[...NOT_MODIFIED_HEADERS, 'x-request-id']`. `Last-Modified` is kept only without an `ETag`.
 */
export const NOT_MODIFIED_HEADERS: readonly string[] = [
  'cache-control',
  'content-location',
  'date',
  'etag',
  'expires',
  'vary',
  'access-control-allow-origin',
  'access-control-allow-credentials',
  'access-control-expose-headers',
];

const defaultKeep = new Set(NOT_MODIFIED_HEADERS);

/**
 * Builds a 304 Not Modified from the headers of the full response it replaces: no body, only
 * the fields a 304 must repeat, and `Last-Modified` only where there is no `ETag`.
 *
 * @param headers - the headers the 200 would have carried
 * @param keep - lower-case field names to keep; default {@link NOT_MODIFIED_HEADERS}
 * @returns the 304 response
 *
 * @example
 * ```ts
 * notModified(new Headers({ ETag: '"7"', 'Content-Type': 'application/json' }));
 * // 304 with ETag only
 * ```
 * @see RFC 9110 §15.4.5
 */
export function notModified(
  headers: HeadersInit,
  keep: readonly string[] = NOT_MODIFIED_HEADERS,
): Response {
  const source = headers instanceof Headers ? headers : new Headers(headers);
  const names =
    keep === NOT_MODIFIED_HEADERS ? defaultKeep : new Set(keep.map((name) => name.toLowerCase()));
  // Pairs, not a Headers: the Response copies its init anyway, so one copy is enough.
  const kept: Array<[string, string]> = [];
  let tagged = false;
  let dated = false;
  for (const [name, value] of source) {
    // Headers iterates lower-case names.
    if (!names.has(name)) continue;
    kept.push([name, value]);
    if (name === 'etag') tagged = true;
    else if (name === 'last-modified') dated = true;
  }
  // §15.4.5: Last-Modified is representation metadata worth sending only without an ETag.
  if (!tagged && !dated) {
    const lastModified = source.get('last-modified');
    if (lastModified !== null) kept.push(['last-modified', lastModified]);
  }
  return new Response(null, { status: 304, headers: kept });
}
