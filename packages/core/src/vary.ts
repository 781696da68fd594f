import { parseList } from './list.js';
import { isToken } from './quoted-string.js';

/**
 * Merges field names into a `Vary` value. Names are compared case-insensitively and keep the
 * spelling they were first seen with; `*` (the response varies on more than headers) absorbs
 * everything else. Each argument may itself be a list (`'Accept, Origin'`); members that are not
 * field names are dropped. Never throws.
 *
 * > A Vary field value of "*" signals that anything about the request might play a role in
 * > selecting the response representation.
 *
 * @param existing - the current `Vary` value, or `null`/`undefined` when there is none
 * @param fields - the field names to add
 * @returns the merged value: `*`, names joined by `, `, or `''` when there are none
 *
 * @example
 * ```ts
 * import { mergeVary } from '@fielding/core';
 *
 * mergeVary('Accept', 'accept', 'Accept-Encoding'); // 'Accept, Accept-Encoding'
 * mergeVary('Accept', '*'); // '*'
 * ```
 *
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-12.5.5
 */
export function mergeVary(existing: string | null | undefined, ...fields: string[]): string {
  const seen = new Set<string>();
  const names: string[] = [];
  for (const value of [existing, ...fields]) {
    for (const name of parseList(value)) {
      if (name === '*') return '*';
      const key = name.toLowerCase();
      if (!isToken(name) || seen.has(key)) continue;
      seen.add(key);
      names.push(name);
    }
  }
  return names.join(', ');
}

/**
 * Adds field names to the `Vary` header of a `Headers` object in place, merging with what is
 * there (see {@link mergeVary}) — never overwriting it. Leaves the headers untouched when there
 * is nothing to set.
 *
 * @param headers - mutable headers, e.g. `response.headers` of a response you built
 * @param fields - the field names the representation was selected by
 * @returns nothing; `headers` is changed
 *
 * @example
 * ```ts
 * import { appendVary } from '@fielding/core';
 *
 * const response = Response.json({ ok: true }, { headers: { Vary: 'Origin' } });
 * appendVary(response.headers, 'Accept');
 * response.headers.get('Vary'); // 'Origin, Accept'
 * ```
 *
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-12.5.5
 */
export function appendVary(headers: Headers, ...fields: string[]): void {
  const current = headers.get('Vary');
  const merged = mergeVary(current, ...fields);
  if (merged !== '' && merged !== current) headers.set('Vary', merged);
}
