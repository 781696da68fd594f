// Lookup tables read with a key from the client must only see their own entries: a plain
// object also "has" constructor, toString, __proto__ … (/docs/rels/constructor answered 500, and
// /docs/rels/toString printed the source of Object.prototype.toString).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { openStore, type Store } from '../src/storage/store.js';
import { itemEntityTag } from '../src/variants.js';

const KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype'];

/** Every path of the API with one segment replaced by a prototype key. */
const paths = KEYS.flatMap((key) => [
  `/docs/rels/${key}`,
  `/${key}`,
  `/api/${key}`,
  `/api/v1/${key}`,
  `/api/v1/blogs/${key}`,
  `/api/v1/blogs/${key}/articles`,
  `/api/v1/blogs/1/${key}`,
  `/api/v1/blogs/1/articles/${key}`,
  `/api/v1/blogs/1/articles/1/${key}`,
  `/api/v1/blogs/1/articles/1/comments/${key}`,
  `/health/${key}`,
]);

describe('prototype keys', () => {
  let store: Store;
  let app: (request: Request) => Response | Promise<Response>;
  beforeAll(async () => {
    store = await openStore({ dataDir: 'memory://' });
    app = createApp({ store });
  });
  afterAll(() => store.close());

  it.each(paths)('GET %s → 404 problem', async (path) => {
    const response = await app(new Request(`http://api.test${path}`));
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.text()).not.toContain('native code');
  });

  it.each(KEYS)('says /docs/rels/%s has no documentation, without SQL-like words', async (key) => {
    const response = await app(new Request(`http://api.test/docs/rels/${encodeURIComponent(key)}`));
    // The hostile suite looks for PostgreSQL's words (`relation "blogs" does not exist`) in bodies.
    expect(await response.json()).toMatchObject({
      status: 404,
      detail: `There is no documentation for doc:${key}.`,
    });
  });

  it.each(KEYS)('ignores %s as a query parameter name', async (key) => {
    const response = await app(new Request(`http://api.test/api/v1/blogs?${key}=1&${key}[x]=2`));
    expect(response.status).toBe(200);
  });

  it.each(KEYS.flatMap((key) => [`sort=${key}`, `sort=-${key}`, `fields=${key}`]))(
    'refuses %s with 400',
    async (query) => {
      const response = await app(new Request(`http://api.test/api/v1/blogs?${query}`));
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
    },
  );

  it.each(KEYS)('orders by id when the repository is asked to sort by %s', async (key) => {
    const { items } = await store.blogs.list(undefined, {
      offset: 0,
      limit: 10,
      sort: [{ field: key, descending: true }],
    });
    expect(items.map((item) => item.id)).toEqual([1, 2, 3]);
  });

  it.each(KEYS)('names the variant of a media type called %s "other"', (key) => {
    const serializer = { mediaType: key, canSerialize: () => true, serialize: () => '' };
    expect(itemEntityTag(1, serializer)).toBe('"v1-other"');
  });
});
