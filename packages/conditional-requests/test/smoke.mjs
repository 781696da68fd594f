// Runtime smoke test: the built package's public API, run by scripts/smoke/run-matrix.mjs on
// Node 20/22/24, Deno and Bun. Plain assertions so it needs nothing but the runtime.
/* global ReadableStream, TextEncoder */
import {
  createEntityTag,
  evaluatePreconditions,
  formatCacheControl,
  formatHttpDate,
  hashEntityTag,
  parseCacheControl,
  parseHttpDate,
  preconditionResponse,
  rangeResponse,
  respondToPreconditions,
  shallowEtag,
  strongMatch,
  weakMatch,
  weakenEntityTag,
} from '../dist/index.js';

const check = (condition, message) => {
  if (!condition) throw new Error(`conditional-requests smoke: ${message}`);
};
const url = 'https://smoke.test/articles/7';

check(createEntityTag(7) === '"7"', 'createEntityTag');
check(
  strongMatch('"a"', '"a"') && !strongMatch('W/"a"', '"a"') && weakMatch('W/"a"', '"a"'),
  'compare',
);
check(
  parseHttpDate('Sunday, 06-Nov-94 08:49:37 GMT')?.getTime() === Date.UTC(1994, 10, 6, 8, 49, 37),
  'parseHttpDate',
);
check(formatHttpDate(0) === 'Thu, 01 Jan 1970 00:00:00 GMT', 'formatHttpDate');

// Deep ETag: 304 before any body exists.
const revalidate = new Request(url, { headers: { 'If-None-Match': '"7"' } });
const notModified = respondToPreconditions(revalidate, { etag: '"7"' });
check(notModified?.status === 304 && notModified.headers.get('etag') === '"7"', '304');

// What every fetch() sends when it revalidates: no-cache does not cost the client its 304.
const fetched = new Request(url, {
  headers: { 'If-None-Match': '"7"', 'Cache-Control': 'no-cache', Pragma: 'no-cache' },
});
check(respondToPreconditions(fetched, { etag: '"7"' })?.status === 304, '304 with no-cache');

// Lost update: If-Match with a stale tag → 412 problem+json carrying the current tag.
const stale = new Request(url, { method: 'PUT', headers: { 'If-Match': '"6"' } });
const failed = preconditionResponse(evaluatePreconditions(stale, { etag: '"7"' }));
check(failed?.status === 412 && failed.headers.get('etag') === '"7"', '412');
const failedBody = await failed.json();
check(failedBody.status === 412 && failedBody.instance === '/articles/7', '412 body');
const unconditional = new Request(url, { method: 'DELETE' });
check(respondToPreconditions(unconditional, { etag: '"7"', require: true })?.status === 428, '428');
const dated = new Request(url, {
  method: 'PUT',
  headers: { 'If-Unmodified-Since': 'Fri, 31 Dec 9999 23:59:59 GMT' },
});
check(
  respondToPreconditions(dated, { etag: '"7"', require: 'entity-tag' })?.status === 428,
  '428 entity-tag',
);

// Shallow ETag on the Web Crypto path, in the `etag` package's format.
check((await hashEntityTag('abc')) === '"3-qZk+NkcGgWq6PiVxeFDCbJzQ2J0"', 'hashEntityTag');
const handler = (request) => shallowEtag()(request, () => new Response('abc'));
const first = await handler(new Request(url));
check(first.headers.get('etag') === '"3-qZk+NkcGgWq6PiVxeFDCbJzQ2J0"', 'shallowEtag tag');
check((await first.text()) === 'abc', 'shallowEtag body');
const second = await handler(
  new Request(url, { headers: { 'If-None-Match': first.headers.get('etag') } }),
);
check(second.status === 304, 'shallowEtag 304');

// The Node build (node:crypto; Deno and Bun load it too): a string body (the bodySource fast
// path where the runtime keeps it) and a stream of the same bytes get the same tag.
const nodeBuild = await import('../dist/index.node.js');
const tagOf = async (body) =>
  (await nodeBuild.shallowEtag()(new Request(url), () => new Response(body))).headers.get('etag');
const stream = new ReadableStream({
  start(controller) {
    controller.enqueue(new TextEncoder().encode('a'));
    controller.enqueue(new TextEncoder().encode('bc'));
    controller.close();
  },
});
check((await tagOf('abc')) === '"3-qZk+NkcGgWq6PiVxeFDCbJzQ2J0"', 'node build string tag');
check((await tagOf(stream)) === '"3-qZk+NkcGgWq6PiVxeFDCbJzQ2J0"', 'node build stream tag');

const headers = new Headers({ ETag: '"7"' });
check(weakenEntityTag(headers) === 'W/"7"', 'weakenEntityTag');

const partial = rangeResponse(new Request(url, { headers: { Range: 'bytes=1-2' } }), 'abcd');
check(partial.status === 206 && (await partial.text()) === 'bc', 'rangeResponse');

check(
  formatCacheControl({ public: true, maxAge: 60 }) === 'public, max-age=60',
  'formatCacheControl',
);
check(parseCacheControl('no-store').noStore === true, 'parseCacheControl');
