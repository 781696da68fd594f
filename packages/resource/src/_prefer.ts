// BELONGS IN @fielding/core (next to the other RFC 9110 field parsers): the RFC 7240 `Prefer`
// field. Kept private here, behind this one module, until core has it.
import { isToken, parseParameterizedList, parseQuotedString } from '@fielding/core';

/** The `return` preference of RFC 7240 §4.2, when the request states one. */
export type ReturnPreference = 'minimal' | 'representation' | undefined;

/**
 * Reads the `return` preference from `Prefer` fields. RFC 7240 §2: names are case-insensitive,
 * and a preference given twice counts once, the first time. Values other than `minimal` and
 * `representation` are ignored, as is everything malformed; never throws.
 */
export function returnPreference(request: Request): ReturnPreference {
  const field = request.headers.get('prefer');
  if (field === null) return undefined;
  for (const member of parseParameterizedList(field)) {
    // `return=minimal` is the member's value as the list parser splits it: name "=" word.
    const equals = member.value.indexOf('=');
    const name = (equals === -1 ? member.value : member.value.slice(0, equals)).trim();
    if (!isToken(name) || name.toLowerCase() !== 'return') continue;
    if (equals === -1) return undefined;
    const value = parseQuotedString(member.value.slice(equals + 1).trim());
    return value === 'minimal' || value === 'representation' ? value : undefined;
  }
  return undefined;
}
