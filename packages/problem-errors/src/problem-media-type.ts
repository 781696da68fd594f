import { parseWeightedList } from '@fielding/core';
import type { ProblemMediaType } from './problem.js';

/** What {@link negotiateProblemMediaType} may choose from. */
export interface ProblemMediaTypeOptions {
  /** Offer `application/problem+xml` (and `application/xml`) too. Default: `false`. */
  xml?: boolean;
}

const JSON_TYPES: readonly ProblemMediaType[] = ['application/problem+json', 'application/json'];
const ALL_TYPES: readonly ProblemMediaType[] = [
  'application/problem+json',
  'application/problem+xml',
  'application/json',
  'application/xml',
];

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
 * Chooses the media type of an error body from `Accept`. Errors are always answered, never
 * turned into a 406: `application/problem+json` is the default; a client that accepts only
 * `application/json` gets the same JSON labelled `application/json`; with `xml: true`, a client
 * preferring XML gets the RFC 9457 Appendix B form. Ties go to the order problem+json,
 * problem+xml, json, xml. Linear in the length of the header (core's `parseWeightedList`).
 *
 * @param accept - the request's `Accept` field value
 * @param options - whether XML is offered
 * @returns the media type to send
 *
 * @example
 * ```ts
 * import { negotiateProblemMediaType } from '@fielding/problem-errors';
 *
 * negotiateProblemMediaType('application/json'); // 'application/json'
 * negotiateProblemMediaType('text/html'); // 'application/problem+json'
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-12.5.1
 */
export function negotiateProblemMediaType(
  accept: string | null | undefined,
  options: ProblemMediaTypeOptions = {},
): ProblemMediaType {
  const candidates = options.xml === true ? ALL_TYPES : JSON_TYPES;
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
  for (const candidate of candidates) {
    const weight = quality(ranges, candidate);
    if (weight > chosenWeight) {
      chosen = candidate;
      chosenWeight = weight;
    }
  }
  return chosen;
}
