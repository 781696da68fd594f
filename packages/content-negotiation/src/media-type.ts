import { isToken, parseParameterizedList } from '@fielding/core';

/** A parsed media type such as `application/merge-patch+json; charset=utf-8`. */
export interface MediaType {
  /** The top-level type, lower-cased (`application`). */
  type: string;
  /** The subtype including any suffix, lower-cased (`merge-patch+json`). */
  subtype: string;
  /** The structured-syntax suffix without `+` (`json`), or `undefined` (RFC 6838 §4.2.8). */
  suffix: string | undefined;
  /** `type/subtype` without parameters, lower-cased: what media types compare on. */
  essence: string;
  /** Parameters, names lower-cased, values unquoted (null-prototype object). */
  parameters: Record<string, string>;
}

/**
 * Parses one media type (a `Content-Type` value or an entry of a server's list). Never
 * throws; returns `undefined` for anything that is not `type/subtype` with token characters.
 *
 * @param value - the media type text
 * @returns the parsed media type, or `undefined`
 *
 * @example
 * ```ts
 * import { parseMediaType } from '@fielding/content-negotiation';
 *
 * parseMediaType('application/merge-patch+json; charset=UTF-8')?.suffix; // 'json'
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-8.3.1
 */
export function parseMediaType(value: string | null | undefined): MediaType | undefined {
  const [first] = parseParameterizedList(value);
  if (first === undefined) return undefined;
  const essence = first.value.toLowerCase();
  const slash = essence.indexOf('/');
  const type = essence.slice(0, slash);
  const subtype = essence.slice(slash + 1);
  if (slash === -1 || !isToken(type) || !isToken(subtype)) return undefined;
  const plus = subtype.lastIndexOf('+');
  return {
    type,
    subtype,
    suffix: plus > 0 && plus < subtype.length - 1 ? subtype.slice(plus + 1) : undefined,
    essence,
    parameters: first.parameters,
  };
}

/**
 * Tells whether a media type falls under a pattern. Patterns are a media type
 * (`application/json`), a wildcard (`text/*`, `*\/*`) or a suffix pattern (`*\/*+json`, or
 * `+json` for short, which also covers the suffix's base type `application/json`). Parameters
 * in the pattern must be present with equal values (compared case-insensitively); other
 * parameters of the media type are ignored.
 *
 * @param mediaType - the media type to test, e.g. a request's `Content-Type`
 * @param pattern - what is allowed
 * @returns true when the media type is covered by the pattern
 *
 * @example
 * ```ts
 * import { matchesMediaType } from '@fielding/content-negotiation';
 *
 * matchesMediaType('application/merge-patch+json; charset=utf-8', '+json'); // true
 * matchesMediaType('text/csv', 'application/json'); // false
 * ```
 */
export function matchesMediaType(mediaType: string | MediaType, pattern: string): boolean {
  const actual = typeof mediaType === 'string' ? parseMediaType(mediaType) : mediaType;
  if (actual === undefined) return false;
  const suffixPattern = pattern.startsWith('+') ? `*/*${pattern}` : pattern;
  const wanted = parseMediaType(suffixPattern);
  if (wanted === undefined) return false;
  if (!matchesEssence(actual, wanted)) return false;
  for (const name in wanted.parameters) {
    // Own parameters only: a MediaType built by hand has an ordinary object, whose
    // `constructor` or `__proto__` must not count as a parameter.
    const value = Object.hasOwn(actual.parameters, name) ? actual.parameters[name] : undefined;
    if (value === undefined || value.toLowerCase() !== wanted.parameters[name]?.toLowerCase()) {
      return false;
    }
  }
  return true;
}

function matchesEssence(actual: MediaType, wanted: MediaType): boolean {
  if (wanted.type === '*' && wanted.subtype === '*') return true;
  if (wanted.type === '*' && wanted.subtype.startsWith('*+')) {
    const suffix = wanted.subtype.slice(2);
    return actual.suffix === suffix || (actual.type === 'application' && actual.subtype === suffix);
  }
  if (wanted.type !== actual.type) return false;
  return wanted.subtype === '*' || wanted.subtype === actual.subtype;
}
