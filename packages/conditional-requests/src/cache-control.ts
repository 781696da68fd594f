import { MAX_LIST_MEMBERS, isToken, parseList, parseQuotedString } from '@fielding/core';

/** The Cache-Control directives of RFC 9111 that APIs use, as one object. */
export interface CacheControl {
  /** `max-age`: seconds the response stays fresh. */
  maxAge?: number;
  /** `s-maxage`: `max-age` for shared caches only. */
  sMaxage?: number;
  /** `no-cache`: revalidate before every reuse; a list names only the fields concerned. */
  noCache?: boolean | readonly string[];
  /** `no-store`: never store the request or response. */
  noStore?: boolean;
  /** `private`: only a private cache may store it; a list names only the fields concerned. */
  private?: boolean | readonly string[];
  /** `public`: any cache may store it, even when it would not otherwise. */
  public?: boolean;
  /** `must-revalidate`: once stale, never reuse without revalidating. */
  mustRevalidate?: boolean;
  /** `proxy-revalidate`: `must-revalidate` for shared caches only. */
  proxyRevalidate?: boolean;
  /** `no-transform`: intermediaries must not transform the content. */
  noTransform?: boolean;
  /** `immutable`: the content will not change while fresh (RFC 8246). */
  immutable?: boolean;
  /** `stale-while-revalidate`: seconds a stale response may be served while revalidating (RFC 5861). */
  staleWhileRevalidate?: number;
  /** `stale-if-error`: seconds a stale response may be served on an error (RFC 5861). */
  staleIfError?: number;
}

type NumberKey = 'maxAge' | 'sMaxage' | 'staleWhileRevalidate' | 'staleIfError';
type FlagKey =
  | 'noStore'
  | 'public'
  | 'mustRevalidate'
  | 'proxyRevalidate'
  | 'noTransform'
  | 'immutable';
type ListKey = 'noCache' | 'private';

// Maps, not object literals: directive names come from the client (`Cache-Control: constructor`).
const NUMBERS: ReadonlyMap<string, NumberKey> = new Map([
  ['max-age', 'maxAge'],
  ['s-maxage', 'sMaxage'],
  ['stale-while-revalidate', 'staleWhileRevalidate'],
  ['stale-if-error', 'staleIfError'],
]);
const FLAGS: ReadonlyMap<string, FlagKey> = new Map([
  ['no-store', 'noStore'],
  ['public', 'public'],
  ['must-revalidate', 'mustRevalidate'],
  ['proxy-revalidate', 'proxyRevalidate'],
  ['no-transform', 'noTransform'],
  ['immutable', 'immutable'],
]);
const LISTS: ReadonlyMap<string, ListKey> = new Map([
  ['no-cache', 'noCache'],
  ['private', 'private'],
]);

/** RFC 9111 §1.2.2: a delta-seconds too large to hold is taken as 2^31. */
const MAX_DELTA_SECONDS = 2_147_483_648;

const deltaSeconds = (value: string): number | undefined => {
  if (value === '' || value.length > 20) return value === '' ? undefined : MAX_DELTA_SECONDS;
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (code < 0x30 || code > 0x39) return undefined;
  }
  return Math.min(Number(value), MAX_DELTA_SECONDS);
};

// The field names of `no-cache="…"` / `private="…"`; empty ones dropped, at most
// MAX_LIST_MEMBERS kept, so one quoted string of commas cannot build a huge array.
const fieldNames = (argument: string): string[] => {
  const names: string[] = [];
  let start = 0;
  while (start <= argument.length && names.length < MAX_LIST_MEMBERS) {
    let comma = argument.indexOf(',', start);
    if (comma < 0) comma = argument.length;
    const name = argument.slice(start, comma).trim();
    if (name !== '') names.push(name);
    start = comma + 1;
  }
  return names;
};

