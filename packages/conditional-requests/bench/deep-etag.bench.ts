// A deep ETag answers a revalidation before the body exists: the 304 path skips loading and
// serialising the representation. Same handler, same resource, with and without If-None-Match.
import { bench, describe } from 'vitest';
import { createEntityTag, respondToPreconditions } from '../src/index.js';

const article = {
  id: 7,
  version: 42,
  title: 'Conditional requests',
  tags: ['http', 'caching', 'rest'],
  comments: Array.from({ length: 40 }, (_, index) => ({
    id: index,
    author: `user-${index}`,
    body: 'A comment long enough to make the representation look like a real one.',
  })),
};

// The version column is the validator: known without building the body.
const handler = (request: Request): Response => {
  const etag = createEntityTag(article.version);
  const early = respondToPreconditions(request, { etag });
  if (early) return early;
  return Response.json(article, { headers: { ETag: etag, 'Cache-Control': 'no-cache' } });
};

const url = 'https://api.test/articles/7';
const revalidation = new Request(url, { headers: { 'If-None-Match': '"42"' } });
const first = new Request(url);

describe('deep etag', () => {
  bench(
    '304 (if-none-match matches the version)',
    async () => {
      const response = handler(revalidation);
      await response.arrayBuffer();
    },
    { time: 2000 },
  );
  bench(
    '200 (the same request without if-none-match)',
    async () => {
      const response = handler(first);
      await response.arrayBuffer();
    },
    { time: 2000 },
  );
});
