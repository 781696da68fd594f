// Runtime smoke test: the built package's public API, run by scripts/smoke/run-matrix.mjs on
// Node 20/22/24, Deno and Bun. Plain assertions so it needs nothing but the runtime.
import {
  appendVary,
  buildPath,
  compose,
  createRouter,
  formatEntityTag,
  isToken,
  mergeVary,
  parseEntityTag,
  parseEntityTagList,
  parseList,
  parseParameterizedList,
  parseQuotedString,
  parseWeightedList,
  quoteString,
} from '../dist/index.js';

const check = (condition, what) => {
  if (!condition) throw new Error(`core smoke failed: ${what}`);
};
const same = (actual, expected, what) =>
  check(JSON.stringify(actual) === JSON.stringify(expected), `${what}: ${JSON.stringify(actual)}`);

// compose
const handler = compose(async (request, next) => {
  const response = await next(request);
  response.headers.set('X-Smoke', 'yes');
  return response;
})(() => new Response('ok'));
const composed = await handler(new Request('http://smoke.test/'));
check((await composed.text()) === 'ok' && composed.headers.get('X-Smoke') === 'yes', 'compose');

// header grammar
same(parseList('a, "b,c" ,, d'), ['a', '"b,c"', 'd'], 'parseList');
check(isToken('gzip') && !isToken('a b'), 'isToken');
check(parseQuotedString('"a\\"b"') === 'a"b', 'parseQuotedString');
check(quoteString('a"b') === '"a\\"b"' && quoteString('utf-8') === 'utf-8', 'quoteString');
same(
  parseParameterizedList('text/html;Level=1, a;b="c,d"').map((m) => [m.value, { ...m.parameters }]),
  [
    ['text/html', { level: '1' }],
    ['a', { b: 'c,d' }],
  ],
  'parseParameterizedList',
);
same(
  parseWeightedList('en;q=0.8, de').map((m) => [m.value, m.weight, m.index]),
  [
    ['en', 0.8, 0],
    ['de', 1, 1],
  ],
  'parseWeightedList',
);
same(parseEntityTag('W/"x,y"'), { weak: true, opaque: 'x,y' }, 'parseEntityTag');
same(
  parseEntityTagList('"a", junk, W/"b"'),
  [
    { weak: false, opaque: 'a' },
    { weak: true, opaque: 'b' },
  ],
  'parseEntityTagList',
);
check(parseEntityTagList(' * ') === '*', 'parseEntityTagList *');
check(formatEntityTag({ weak: true, opaque: 'v1' }) === 'W/"v1"', 'formatEntityTag');

// Vary
check(mergeVary('Accept', 'accept', 'Origin') === 'Accept, Origin', 'mergeVary');
const varying = new Headers({ Vary: 'Origin' });
appendVary(varying, '*');
check(varying.get('Vary') === '*', 'appendVary');

// router
const router = createRouter()
  .get('/blogs/:blogId', (_request, { params }) => Response.json({ id: params.blogId }))
  .put('/blogs/:blogId', () => new Response(null, { status: 204 }));
const call = (method, path) => router.fetch(new Request(`http://smoke.test${path}`, { method }));
same(await (await call('GET', '/blogs/a%20b')).json(), { id: 'a b' }, 'router GET');
check((await call('GET', '/nope')).status === 404, 'router 404');
const notAllowed = await call('POST', '/blogs/1');
check(
  notAllowed.status === 405 && notAllowed.headers.get('Allow') === 'GET, HEAD, PUT, OPTIONS',
  'router 405',
);
check(notAllowed.headers.get('Content-Type') === 'application/problem+json', 'router problem');
const head = await call('HEAD', '/blogs/1');
check(head.status === 200 && head.body === null, 'router HEAD');
check((await call('OPTIONS', '/blogs/1')).status === 204, 'router OPTIONS');
// PROPFIND rather than an invented method: Bun turns methods it does not know into GET.
check((await call('PROPFIND', '/blogs/1')).status === 501, 'router 501');
check(buildPath('/blogs/:blogId', { blogId: 'a/b' }) === '/blogs/a%2Fb', 'buildPath');
