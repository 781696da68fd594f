import { appendVary, parseWeightedList, type WeightedValue } from '@fielding/core';
import type { HalResourceBuilder } from './hal-resource.js';
import { HAL_FORMS_JSON, HAL_JSON, type HalLink, type HalResource } from './hal-types.js';
import { formatLinkHeader } from './link-header.js';

/** Options of {@link halResponse}: a `ResponseInit` plus negotiation and `Link` mirroring. */
export interface HalResponseInit extends ResponseInit {
  /**
   * The request, whose `Accept` decides between `application/hal+json` and (for a resource
   * with `_templates`) `application/prs.hal-forms+json`. Default: plain HAL.
   */
  request?: Request;
  /** Relation types whose (non-templated) links are also sent in a `Link` header. Default: none. */
  linkRels?: readonly string[];
}

// RFC 9110 §12.5.1: the most specific media range that matches a type gives its quality.
const qualityOf = (type: string, ranges: readonly WeightedValue[]): number => {
  const [major] = type.split('/');
  let best: { specificity: number; weight: number } | undefined;
  for (const range of ranges) {
    const value = range.value.toLowerCase();
    const specificity = value === type ? 3 : value === `${major}/*` ? 2 : value === '*/*' ? 1 : 0;
    if (specificity > 0 && (!best || specificity > best.specificity)) {
      best = { specificity, weight: range.weight };
    }
  }
  return best?.weight ?? 0;
};

// Whether a request asks for HAL-FORMS: `application/prs.hal-forms+json` is named in `Accept`
// and weighs at least as much as `application/hal+json`.
export function prefersHalForms(request: Request): boolean {
  const ranges = parseWeightedList(request.headers.get('Accept'));
  const named = ranges.some((range) => range.value.toLowerCase() === HAL_FORMS_JSON);
  const forms = qualityOf(HAL_FORMS_JSON, ranges);
  return named && forms > 0 && forms >= qualityOf(HAL_JSON, ranges);
}

const toJson = (resource: HalResource | HalResourceBuilder<object>): HalResource =>
  'toJSON' in resource && typeof resource.toJSON === 'function'
    ? (resource.toJSON() as HalResource)
    : (resource as HalResource);

/**
 * Answers with a HAL resource: `Content-Type: application/hal+json`, or
 * `application/prs.hal-forms+json` when the resource has `_templates` and the request asks for
 * HAL-FORMS. `_templates` are sent only in HAL-FORMS responses; `Vary: Accept` is merged in
 * whenever the choice depended on it.
 *
 * @param resource - a built resource or a builder
 * @param init - status, headers, the request to negotiate with, rels to mirror into `Link`
 * @returns the response
 * @example
 * ```ts
 * const request = new Request('https://api.test/posts/1', { headers: { Accept: 'application/hal+json' } });
 * const post = halResource({ title: 'Hello' }, '/posts/1').link('author', '/users/7');
 * const response = halResponse(post, { request, linkRels: ['author'] });
 * response.headers.get('Link'); // '</users/7>; rel="author"'
 * ```
 * @see https://datatracker.ietf.org/doc/html/draft-kelly-json-hal-11#section-3
 */
export function halResponse(
  resource: HalResource | HalResourceBuilder<object>,
  init: HalResponseInit = {},
): Response {
  const { request, linkRels, ...responseInit } = init;
  const document = toJson(resource);
  const headers = new Headers(responseInit.headers);
  let body: HalResource = document;
  let type = HAL_JSON;
  if (document._templates !== undefined) {
    if (request && prefersHalForms(request)) type = HAL_FORMS_JSON;
    else {
      const { _templates: _omitted, ...rest } = document;
      body = rest as HalResource;
    }
    if (request) appendVary(headers, 'Accept');
  }
  headers.set('Content-Type', type);
  if (linkRels && linkRels.length > 0) {
    // By rel, as formatLinkHeader takes them; a null prototype keeps any rel a plain key.
    const mirrored: Record<string, HalLink[]> = Object.create(null) as Record<string, HalLink[]>;
    for (const rel of linkRels) {
      const value = document._links[rel];
      const list = (Array.isArray(value) ? value : value ? [value] : []).filter(
        (link) => link.templated !== true,
      );
      if (list.length > 0) mirrored[rel] = list;
    }
    const value = formatLinkHeader(mirrored);
    if (value !== '') headers.append('Link', value);
  }
  return new Response(JSON.stringify(body), { ...responseInit, headers });
}
