// The `return` preference of RFC 7240 §4.2, read with core's one `Prefer` parser.
import { parsePreferences } from '@fielding/core';

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
  const value = parsePreferences(field).get('return')?.value;
  return value === 'minimal' || value === 'representation' ? value : undefined;
}
