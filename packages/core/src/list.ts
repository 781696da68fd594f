import { BACKSLASH, COMMA, DQUOTE, trimOws } from './_chars.js';
import { MAX_LIST_MEMBERS } from './limits.js';

/**
 * Splits a comma-separated field value (`#element`) into its members. Commas inside
 * quoted-strings do not split, surrounding whitespace is trimmed, empty members are dropped, and
 * at most {@link MAX_LIST_MEMBERS} members are kept. Never throws; one pass over the input.
 *
 * > A recipient MUST parse and ignore a reasonable number of empty list elements.
 *
 * @param value - a field value, e.g. `request.headers.get('Cache-Control')`; `null`/`undefined`
 *   (an absent field) give `[]`
 * @returns the members as they appear in the value (quotes kept)
 *
 * @example
 * ```ts
 * import { parseList } from '@fielding/core';
 *
 * parseList('gzip, , br;q=0.5, "a,b"'); // ['gzip', 'br;q=0.5', '"a,b"']
 * ```
 *
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-5.6.1
 */
export function parseList(value: string | null | undefined): string[] {
  const members: string[] = [];
  if (typeof value !== 'string') return members;
  const length = value.length;
  let start = 0;
  if (value.indexOf('"') === -1) {
    // No quoted-strings (the usual case): let the engine's native search find the commas.
    while (start <= length) {
      let comma = value.indexOf(',', start);
      if (comma === -1) comma = length;
      const member = trimOws(value, start, comma);
      if (member !== '') {
        members.push(member);
        if (members.length === MAX_LIST_MEMBERS) return members;
      }
      start = comma + 1;
    }
    return members;
  }
  let inQuotes = false;
  let index = 0;
  while (index < length) {
    const code = value.charCodeAt(index);
    if (inQuotes) {
      // A quoted-pair: the escaped character can be neither the closing quote nor a separator.
      if (code === BACKSLASH) index++;
      else if (code === DQUOTE) inQuotes = false;
    } else if (code === DQUOTE) {
      inQuotes = true;
    } else if (code === COMMA) {
      const member = trimOws(value, start, index);
      if (member !== '') {
        members.push(member);
        if (members.length === MAX_LIST_MEMBERS) return members;
      }
      start = index + 1;
    }
    index++;
  }
  const last = trimOws(value, start, length);
  if (last !== '') members.push(last);
  return members;
}
