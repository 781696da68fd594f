// What the router costs on top of the path-to-regexp matching it is built on: the same 20
// routes, the same request, answered by createRouter().fetch and by a bare match loop.
import { match } from 'path-to-regexp';
import { bench, describe } from 'vitest';
import { createRouter } from '../src/index.js';

const resources = [
  'blogs',
  'posts',
  'comments',
  'users',
  'tags',
  'authors',
  'images',
  'files',
  'alerts',
  'teams',
];
const patterns = resources.flatMap((name) => [`/${name}`, `/${name}/:id`]);

const router = createRouter();
for (const pattern of patterns) {
  router.get(pattern, (_request, { params }) => new Response(String(params.id ?? '')));
}

const matchers = patterns.map((pattern) => ({
  matches: match(pattern),
  handler: (params: Partial<Record<string, string | string[]>>) =>
    new Response(String(params.id ?? '')),
}));
const bare = (request: Request): Response => {
  const { pathname } = new URL(request.url);
  for (const { matches, handler } of matchers) {
    const found = matches(pathname);
    if (found !== false) return handler(found.params);
  }
  return new Response(null, { status: 404 });
};

const request = new Request('http://api.test/teams/42');

describe('route GET /teams/42 among 20 routes', () => {
  bench('@fielding/core createRouter().fetch', async () => {
    await router.fetch(request);
  });
  bench('path-to-regexp match loop (no 405/HEAD/OPTIONS)', () => {
    bare(request);
  });
});
