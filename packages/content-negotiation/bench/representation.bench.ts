import { bodySource, compose, type FetchHandler } from '@fielding/core';
import { bench, describe } from 'vitest';
import { createRepresentations, representation } from '../src/index.js';

// Issue 22: a realistic GET — a ~1 KB HAL document, HAL or JSON by `Accept`, `Vary: Accept`,
// an ETag and Cache-Control — through `representation()` and the representations middleware,
// against the same answer written by hand. The body is taken out as a Node server does: the
// string the response was built from when the runtime keeps it (`bodySource`), else the stream.
const document = {
  _links: {
    self: { href: '/articles/7' },
    author: { href: '/authors/3', title: 'Ada Lovelace' },
    comments: { href: '/articles/7/comments{?page}', templated: true },
    collection: { href: '/articles' },
  },
  id: 7,
  title: 'Representations without the overhead',
  summary: 'How a REST toolkit can negotiate formats as fast as a hand-written server.',
  body: 'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(8),
  tags: ['rest', 'http', 'performance', 'hal'],
  published: '2025-01-15T09:30:00.000Z',
  updated: '2025-02-01T17:05:12.000Z',
  wordCount: 1234,
};
const size = JSON.stringify(document).length;
if (size < 900 || size > 1200) throw new Error(`bench document is ${size} bytes, not ~1 KB`);

const ETAG = '"article-7-v3"';
const registry = createRepresentations();
const ours: FetchHandler = compose(registry.middleware)(() =>
  representation(document, { headers: { ETag: ETAG, 'Cache-Control': 'max-age=60' } }),
);

const hand: FetchHandler = (request) => {
  const accept = request.headers.get('accept') ?? '';
  const type = accept.includes('application/hal+json')
    ? 'application/hal+json'
    : 'application/json';
  return new Response(JSON.stringify(document), {
    headers: { 'Content-Type': type, Vary: 'Accept', ETag: ETAG, 'Cache-Control': 'max-age=60' },
  });
};

// Half the clients ask for HAL, half for JSON; the requests are built before the run.
const requests = Array.from(
  { length: 64 },
  (_, index) =>
    new Request('http://bench.test/articles/7', {
      headers: { Accept: index % 2 === 0 ? 'application/hal+json' : 'application/json, */*' },
    }),
);
let cursor = 0;

async function serve(handler: FetchHandler): Promise<number> {
  const request = requests[(cursor = (cursor + 1) % requests.length)] as Request;
  const response = await handler(request);
  const body = bodySource(response) ?? (await response.text());
  if (response.headers.get('vary') !== 'Accept') throw new Error('no Vary: Accept');
  return body.length;
}

const options = { warmupTime: 500, time: 2000 };

describe('GET a 1 KB HAL document, HAL or JSON by Accept', () => {
  bench('representation() + representations middleware', () => serve(ours).then(), options);
  bench('hand-written new Response(JSON.stringify(x))', () => serve(hand).then(), options);
});
