// The RateLimit-Policy and RateLimit fields of draft-ietf-httpapi-ratelimit-headers-11: both are
// Structured Field Lists (RFC 9651) of Strings with parameters. `structured-headers` does the
// RFC 9651 grammar; this file maps its items to and from plain objects, checking what the draft
// requires of each parameter. Parsing never throws: the draft says malformed fields MUST be
// ignored (§7), so a list that does not parse yields `[]` and an item that breaks a rule of the
// draft is left out.
import { parseList, serializeList, type BareItem, type Item, type List } from 'structured-headers';

/**
 * A quota policy: one item of `RateLimit-Policy` (draft §3.1).
 *
 * @example
 * ```ts
 * import type { QuotaPolicy } from '@fielding/rate-limit';
 *
 * const daily: QuotaPolicy = { name: 'daily', quota: 10_000, window: 86_400 };
 * ```
 */
export interface QuotaPolicy {
  /** The policy's name, e.g. `'default'`; printable ASCII (an sf-string). */
  readonly name: string;
  /** `q`: the quota, in quota units (a non-negative integer). */
  readonly quota: number;
  /** `w`: the time window, in whole seconds (a positive integer). */
  readonly window?: number;
  /** `qu`: the quota unit: `'requests'` (the default), `'content-bytes'`, `'concurrent-requests'`. */
  readonly quotaUnit?: string;
  /** `pk`: the partition key, as bytes. */
  readonly partitionKey?: Uint8Array;
}

/**
 * A service limit: one item of `RateLimit` (draft §4.1).
 *
 * @example
 * ```ts
 * import type { ServiceLimit } from '@fielding/rate-limit';
 *
 * const now: ServiceLimit = { policy: 'daily', remaining: 9_958, reset: 3_600 };
 * ```
 */
export interface ServiceLimit {
  /** The name of the policy it belongs to. */
  readonly policy: string;
  /** `r`: the quota still available (a non-negative integer). */
  readonly remaining: number;
  /** `t`: seconds within which the client can use no more than `remaining` (the window's end). */
  readonly reset?: number;
  /** `pk`: the partition key, as bytes. */
  readonly partitionKey?: Uint8Array;
}

/**
 * Characters of a field value the parsers read; a longer value is ignored as a whole (no
 * server sends a policy list anywhere near this long).
 *
 * @example
 * ```ts
 * import { MAX_RATELIMIT_FIELD_LENGTH, parseRateLimit } from '@fielding/rate-limit';
 *
 * parseRateLimit(`"a";r=1,${' '.repeat(MAX_RATELIMIT_FIELD_LENGTH)}`); // [] — too long
 * ```
 */
export const MAX_RATELIMIT_FIELD_LENGTH = 4096;

// RFC 9651 §3.3.1: Integers have at most 15 digits.
const MAX_INTEGER = 999_999_999_999_999;
const PRINTABLE = /^[\x20-\x7e]*$/;

function isInteger(value: unknown, min: number): value is number {
  return (
    typeof value === 'number' && Number.isInteger(value) && value >= min && value <= MAX_INTEGER
  );
}

function checkInteger(value: number, min: number, what: string): void {
  if (!isInteger(value, min)) {
    throw new RangeError(`${what} must be an integer from ${min} to ${MAX_INTEGER}, not ${value}.`);
  }
}

function checkName(name: string): void {
  if (!PRINTABLE.test(name)) {
    throw new TypeError(`A policy name must be printable ASCII: ${JSON.stringify(name)}.`);
  }
}

function listOf<T>(value: T | readonly T[]): readonly T[] {
  return Array.isArray(value) ? (value as readonly T[]) : [value as T];
}

/**
 * Formats the `RateLimit-Policy` field: each policy as `"name";q=…;qu=…;w=…;pk=:…:`.
 *
 * @param policies - one policy or several
 * @returns the field value
 * @throws TypeError for a name that is not printable ASCII; RangeError for a quota or window
 *   that is not an integer in range (a window must be at least 1)
 *
 * @example
 * ```ts
 * import { formatRateLimitPolicy } from '@fielding/rate-limit';
 *
 * formatRateLimitPolicy({ name: 'default', quota: 100, window: 60 }); // '"default";q=100;w=60'
 * ```
 * @see https://datatracker.ietf.org/doc/html/draft-ietf-httpapi-ratelimit-headers-11#section-3
 */
export function formatRateLimitPolicy(policies: QuotaPolicy | readonly QuotaPolicy[]): string {
  const items: List = listOf(policies).map((policy): Item => {
    checkName(policy.name);
    checkInteger(policy.quota, 0, 'q (the quota)');
    const parameters = new Map<string, BareItem>([['q', policy.quota]]);
    if (policy.quotaUnit !== undefined) {
      checkName(policy.quotaUnit);
      parameters.set('qu', policy.quotaUnit);
    }
    if (policy.window !== undefined) {
      checkInteger(policy.window, 1, 'w (the window in seconds)');
      parameters.set('w', policy.window);
    }
    if (policy.partitionKey !== undefined)
      parameters.set('pk', new Uint8Array(policy.partitionKey));
    return [policy.name, parameters];
  });
  return serializeList(items);
}

