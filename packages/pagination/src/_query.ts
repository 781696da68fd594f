import { HttpError, type ValidationIssue } from '@fielding/problem-errors';

/** Anything a parser accepts as "the request URL". */
export type UrlInput = URL | string | Request;

// Query strings longer than this are not worth parsing for paging; the cap keeps every
// parser linear in a bounded input.
const MAX_QUERY_LENGTH = 16_384;

/** The request URL as a `URL`; a relative string is read against a dummy origin. */
export function toUrl(input: UrlInput): URL {
  if (input instanceof URL) return input;
  const href = typeof input === 'string' ? input : input.url;
  try {
    return new URL(href, 'http://localhost');
  } catch {
    throw badRequest([{ detail: 'The request URL cannot be parsed.' }]);
  }
}

/** The query parameters of a URL, refusing absurdly long query strings. */
export function searchParams(url: URL): URLSearchParams {
  if (url.search.length > MAX_QUERY_LENGTH) {
    throw badRequest([{ detail: `The query string exceeds ${MAX_QUERY_LENGTH} characters.` }]);
  }
  return url.searchParams;
}

/** A 400 with its validation issues. */
export function badRequest(errors: readonly ValidationIssue[]): HttpError {
  return new HttpError(400, {
    detail: errors.length === 1 ? errors[0]!.detail : 'The query has invalid parameters.',
    errors,
  });
}

/**
 * The one value of a parameter that may be spelt several ways (`pageSize`, `page_size`).
 * Repeating it with different values, in one spelling or two, is an error rather than a guess.
 */
export function singleValue(
  params: URLSearchParams,
  names: readonly string[],
  issues: ValidationIssue[],
): { name: string; value: string } | undefined {
  let found: { name: string; value: string } | undefined;
  for (const name of names) {
    for (const value of params.getAll(name)) {
      if (found === undefined) found = { name, value };
      else if (found.value !== value) {
        issues.push({ parameter: name, detail: `Give "${names[0]}" only once.` });
        return undefined;
      }
    }
  }
  return found;
}

const DIGITS = /^\d{1,15}$/;

/**
 * A non-negative integer parameter. Only plain decimal digits are accepted: no sign, no
 * exponent, no fraction, no whitespace, at most 15 digits (below 2^53).
 */
export function integerParameter(
  raw: { name: string; value: string },
  min: number,
  issues: ValidationIssue[],
): number | undefined {
  if (!DIGITS.test(raw.value)) {
    issues.push({
      parameter: raw.name,
      detail: `"${raw.name}" must be a whole number of at least ${min}.`,
    });
    return undefined;
  }
  const value = Number(raw.value);
  if (value < min) {
    issues.push({ parameter: raw.name, detail: `"${raw.name}" must be at least ${min}.` });
    return undefined;
  }
  return value;
}
