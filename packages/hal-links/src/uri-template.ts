import { compileTemplate, expandTemplate, findTemplateIssue } from './_rfc6570.js';

export { ExpansionError } from './_rfc6570.js';

/**
 * The values to expand a URI Template with, by variable name (RFC 6570 §2.3): a string (or a
 * number or boolean, as text), a list, or an associative array. `undefined`, `null`, an empty
 * list and a map without defined members count as undefined.
 */
export type TemplateValues = Readonly<
  Record<
    string,
    | string
    | number
    | boolean
    | null
    | undefined
    | readonly (string | number | boolean | null | undefined)[]
    | { readonly [key: string]: string | number | boolean | null | undefined }
  >
>;

/** A parsed, validated RFC 6570 URI Template. */
export interface UriTemplate {
  /** The template text as given. */
  readonly template: string;
  /** The variable names in order of appearance, without duplicates. */
  readonly variables: readonly string[];
  /** Expands the template; undefined variables and empty lists expand to nothing. */
  expand(values?: TemplateValues): string;
}

/** Thrown for a template that does not match the RFC 6570 §2 grammar. */
export class UriTemplateError extends SyntaxError {
  override name = 'UriTemplateError' as const;
  /** The template that failed. */
  readonly template: string;
  /** Index of the first offending character. */
  readonly index: number;

  /**
   * @param template - the invalid template
   * @param index - where it goes wrong
   * @param reason - what is wrong there
   */
  constructor(template: string, index: number, reason: string) {
    super(`Invalid URI Template at index ${index}: ${reason} in ${JSON.stringify(template)}`);
    this.template = template;
    this.index = index;
  }
}

// Parsed templates by text. Templates come from code (a handful per route) or are made per
// resource (`/blogs/7/posts{?page}`) or read from HAL documents, most of them seen once. So a
// template is kept from its second parse on: one seen once would only be promoted to the old
// generation and evicted later, which costs the garbage collector more than a parse. Both maps
// are bounded; the oldest template goes first, the seen-once texts all at once.
const CACHE_LIMIT = 512;
const cache = new Map<string, UriTemplate>();
const seenOnce = new Set<string>();

function compile(template: string): UriTemplate {
  const compiled = compileTemplate(template);
  if ('index' in compiled) throw new UriTemplateError(template, compiled.index, compiled.message);
  const parsed: UriTemplate = Object.freeze({
    template,
    variables: Object.freeze(compiled.variables),
    expand: (values: TemplateValues = {}) => expandTemplate(compiled, values),
  });
  if (!seenOnce.has(template)) {
    if (seenOnce.size >= CACHE_LIMIT) seenOnce.clear();
    seenOnce.add(template);
  } else {
    seenOnce.delete(template);
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
    cache.set(template, parsed);
  }
  return parsed;
}

/**
 * Throws a {@link UriTemplateError} unless `template` is a valid RFC 6570 URI Template; checks
 * without allocating, for callers that only validate (the HAL builder, the linker).
 */
export function assertUriTemplate(template: string): void {
  if (cache.has(template)) return;
  const issue = findTemplateIssue(template);
  if (issue) throw new UriTemplateError(template, issue.index, issue.message);
}

/**
 * Parses and validates an RFC 6570 URI Template (levels 1 to 4). The result is frozen; a
 * template parsed a second time is kept (up to 512), so later calls cost a lookup.
 *
 * The template is checked against the §2 grammar (stricter than `uri-template`); expansion
 * passes pct-encoded triplets through `{+…}` and `{#…}`, counts prefix lengths in Unicode
 * characters and UTF-8-encodes non-ASCII.
 *
 * @param template - e.g. `/articles{?pageIndex,pageSize}`
 * @returns the parsed template
 * @throws {@link UriTemplateError} when the template is malformed
 * @example
 * ```ts
 * parseUriTemplate('/articles{?pageIndex,pageSize}').expand({ pageIndex: 2 });
 * // '/articles?pageIndex=2'
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6570#section-2
 */
export function parseUriTemplate(template: string): UriTemplate {
  return cache.get(template) ?? compile(template);
}

/**
 * Tells whether `template` is a valid RFC 6570 URI Template. Never throws.
 *
 * @param template - the text to check
 * @returns `true` when {@link parseUriTemplate} would accept it
 * @example
 * ```ts
 * isUriTemplate('/a{?b}'); // true
 * isUriTemplate('/a{?b'); // false
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6570#section-2
 */
export function isUriTemplate(template: string): boolean {
  return cache.has(template) || findTemplateIssue(template) === undefined;
}

/**
 * Expands a URI Template in one call; the parse is cached as by {@link parseUriTemplate}.
 *
 * @param template - the template text
 * @param values - the variables
 * @returns the expanded URI reference
 * @throws {@link UriTemplateError} when the template is malformed
 * @example
 * ```ts
 * expandUriTemplate('/blogs/{blogId}/posts{?page}', { blogId: 7, page: 2 });
 * // '/blogs/7/posts?page=2'
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6570#section-3
 */
export function expandUriTemplate(template: string, values: TemplateValues = {}): string {
  return parseUriTemplate(template).expand(values);
}
