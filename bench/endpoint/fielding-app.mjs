// The endpoint with the full Fielding stack, written the way the example app writes it: the
// router, problemDetails(), the representations middleware, evaluatePreconditions with a deep
// ETag known before the row is read, and the HAL builder.
import {
  evaluatePreconditions,
  formatHttpDate,
  preconditionResponse,
} from '@fielding/conditional-requests';
import {
  createRepresentations,
  halSerializer,
  jsonSerializer,
  representation,
} from '@fielding/content-negotiation';
import { buildPath, createRouter } from '@fielding/core';
import { createHal } from '@fielding/hal-links';
import { notFound, problemDetails } from '@fielding/problem-errors';
import { ARTICLES, state, UPDATED_AT } from './article.mjs';

const ITEM = '/api/blogs/:blogId/articles/:articleId';
const hal = createHal({ curies: [{ name: 'doc', href: '/docs/rels/{rel}' }] });
const VARIANT_NAMES = { 'application/hal+json': 'hal', 'application/json': 'json' };
const PROBE = Object.freeze({ id: 0 });
const LAST_MODIFIED = formatHttpDate(UPDATED_AT);

export function createFieldingApp() {
  const representations = createRepresentations({
    serializers: [halSerializer, jsonSerializer],
  });
  const router = createRouter({ middleware: [problemDetails(), representations.middleware] });

  router.get(ITEM, (request, { params }) => {
    const serializer = representations.select(request, PROBE).serializer;
    const row = ARTICLES.get(`${params.blogId}/${params.articleId}`);
    if (row === undefined) throw notFound({ detail: `There is no article ${params.articleId}.` });
    if (serializer === undefined) return representation(PROBE); // 406
    const etag = `"v${row.version}-${VARIANT_NAMES[serializer.mediaType]}"`;
    const headers = { ETag: etag, 'Last-Modified': LAST_MODIFIED, 'Cache-Control': 'no-cache' };
    const decision = evaluatePreconditions(request, { etag, lastModified: UPDATED_AT });
    const early = preconditionResponse(decision, { headers });
    if (early) return early;
    const self = buildPath(ITEM, params);
    const document = hal
      .resource(state(row), self)
      .link('collection', buildPath('/api/blogs/:blogId/articles', params))
      .link('edit', self)
      .link('up', buildPath('/api/blogs/:blogId', params))
      .link('doc:comments', { href: `${self}/comments{?pageIndex,pageSize}`, templated: true })
      .toJSON();
    return representation(document, { headers });
  });
  return router.fetch;
}
