// Which label the JSON of an error body gets: the middleware answers every error, so this never
// refuses (no 406). Other problem formats (XML) are representations of @fielding/content-negotiation.
import { parseWeightedList } from '@fielding/core';
import type { ProblemMediaType } from './problem.js';

const CANDIDATES: readonly ProblemMediaType[] = ['application/problem+json', 'application/json'];

/** The `q` the Accept entries give `candidate`: the most specific matching range wins (§12.5.1). */
function quality(
  ranges: readonly { type: string; subtype: string; weight: number }[],
  candidate: string,
): number {
  const slash = candidate.indexOf('/');
  const type = candidate.slice(0, slash);
  const subtype = candidate.slice(slash + 1);
  let best = -1;
  let weight = 0;
  for (const range of ranges) {
    let specificity: number;
    if (range.type === type && range.subtype === subtype) specificity = 2;
    else if (range.type === type && range.subtype === '*') specificity = 1;
    else if (range.type === '*' && range.subtype === '*') specificity = 0;
    else continue;
    if (specificity > best) {
      best = specificity;
      weight = range.weight;
    }
  }
  return weight;
}

/**
 * The media type of an error body from `Accept` (RFC 9110 §12.5.1): `application/problem+json`
 * by default and on ties; `application/json` for a client that prefers it (one that accepts only
 * `application/json` gets the same JSON labelled so). Linear in the length of the header.
 */
export function negotiateProblemMediaType(accept: string | null | undefined): ProblemMediaType {
  if (accept === null || accept === undefined || accept.trim() === '')
    return 'application/problem+json';
  const ranges: { type: string; subtype: string; weight: number }[] = [];
  for (const entry of parseWeightedList(accept)) {
    const value = entry.value.toLowerCase();
    const slash = value.indexOf('/');
    if (slash <= 0 || slash === value.length - 1) continue;
    ranges.push({
      type: value.slice(0, slash),
      subtype: value.slice(slash + 1),
      weight: entry.weight,
    });
  }
  let chosen: ProblemMediaType = 'application/problem+json';
  let chosenWeight = 0;
  for (const candidate of CANDIDATES) {
    const weight = quality(ranges, candidate);
    if (weight > chosenWeight) {
      chosen = candidate;
      chosenWeight = weight;
    }
  }
  return chosen;
}
