// RFC 7240 `Prefer`: the list and parameter grammar is the shared one (parseParameterizedList),
// so this file only splits each member's `token [ BWS "=" BWS word ]` head into a name and a
// value. Every package that honours a preference (resource's `return`, jobs' `respond-async`
// and `wait`) reads it through this one parser.
import { parseParameterizedList } from './parameters.js';
import { isToken, parseQuotedString } from './quoted-string.js';

/**
 * One preference of a `Prefer` field, such as `wait=10` or `handling=lenient`.
 *
 * @example
 * ```ts
 * import { parsePreferences, type Preference } from '@fielding/core';
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
 * import { parsePreferences } from '@fielding/core';
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