/**
 * Parses a `Cache-Control` field into the directives {@link CacheControl} knows. Names are
 * case-insensitive; unknown directives and invalid values are ignored; for a repeated
 * directive the first occurrence wins (RFC 9111 §4.2.1). Never throws; reads at most the first
 * 1000 members (`parseList`'s cap) and keeps at most 1000 field names per list; a delta-seconds
 * past 2^31 is taken as 2^31 (§1.2.2).
 *
 * @param value - the field value
 * @returns the directives present
 *
 * @example
 * ```ts
 * parseCacheControl('public, max-age=60, stale-while-revalidate=30');
 * // { public: true, maxAge: 60, staleWhileRevalidate: 30 }
 * ```
 * @see RFC 9111 §5.2
 */
export function parseCacheControl(value: string | null | undefined): CacheControl {
  const result: Record<string, unknown> = {};
  for (const member of parseList(value)) {
    const equals = member.indexOf('=');
    const name = (equals < 0 ? member : member.slice(0, equals)).trim().toLowerCase();
    const raw = equals < 0 ? undefined : member.slice(equals + 1).trim();
    const argument = raw?.startsWith('"') ? parseQuotedString(raw) : raw;
    const numberKey = NUMBERS.get(name);
    const flagKey = FLAGS.get(name);
    const listKey = LISTS.get(name);
    if (numberKey !== undefined) {
      const seconds = argument === undefined ? undefined : deltaSeconds(argument);
      if (seconds !== undefined && !(numberKey in result)) result[numberKey] = seconds;
    } else if (flagKey !== undefined) {
      result[flagKey] = true;
    } else if (listKey !== undefined && !(listKey in result)) {
      result[listKey] = argument === undefined ? true : fieldNames(argument);
    }
  }
  return result as CacheControl;
}

const seconds = (name: string, value: number): string => {
  if (!Number.isInteger(value) || value < 0) {
    throw new RangeError(`Cache-Control ${name} must be a whole number of seconds, not ${value}`);
  }
  return `${name}=${value}`;
};

// §5.2.2.4, §5.2.2.7: field names go in the quoted form, even a single one.
const listDirective = (name: string, value: boolean | readonly string[] | undefined): string[] => {
  if (value === true) return [name];
  if (!Array.isArray(value) || value.length === 0) return [];
  for (const field of value) {
    if (!isToken(field)) throw new RangeError(`Cache-Control ${name}: not a field name: ${field}`);
  }
  return [`${name}="${value.join(', ')}"`];
};

/**
 * Builds a `Cache-Control` field value from directives, in a fixed order.
 *
 * @param directives - the directives to send; `false` and absent ones are left out
 * @returns the field value, e.g. `public, max-age=60`; empty when nothing is set
 * @throws RangeError when a number of seconds is negative or not whole, or a field name is not a
 *   token
 *
 * @example
 * ```ts
 * formatCacheControl({ public: true, maxAge: 60, immutable: true }); // 'public, max-age=60, immutable'
 * formatCacheControl({ private: true, noCache: true }); // 'no-cache, private'
 * ```
 * @see RFC 9111 §5.2.2
 */
export function formatCacheControl(directives: CacheControl): string {
  const parts: string[] = [
    ...listDirective('no-cache', directives.noCache),
    ...(directives.noStore ? ['no-store'] : []),
    ...listDirective('private', directives.private),
    ...(directives.public ? ['public'] : []),
  ];
  if (directives.maxAge !== undefined) parts.push(seconds('max-age', directives.maxAge));
  if (directives.sMaxage !== undefined) parts.push(seconds('s-maxage', directives.sMaxage));
  if (directives.mustRevalidate) parts.push('must-revalidate');
  if (directives.proxyRevalidate) parts.push('proxy-revalidate');
  if (directives.noTransform) parts.push('no-transform');
  if (directives.immutable) parts.push('immutable');
  if (directives.staleWhileRevalidate !== undefined) {
    parts.push(seconds('stale-while-revalidate', directives.staleWhileRevalidate));
  }
  if (directives.staleIfError !== undefined) {
    parts.push(seconds('stale-if-error', directives.staleIfError));
  }
  return parts.join(', ');
}
