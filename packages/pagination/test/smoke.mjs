// Runtime smoke test: the built package's public API, run by scripts/smoke/run-matrix.mjs on
// Node 20/22/24, Deno and Bun. Plain assertions so it needs nothing but the runtime.
import {
  createCursorCodec,
  createCursorPage,
  createFilterParser,
  createPage,
  keyset,
  pageResponse,
  parseCursorQuery,
  parseFields,
  parseOffsetQuery,
  parsePageQuery,
  parseSort,
  project,
} from '../dist/index.js';

function check(condition, message) {
  if (!condition) throw new Error(`pagination smoke failed: ${message}`);
}

// Page style with an exact total, links and headers.
const request = new Request('https://api.test/articles?page_index=2&page_size=2&tag=rest');
const query = parsePageQuery(request);
check(query.offset === 2 && query.limit === 2, 'page query');
const page = createPage(request, query, { items: ['c', 'd'], total: 5 });
check(
  page.links.next === 'https://api.test/articles?page_index=3&page_size=2&tag=rest',
  'next link',
);
check(page.totalPages === 3, 'total pages');
const response = pageResponse(page, { totalCount: true });
check(response.headers.get('x-total-count') === '5', 'x-total-count');
check(response.headers.get('link').includes('rel="last"'), 'link header');
const body = await response.json();
check(body._links.prev.href.endsWith('page_index=1&page_size=2&tag=rest'), 'hal links');
check(
  response.headers
    .get('link')
    .startsWith('<https://api.test/articles?page_index=2&page_size=2&tag=rest>; rel="self", '),
  'link header order',
);

// Bad input is an HttpError(400) naming the parameter.
try {
  parseOffsetQuery('https://api.test/a?limit=-1');
  check(false, 'negative limit accepted');
} catch (error) {
  check(error.name === 'HttpError' && error.status === 400, 'status 400');
  check(error.errors[0].parameter === 'limit', 'parameter named');
}

// Signed cursors through Web Crypto, bound to their query.
const codec = createCursorCodec({ secret: 'smoke-test secret of at least 32 bytes' });
const first = new Request('https://api.test/articles?limit=2');
const cursorQuery = await parseCursorQuery(first, { codec });
const sort = parseSort(first, { fields: { id: { unique: true } }, tieBreaker: 'id' });
const rows = [{ id: 1 }, { id: 2 }, { id: 3 }];
const cursorPage = await createCursorPage(
  first,
  cursorQuery,
  { items: rows, cursorOf: (row) => [row.id] },
  { codec },
);
check(cursorPage.items.length === 2 && cursorPage.hasMore, 'cursor page');
const second = await parseCursorQuery(cursorPage.links.next, { codec });
check(second.cursor.values[0] === 2, 'cursor round-trip');
const seek = keyset(sort, second.cursor);
check(
  JSON.stringify(seek.where) ===
    JSON.stringify({ or: [{ column: 'id', operator: '>', value: 2 }] }),
  'keyset',
);
let replayRefused = false;
try {
  await parseCursorQuery(`${cursorPage.links.next}&status=open`, { codec });
} catch (error) {
  replayRefused = error.status === 400;
}
check(replayRefused, 'replayed cursor refused');

// Collection queries.
const fields = parseFields('https://api.test/a?fields=author.name', {
  allowed: ['id', 'author.name'],
  always: ['id'],
});
const projected = project({ id: 1, secret: 'x', author: { name: 'Roy', email: 'e' } }, fields);
check(JSON.stringify(projected) === '{"id":1,"author":{"name":"Roy"}}', 'projection');
const parseFilters = createFilterParser({
  type: 'object',
  properties: { age: { type: 'integer' }, status: { type: 'array', items: { type: 'string' } } },
});
const filters = parseFilters('https://api.test/a?age=3&status=open,closed');
check(filters.age === 3 && filters.status.length === 2, 'filters');
