import { parseWeightedList } from '@fielding/core';

/** Language ranges longer than this are ignored (RFC 5646 §4.4.1 tags are far shorter). */
export const MAX_LANGUAGE_RANGE_LENGTH = 255;

/** A language tag found by lookup, with the range that reached it. */
export interface LookupMatch {
  tag: string;
  q: number;
  range: string;
}

/** The result of RFC 4647 lookup over every range of an `Accept-Language` value. */
export interface LookupResult {
  /** Available tags reached by some range, best range first, without duplicates. */
  matches: LookupMatch[];
  /** Lower-cased tags a `q=0` range names exactly. */
  excluded: Map<string, string>;
}

/**
 * RFC 4647 §3.4 lookup: ranges by descending q (header order breaks ties); each range is
 * truncated from the end (`zh-Hant-CN` → `zh-Hant` → `zh`, dropping a trailing singleton) until
 * it equals an available tag, compared case-insensitively. `*` is ignored, as §3.4 says.
 */
export function lookupLanguages(header: string | null, available: readonly string[]): LookupResult {
  const byLowerCase = new Map<string, string>();
  for (const tag of available) {
    const lower = tag.toLowerCase();
    if (!byLowerCase.has(lower)) byLowerCase.set(lower, tag);
  }
  const ranges = parseWeightedList(header).filter(
    (range) => range.value.length <= MAX_LANGUAGE_RANGE_LENGTH && range.value !== '*',
  );
  const excluded = new Map<string, string>();
  for (const range of ranges) {
    if (range.weight === 0) excluded.set(range.value.toLowerCase(), range.value);
  }
  ranges.sort((a, b) => b.weight - a.weight || a.index - b.index);
  const matches: LookupMatch[] = [];
  const seen = new Set<string>();
  for (const range of ranges) {
    if (range.weight === 0) break;
    let candidate = range.value.toLowerCase();
    for (;;) {
      const tag = byLowerCase.get(candidate);
      if (tag !== undefined && !excluded.has(candidate) && !seen.has(candidate)) {
        seen.add(candidate);
        matches.push({ tag, q: range.weight, range: range.value });
        // Lookup wants one answer per range; a shorter fallback of the same range is worse
        // than the next range's exact match, so stop here.
        break;
      }
      let hyphen = candidate.lastIndexOf('-');
      if (hyphen === -1) break;
      // §3.4: "If the character immediately preceding is a singleton, remove it as well".
      if (hyphen >= 2 && candidate.charCodeAt(hyphen - 2) === 0x2d) hyphen -= 2;
      candidate = candidate.slice(0, hyphen);
    }
  }
  return { matches, excluded };
}
