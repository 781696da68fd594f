import { parseParameterizedList, parseWeightedList, type WeightedValue } from '@fielding/core';
import { lookupLanguages } from './_lookup.js';
import type { Explainer } from './_lazy-decision.js';

// The explanation follows negotiator's precedence, so it agrees with the ranking: for each
// variant the most specific matching range decides its weight; ties go to the higher q.

interface Weight {
  q: number;
  range: string | undefined;
}

const IMPLICIT: Weight = { q: 1, range: undefined };
const NONE: Weight = { q: 0, range: undefined };

function best(
  ranges: readonly WeightedValue[],
  specificity: (range: WeightedValue) => number,
): Weight {
  let bestSpecificity = -1;
  let bestWeight = NONE;
  for (const range of ranges) {
    const s = specificity(range);
    if (s < 0) continue;
    if (s > bestSpecificity || (s === bestSpecificity && range.weight > bestWeight.q)) {
      bestSpecificity = s;
      bestWeight = { q: range.weight, range: formatRange(range) };
    }
  }
  return bestWeight;
}

function formatRange(range: WeightedValue): string {
  let text = range.value;
  for (const name in range.parameters) text += `;${name}=${range.parameters[name]}`;
  return text;
}

// The client names the parameter: only the variant's own parameters count (`constructor`
// or `__proto__` must not reach Object.prototype, whatever object the parser built).
function ownParameter(parameters: Record<string, string>, name: string): string {
  return Object.hasOwn(parameters, name) ? (parameters[name] as string) : '';
}

/** Weights of media types against `Accept` (RFC 9110 §12.5.1); absent header means `*\/*`. */
export const explainMediaTypes: Explainer = (header, available) => {
  if (header === null) return available.map(() => IMPLICIT);
  const ranges = parseWeightedList(header);
  return available.map((type) => {
    const parsed = parseParameterizedList(type)[0];
    if (parsed === undefined) return NONE;
    const [mainType = '', subtype = ''] = parsed.value.toLowerCase().split('/', 2);
    return best(ranges, (range) => {
      const slash = range.value.indexOf('/');
      if (slash === -1) return -1;
      const rangeType = range.value.slice(0, slash).toLowerCase();
      const rangeSubtype = range.value.slice(slash + 1).toLowerCase();
      let s = 0;
      if (rangeType === mainType) s |= 4;
      else if (rangeType !== '*') return -1;
      if (rangeSubtype === subtype) s |= 2;
      else if (rangeSubtype !== '*') return -1;
      const names = Object.keys(range.parameters);
      if (names.length > 0) {
        for (const name of names) {
          const wanted = range.parameters[name] as string;
          const offered = ownParameter(parsed.parameters, name);
          if (wanted !== '*' && wanted.toLowerCase() !== offered.toLowerCase()) return -1;
        }
        s |= 1;
      }
      return s;
    });
  });
};

/** Weights of content codings against `Accept-Encoding` (RFC 9110 §12.5.3). */
export const explainEncodings: Explainer = (header, available) => {
  const ranges = parseWeightedList(header ?? '');
  // Like negotiator: `identity` is acceptable unless the header says otherwise, with the
  // lowest weight the header uses.
  let lowest = 1;
  for (const range of ranges) lowest = Math.min(lowest, range.weight || 1);
  return available.map((coding) => {
    const name = coding.toLowerCase();
    const weight = best(ranges, (range) => {
      const value = range.value.toLowerCase();
      return value === name ? 1 : value === '*' ? 0 : -1;
    });
    if (weight.range === undefined && name === 'identity') return { q: lowest, range: undefined };
    return weight;
  });
};

/** Weights of charsets against `Accept-Charset` (RFC 9110 §12.5.2); absent header means `*`. */
export const explainCharsets: Explainer = (header, available) => {
  if (header === null) return available.map(() => IMPLICIT);
  const ranges = parseWeightedList(header);
  return available.map((charset) => {
    const name = charset.toLowerCase();
    return best(ranges, (range) => {
      const value = range.value.toLowerCase();
      return value === name ? 1 : value === '*' ? 0 : -1;
    });
  });
};

/** Acceptable languages by RFC 4647 lookup, best first, then the fallback if it is allowed. */
export function rankLanguages(
  header: string | null,
  available: readonly string[],
  fallback: string | undefined,
): string[] {
  const { matches, excluded } = lookupLanguages(header, available);
  const ranked = matches.map((match) => match.tag);
  if (
    fallback !== undefined &&
    !excluded.has(fallback.toLowerCase()) &&
    !ranked.some((tag) => tag.toLowerCase() === fallback.toLowerCase())
  ) {
    ranked.push(fallback);
  }
  return ranked;
}

/** Weights of language tags by the range that lookup reached them from. */
export const explainLanguages: Explainer = (header, available) => {
  const { matches, excluded } = lookupLanguages(header, available);
  return available.map((tag) => {
    const lower = tag.toLowerCase();
    const match = matches.find((candidate) => candidate.tag.toLowerCase() === lower);
    if (match !== undefined) return { q: match.q, range: match.range };
    const refusal = excluded.get(lower);
    return refusal === undefined ? NONE : { q: 0, range: refusal };
  });
};