/**
 * Formats the `RateLimit` field: each service limit as `"policy";r=…;t=…;pk=:…:`.
 *
 * @param limits - one service limit or several
 * @returns the field value
 * @throws TypeError for a policy name that is not printable ASCII; RangeError for a remaining
 *   quota or reset that is not a non-negative integer
 *
 * @example
 * ```ts
 * import { formatRateLimit } from '@fielding/rate-limit';
 *
 * formatRateLimit({ policy: 'default', remaining: 42, reset: 17 }); // '"default";r=42;t=17'
 * ```
 * @see https://datatracker.ietf.org/doc/html/draft-ietf-httpapi-ratelimit-headers-11#section-4
 */
export function formatRateLimit(limits: ServiceLimit | readonly ServiceLimit[]): string {
  const items: List = listOf(limits).map((limit): Item => {
    checkName(limit.policy);
    checkInteger(limit.remaining, 0, 'r (the remaining quota)');
    const parameters = new Map<string, BareItem>([['r', limit.remaining]]);
    if (limit.reset !== undefined) {
      checkInteger(limit.reset, 0, 't (the seconds to reset)');
      parameters.set('t', limit.reset);
    }
    if (limit.partitionKey !== undefined) parameters.set('pk', new Uint8Array(limit.partitionKey));
    return [limit.policy, parameters];
  });
  return serializeList(items);
}

/** The items of a field value that parses as an RFC 9651 List; `[]` for anything else. */
function itemsOf(value: string | null | undefined): Array<[string, Map<string, BareItem>]> {
  if (value === null || value === undefined || value.length > MAX_RATELIMIT_FIELD_LENGTH) {
    return [];
  }
  let list: List;
  try {
    list = parseList(value);
  } catch {
    return [];
  }
  const items: Array<[string, Map<string, BareItem>]> = [];
  for (const member of list) {
    // An Inner List's first element is an array; a policy's identifier must be a String.
    if (typeof member[0] === 'string') items.push([member[0], member[1]]);
  }
  return items;
}

function bytesOf(value: BareItem | undefined): Uint8Array | undefined | false {
  if (value === undefined) return undefined;
  return value instanceof ArrayBuffer ? new Uint8Array(value) : false;
}

/**
 * Parses a `RateLimit-Policy` field value. Never throws: a value that is no RFC 9651 List (or
 * longer than {@link MAX_RATELIMIT_FIELD_LENGTH}) gives `[]`, and an item that breaks the
 * draft — not a String, `q` missing or not a non-negative integer, `w` not a positive integer,
 * `qu` not a String, `pk` not a Byte Sequence — is left out. Other parameters are ignored.
 *
 * @param value - the field value (`headers.get('RateLimit-Policy')`)
 * @returns the valid policies, in order
 *
 * @example
 * ```ts
 * import { parseRateLimitPolicy } from '@fielding/rate-limit';
 *
 * parseRateLimitPolicy('"burst";q=100;w=60, "daily";q=1000;w=86400');
 * // [{ name: 'burst', quota: 100, window: 60 }, { name: 'daily', quota: 1000, window: 86400 }]
 * ```
 * @see https://datatracker.ietf.org/doc/html/draft-ietf-httpapi-ratelimit-headers-11#section-3.1
 */
export function parseRateLimitPolicy(value: string | null | undefined): QuotaPolicy[] {
  const policies: QuotaPolicy[] = [];
  for (const [name, parameters] of itemsOf(value)) {
    const quota = parameters.get('q');
    const window = parameters.get('w');
    const unit = parameters.get('qu');
    const partitionKey = bytesOf(parameters.get('pk'));
    if (!isInteger(quota, 0)) continue;
    if (window !== undefined && !isInteger(window, 1)) continue;
    if (unit !== undefined && typeof unit !== 'string') continue;
    if (partitionKey === false) continue;
    policies.push({
      name,
      quota,
      ...(window !== undefined && { window }),
      ...(unit !== undefined && { quotaUnit: unit }),
      ...(partitionKey !== undefined && { partitionKey }),
    });
  }
  return policies;
}

/**
 * Parses a `RateLimit` field value. Never throws: a value that is no RFC 9651 List (or longer
 * than {@link MAX_RATELIMIT_FIELD_LENGTH}) gives `[]`, and an item that breaks the draft — not
 * a String, `r` missing or not a non-negative integer, `t` not a non-negative integer, `pk` not
 * a Byte Sequence — is left out. Other parameters are ignored.
 *
 * @param value - the field value (`headers.get('RateLimit')`)
 * @returns the valid service limits, in order
 *
 * @example
 * ```ts
 * import { parseRateLimit } from '@fielding/rate-limit';
 *
 * parseRateLimit('"default";r=42;t=17'); // [{ policy: 'default', remaining: 42, reset: 17 }]
 * ```
 * @see https://datatracker.ietf.org/doc/html/draft-ietf-httpapi-ratelimit-headers-11#section-4.1
 */
export function parseRateLimit(value: string | null | undefined): ServiceLimit[] {
  const limits: ServiceLimit[] = [];
  for (const [policy, parameters] of itemsOf(value)) {
    const remaining = parameters.get('r');
    const reset = parameters.get('t');
    const partitionKey = bytesOf(parameters.get('pk'));
    if (!isInteger(remaining, 0)) continue;
    if (reset !== undefined && !isInteger(reset, 0)) continue;
    if (partitionKey === false) continue;
    limits.push({
      policy,
      remaining,
      ...(reset !== undefined && { reset }),
      ...(partitionKey !== undefined && { partitionKey }),
    });
  }
  return limits;
}
