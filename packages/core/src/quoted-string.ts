import { BACKSLASH, DQUOTE, isQdtext, isQuotedPairText, isTchar, trimOws } from './_chars.js';

/**
 * Tells whether a string is an RFC 9110 `token` (one or more `tchar`): the characters allowed
 * unquoted in method names, field names and parameter names and values.
 *
 * @param value - the candidate
 * @returns `true` for a non-empty token
 *
 * @example
 * ```ts
 * import { isToken } from '@fielding/core';
 *
 * isToken('gzip'); // true
 * isToken('a b'); // false
 * ```
 *
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-5.6.2
 */
export function isToken(value: string): boolean {
  if (typeof value !== 'string' || value.length === 0) return false;
  for (let index = 0; index < value.length; index++) {
    if (!isTchar(value.charCodeAt(index))) return false;
  }
  return true;
}

/**
 * Reads a parameter value — a `quoted-string` (unescaping each `quoted-pair`) or a bare `token`
 * (returned as is, so this reverses {@link quoteString}). Whitespace around it is ignored.
 * Never throws.
 *
 * @param value - e.g. `"a\"b"` or `utf-8`
 * @returns the text, or `undefined` when `value` is neither a quoted-string nor a token
 *
 * @example
 * ```ts
 * import { parseQuotedString } from '@fielding/core';
 *
 * parseQuotedString('"a\\"b"'); // 'a"b'
 * parseQuotedString('"open'); // undefined
 * ```
 *
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-5.6.4
 */
export function parseQuotedString(value: string): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = trimOws(value);
  if (text.charCodeAt(0) !== DQUOTE) return isToken(text) ? text : undefined;
  let result = '';
  let chunkStart = 1;
  const last = text.length - 1;
  for (let index = 1; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === DQUOTE) {
      return index === last ? result + text.slice(chunkStart, index) : undefined;
    }
    if (code === BACKSLASH) {
      const next = text.charCodeAt(index + 1); // NaN past the end: not quoted-pair text
      if (!isQuotedPairText(next)) return undefined;
      result += text.slice(chunkStart, index);
      chunkStart = index + 1; // keep the escaped character, drop the backslash
      index++;
    } else if (!isQdtext(code)) {
      return undefined;
    }
  }
  return undefined; // no closing quote
}

/**
 * Serialises text as a parameter value: a non-empty token stays as it is, anything else becomes
 * a `quoted-string` with `"` and `\` escaped.
 *
 * @param value - the text; every character must be HTAB, SP, visible ASCII or U+0080–U+00FF
 * @returns the token or the quoted-string
 * @throws TypeError when `value` holds a character a quoted-string cannot carry (a control
 *   character or one above U+00FF) — such text needs RFC 8187 encoding instead
 *
 * @example
 * ```ts
 * import { quoteString } from '@fielding/core';
 *
 * quoteString('utf-8'); // 'utf-8'
 * quoteString('say "hi"'); // '"say \\"hi\\""'
 * ```
 *
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-5.6.4
 */
export function quoteString(value: string): string {
  if (isToken(value)) return value;
  let result = '"';
  let chunkStart = 0;
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (code === DQUOTE || code === BACKSLASH) {
      result += `${value.slice(chunkStart, index)}\\`;
      chunkStart = index;
    } else if (!isQdtext(code)) {
      throw new TypeError(
        `quoteString: character U+${code.toString(16).toUpperCase().padStart(4, '0')} at index ${index} cannot appear in a quoted-string`,
      );
    }
  }
  return `${result}${value.slice(chunkStart)}"`;
}
