// The same endpoint written by hand, the usual way, once per server. Each does the same work
// as the Fielding row: route, negotiate HAL or JSON from Accept (406 otherwise), a deep ETag
// from the version and the variant, a 304 for a matching If-None-Match (weak comparison, lists
// and `*`, RFC 9110 §13.1.2), the HAL document, Vary, Last-Modified, a problem+json 404.
import { ARTICLES, state, UPDATED_AT } from './article.mjs';

export const LAST_MODIFIED = UPDATED_AT.toUTCString();
export const ITEM_PATTERN = /^\/api\/blogs\/([^/]+)\/articles\/([^/]+)$/;

/** `hal`, `json`, or undefined when Accept allows neither (a small, correct q-value reading). */
export function variantOf(accept) {
  if (accept === undefined || accept === null || accept === '') return 'hal';
  let best;
  let bestQ = 0;
  for (const part of accept.split(',')) {
    const [range, ...params] = part.trim().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    const type = range.trim().toLowerCase();
    const variant =
      type === 'application/hal+json' || type === 'application/*' || type === '*/*'
        ? 'hal'
        : type === 'application/json'
          ? 'json'
          : undefined;
    if (variant !== undefined && weight > bestQ) {
      best = variant;
      bestQ = weight;
    }
  }
  return best;
}

export const CONTENT_TYPES = { hal: 'application/hal+json', json: 'application/json' };

/** Whether If-None-Match matches the tag (weak comparison). */
export function matches(ifNoneMatch, etag) {
  if (ifNoneMatch === undefined || ifNoneMatch === null) return false;
  if (ifNoneMatch.trim() === '*') return true;
  for (const candidate of ifNoneMatch.split(',')) {
    const tag = candidate.trim();
    if (tag === etag || tag === `W/${etag}`) return true;
  }
  return false;
}

/** The HAL document, as an object literal. */
export function document(row, blogId, articleId) {
  const self = `/api/blogs/${blogId}/articles/${articleId}`;
  return {
    ...state(row),
    _links: {
      self: { href: self },
      curies: [{ name: 'doc', href: '/docs/rels/{rel}', templated: true }],
      collection: { href: `/api/blogs/${blogId}/articles` },
      edit: { href: self },
      up: { href: `/api/blogs/${blogId}` },
      'doc:comments': { href: `${self}/comments{?pageIndex,pageSize}`, templated: true },
    },
  };
}

export const notFoundBody = (articleId, path) =>
  JSON.stringify({
    type: 'about:blank',
    title: 'Not Found',
    status: 404,
    detail: `There is no article ${articleId}.`,
    instance: path,
  });

/** The row, or undefined. */
export const find = (blogId, articleId) => ARTICLES.get(`${blogId}/${articleId}`);
