import { parseEntityTag, requestInstance } from '@fielding/core';
import { problem } from '@fielding/problem-errors';
import { toBytes } from './_hash.js';
import { evaluateIfRange } from './_if-range.js';
import { parseHttpDate, toHttpDatePrecision } from './http-date.js';

/** One satisfiable byte range, both ends inclusive, within the representation. */
export interface ByteRange {
  /** Offset of the first byte. */
  start: number;
  /** Offset of the last byte (inclusive). */
  end: number;
}

/** Most ranges {@link parseRange} accepts in one `Range`; more and the field is ignored. */
export const MAX_RANGES = 100;

// More digits than this cannot be an offset into anything we hold; such a first-pos is beyond
// the end, such a last-pos is the end.
const MAX_DIGITS = 15;

const isDigits = (value: string): boolean => {
  if (value === '') return false;
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (code < 0x30 || code > 0x39) return false;
  }
  return true;
};

const toOffset = (value: string): number =>
  value.length > MAX_DIGITS ? Number.POSITIVE_INFINITY : Number(value);

/**
 * Parses a `Range` field for a representation of `size` bytes. Never throws; linear time.
 *
 * @param value - the `Range` field value, e.g. `bytes=0-499`
 * @param size - the length of the selected representation in bytes
 * @returns the satisfiable ranges, clipped to the representation, in request order;
 *   `'unsatisfiable'` when none is (answer 416); `undefined` when the field is absent, not in
 *   bytes, malformed, or has more than {@link MAX_RANGES} ranges (ignore it, answer 200)
 *
 * @example
 * ```ts
 * parseRange('bytes=0-499', 10_000); // [{ start: 0, end: 499 }]
 * parseRange('bytes=-500', 10_000); // [{ start: 9500, end: 9999 }]
 * parseRange('bytes=20000-', 10_000); // 'unsatisfiable'
 * ```
 * @see RFC 9110 §14.1.2, §14.2
 */
export function parseRange(
  value: string | null | undefined,
  size: number,
): ByteRange[] | 'unsatisfiable' | undefined {
  if (typeof value !== 'string') return undefined;
  const equals = value.indexOf('=');
  if (equals < 0 || value.slice(0, equals).trim().toLowerCase() !== 'bytes') return undefined;
  const specs = value.slice(equals + 1).split(',', MAX_RANGES + 1);
  if (specs.length > MAX_RANGES) return undefined;
  const ranges: ByteRange[] = [];
  let members = 0;
  let emptySuffix = false;
  for (const raw of specs) {
    const spec = raw.trim();
    // §5.6.1: empty list elements are allowed and ignored.
    if (spec === '') continue;
    members += 1;
    const dash = spec.indexOf('-');
    if (dash < 0) return undefined;
    const first = spec.slice(0, dash);
    const last = spec.slice(dash + 1);
    if (first === '') {
      // suffix-range: the last N bytes; zero bytes is unsatisfiable.
      if (!isDigits(last)) return undefined;
      const length = toOffset(last);
      if (length > 0 && size > 0) ranges.push({ start: Math.max(0, size - length), end: size - 1 });
      // §14.1.3: on an empty representation a suffix range is satisfiable, yet covers no byte
      // a 206 could name; the whole (empty) 200 is the answer.
      emptySuffix ||= length > 0 && size === 0;
      continue;
    }
    if (!isDigits(first) || (last !== '' && !isDigits(last))) return undefined;
    const start = toOffset(first);
    const end = last === '' ? Number.POSITIVE_INFINITY : toOffset(last);
    if (end < start) return undefined;
    if (start < size) ranges.push({ start, end: Math.min(end, size - 1) });
  }
  if (members === 0 || emptySuffix) return undefined;
  return ranges.length === 0 ? 'unsatisfiable' : ranges;
}

// Overlapping or adjacent ranges are one range (§14.2 lets a server coalesce them).
const coalesce = (ranges: readonly ByteRange[]): ByteRange[] => {
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  const merged: ByteRange[] = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && range.start <= last.end + 1) last.end = Math.max(last.end, range.end);
    else merged.push({ ...range });
  }
  return merged;
};

/**
 * Answers a GET with a known-length body, honouring `Range` and `If-Range`: 206 Partial Content
 * with `Content-Range` for one range (overlapping ranges are merged first), 416 (problem+json
 * with the request path as `instance`, and a `Content-Range` giving the length) when nothing is
 * satisfiable, and the full 200 otherwise — also for
 * several disjoint ranges (multipart/byteranges is not produced) and when `If-Range` does not
 * match the `ETag` / `Last-Modified` in `init.headers`. Always sends `Accept-Ranges: bytes`.
 *
 * @param request - the incoming request
 * @param body - the whole representation
 * @param init - status (default 200) and headers of the full response, validators included
 * @returns the 200, 206 or 416 response
 *
 * @example
 * ```ts
 * const file = new Blob(['0123456789']);
 * rangeResponse(new Request('https://x.test/', { headers: { Range: 'bytes=2-4' } }), file);
 * // 206, Content-Range: bytes 2-4/10, body "234"
 * ```
 * @see RFC 9110 §14.2, §14.4, §15.3.7, §15.5.17
 */
export function rangeResponse(
  request: Request,
  body: Blob | Uint8Array | ArrayBuffer | string,
  init: ResponseInit = {},
): Response {
  const bytes = body instanceof Blob ? body : toBytes(body);
  const size = bytes instanceof Blob ? bytes.size : bytes.byteLength;
  const headers = new Headers(init.headers);
  headers.set('Accept-Ranges', 'bytes');
  const full = (): Response => new Response(bytes, { ...init, headers });
  const status = init.status ?? 200;
  const range = request.method === 'GET' && status === 200 ? request.headers.get('range') : null;
  if (range === null) return full();
  const ifRange = request.headers.get('if-range');
  if (ifRange !== null) {
    const now = Date.now();
    const etag = headers.get('etag');
    const modified = parseHttpDate(headers.get('last-modified'), now);
    const current = etag === null ? undefined : parseEntityTag(etag);
    const time = modified === undefined ? undefined : toHttpDatePrecision(modified);
    if (!evaluateIfRange(ifRange, current, time, now)) return full();
  }
  const ranges = parseRange(range, size);
  if (ranges === undefined) return full();
  if (ranges === 'unsatisfiable') {
    const instance = requestInstance(request);
    return problem({
      status: 416,
      detail: `No range in ${JSON.stringify(range)} lies within the ${size} bytes of the representation.`,
      ...(instance !== undefined && { instance }),
      headers: { 'Accept-Ranges': 'bytes', 'Content-Range': `bytes */${size}` },
    });
  }
  const merged = coalesce(ranges);
  const only = merged[0];
  if (merged.length !== 1 || only === undefined) return full();
  const { start, end } = only;
  headers.set('Content-Range', `bytes ${start}-${end}/${size}`);
  headers.set('Content-Length', String(end - start + 1));
  return new Response(bytes.slice(start, end + 1), { ...init, status: 206, headers });
}
