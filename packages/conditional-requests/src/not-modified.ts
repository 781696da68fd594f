import { forEachHeader } from './_header-entries.js';

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

const defaultKeep: ReadonlySet<string> = new Set(NOT_MODIFIED_HEADERS);

const keptNames = (keep: readonly string[]): ReadonlySet<string> =>
  keep === NOT_MODIFIED_HEADERS ? defaultKeep : new Set(keep.map((name) => name.toLowerCase()));

/**
 * The 304 for the fields of a 200 (`headers`), with the current validators of the decision
 * (which replace the 200's own) — without building a `Headers` to read them from.
 */
export function notModifiedResponse(
  headers: HeadersInit | undefined,
  keep: readonly string[],
  etag: string | undefined,
  lastModified: string | undefined,
): Response {
  const names = keptNames(keep);
  // Pairs, not a Headers: the Response validates and combines its init anyway.
  const kept: Array<[string, string]> = [];
  let tagged = false;
  let dated = false;
  let modified: string | undefined;
  forEachHeader(headers, (name, value) => {
    if (name === 'last-modified') {
      if (lastModified !== undefined) return;
      // Repeated fields read as one list, as `Headers.get` combines them.
      modified = modified === undefined ? value : `${modified}, ${value}`;
    } else if (name === 'etag' && etag !== undefined) return;
    if (!names.has(name)) return;
    kept.push([name, value]);
    if (name === 'etag') tagged = true;
    else if (name === 'last-modified') dated = true;
  });
  if (etag !== undefined && names.has('etag')) {
    kept.push(['etag', etag]);
    tagged = true;
  }
  if (lastModified !== undefined) {
    modified = lastModified;
    if (names.has('last-modified')) {
      kept.push(['last-modified', lastModified]);
      dated = true;
    }
  }
  // §15.4.5: Last-Modified is representation metadata worth sending only without an ETag.
  if (!tagged && !dated && modified !== undefined) kept.push(['last-modified', modified]);
  return new Response(null, { status: 304, headers: kept });
}

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
  return notModifiedResponse(headers, keep, undefined, undefined);
}
