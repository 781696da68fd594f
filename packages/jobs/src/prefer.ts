// RFC 7240 `Prefer`: the list and parameter grammar is core's (parseParameterizedList), so this
// file only splits each member's `token [ BWS "=" BWS word ]` head into a name and a value.
import { isToken, parseParameterizedList, parseQuotedString } from '@fielding/core';

/**
 * One preference of a `Prefer` field, such as `wait=10` or `handling=lenient`.
 *
 * @example
 * ```ts
 * import { parsePreferences, type Preference } from '@fielding/jobs';
 *
 * const handling: Preference | undefined = parsePreferences('handling=lenient').get('handling');
 * handling?.value; // 'lenient'
 * ```
 */
export interface Preference {
  /** Its value, unquoted; `''` when the preference has none (`respond-async`). */
  value: string;
  /** Its `;name=value` parameters: names lower-cased, values unquoted. */
  parameters: Record<string, string>;
}

/**
 * Parses `Prefer` (RFC 7240 §2) into a map from preference name (lower-cased) to its value and
 * parameters. Of a repeated preference the first wins (§2: "only the first instance is to be
 * considered"). Malformed members are skipped and the result is bounded as core's list parser
 * bounds it; never throws, since a server ignores preferences it cannot read.
 *
 * @param value - the field value (several `Prefer` fields joined with `, `); `null` gives an empty map
 * @returns the preferences in header order
 *
 * @example
 * ```ts
 * import { parsePreferences } from '@fielding/jobs';
 *
 * const preferences = parsePreferences('respond-async, wait=10');
 * preferences.has('respond-async'); // true
 * preferences.get('wait')?.value; // '10'
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc7240#section-2
 */
export function parsePreferences(value: string | null | undefined): Map<string, Preference> {
  const preferences = new Map<string, Preference>();
  for (const member of parseParameterizedList(value)) {
    const equals = member.value.indexOf('=');
    const name = (equals === -1 ? member.value : member.value.slice(0, equals))
      .trim()
      .toLowerCase();
    if (!isToken(name) || preferences.has(name)) continue;
    let text = '';
    if (equals !== -1) {
      const unquoted = parseQuotedString(member.value.slice(equals + 1).trim());
      if (unquoted === undefined) continue;
      text = unquoted;
    }
    preferences.set(name, { value: text, parameters: member.parameters });
  }
  return preferences;
}

/**
 * What a request asks of an asynchronous operation, read by {@link asyncPreferences}.
 *
 * @example
 * ```ts
 * import { asyncPreferences, type AsyncPreferences } from '@fielding/jobs';
 *
 * const asked: AsyncPreferences = asyncPreferences(new Headers({ Prefer: 'wait=3' }));
 * asked.wait; // 3
 * ```
 */
export interface AsyncPreferences {
  /** `Prefer: respond-async`: the client would rather get a `202 Accepted` than wait. */
  respondAsync: boolean;
  /**
   * `Prefer: wait=N`: how many seconds the client is willing to wait for the result, as sent
   * (not yet bounded by the server); `undefined` when absent or not a delta-seconds.
   */
  wait: number | undefined;
}

const DELTA_SECONDS = /^\d+$/;

/**
 * The `respond-async` and `wait` preferences of a request (RFC 7240 §4.1, §4.3). A `wait` that
 * is not a non-negative integer is ignored, as is any other preference.
 *
 * @param request - the request, or its headers
 * @returns whether async was asked for, and the wait in seconds
 *
 * @example
 * ```ts
 * import { asyncPreferences } from '@fielding/jobs';
 *
 * const request = new Request('https://api.test/exports', {
 *   method: 'POST',
 *   headers: { Prefer: 'respond-async, wait=5' },
 * });
 * asyncPreferences(request); // { respondAsync: true, wait: 5 }
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc7240#section-4.3
 */
export function asyncPreferences(request: Request | Headers): AsyncPreferences {
  const headers = request instanceof Headers ? request : request.headers;
  const preferences = parsePreferences(headers.get('Prefer'));
  const wait = preferences.get('wait')?.value;
  return {
    respondAsync: preferences.has('respond-async'),
    // A huge number of digits becomes a huge number (or Infinity); the server bounds it.
    wait: wait !== undefined && DELTA_SECONDS.test(wait) ? Number(wait) : undefined,
  };
}
