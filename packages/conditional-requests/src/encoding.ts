import { formatEntityTag, isToken, parseEntityTag } from '@fielding/core';

/**
 * Weakens the strong `ETag` of a response whose body is being re-encoded (compressed): the
 * compressed bytes are not the bytes the strong tag promised, so `If-Match` and `If-Range` must
 * no longer succeed on it, while `If-None-Match` (weak comparison) still yields 304s.
 * Call it wherever a body is transformed after the tag was set; a weak or absent tag is left
 * alone. Changes `headers` in place.
 *
 * @param headers - the response headers, changed in place
 * @returns the `ETag` now on the headers, or `null` when there is none
 *
 * @example
 * ```ts
 * const response = new Response('…', { headers: { ETag: '"7"' } });
 * weakenEntityTag(response.headers); // 'W/"7"'
 * response.headers.set('Content-Encoding', 'gzip');
 * ```
 * @see RFC 9110 §8.8.1, §8.8.3
 */
export function weakenEntityTag(headers: Headers): string | null {
  const value = headers.get('etag');
  if (value === null) return null;
  const tag = parseEntityTag(value);
  if (tag === undefined || tag.weak) return value;
  const weak = formatEntityTag({ weak: true, opaque: tag.opaque });
  headers.set('ETag', weak);
  return weak;
}

/**
 * Re-derives a strong entity-tag for an encoded variant of a representation: `"7"` sent as gzip
 * becomes `"7-gzip"`. Use it instead of {@link weakenEntityTag} when the encoding is
 * deterministic and byte ranges of the encoded body must stay valid; the server must then
 * accept both tags in `If-None-Match` (compare the tag of the variant it would send).
 *
 * @param etag - the identity representation's `ETag` field value
 * @param coding - the content-coding, e.g. `gzip` or `br`
 * @returns the variant's tag, or `etag` unchanged when it is not a valid entity-tag, the
 *   coding is not a token or is `identity`
 *
 * @example
 * ```ts
 * encodedEntityTag('"7"', 'gzip'); // '"7-gzip"'
 * ```
 * @see RFC 9110 §8.8.3.3
 */
export function encodedEntityTag(etag: string, coding: string): string {
  const tag = parseEntityTag(etag);
  if (tag === undefined || !isToken(coding) || coding.toLowerCase() === 'identity') return etag;
  return formatEntityTag({ weak: tag.weak, opaque: `${tag.opaque}-${coding.toLowerCase()}` });
}
