// Resources in relation over real HTTP: nested resources (one level), embedded resources loaded
// in one store call per embed, and links — IANA relation types as they are, every other one
// with the API's curie, templated links marked so.
import { beforeEach, describe, expect, it } from 'vitest';
import { createApi, defineResource, memoryStore } from '../src/index.js';
import { createFixture } from './fixtures.js';
import { JSON_BODY, MERGE_BODY, PATCH_BODY, useServer, type Sent } from './_http.js';

let fixture = createFixture();
const { send } = useServer(() => fixture.api.fetch);

beforeEach(() => {
  fixture = createFixture();
});

type Links = Record<string, { href: string; templated?: boolean; title?: string }>;
type Hal = Record<string, unknown> & {
  _links: Links;
  _embedded?: Record<string, (Hal | undefined)[] | Hal | undefined>;
};

async function post(path: string, body: Record<string, unknown>): Promise<Sent> {
  const sent = await send('POST', path, { headers: JSON_BODY, body: JSON.stringify(body) });
  expect(sent.status, sent.text).toBe(201);
  return sent;
}

describe('nested resources', () => {
  beforeEach(async () => {
    await post('/api/blogs', { title: 'One' });
    await post('/api/blogs', { title: 'Two' });
    await post('/api/blogs/1/articles', { title: 'b in one' });
    await post('/api/blogs/1/articles', { title: 'a in one' });
    await post('/api/blogs/2/articles', { title: 'only in two' });
  });

  it('a nested collection lists only its parent’s items, under the parent’s URL', async () => {
    const page = await send('GET', '/api/blogs/1/articles?sort=title');
    expect(page.status).toBe(200);
    const body = page.json<Hal>();
    const items = body._embedded?.['doc:articles'] as Hal[];
    expect(items.map((item) => [item.id, item.title, item._links.self?.href])).toEqual([
      ['2', 'a in one', '/api/blogs/1/articles/2'],
      ['1', 'b in one', '/api/blogs/1/articles/1'],
    ]);
    expect(body._links.up).toEqual({ href: '/api/blogs/1' });
    expect(body._links['doc:find']).toEqual({
      href: '/api/blogs/1/articles/{articleId}',
      title: 'Find one article by id',
      templated: true,
    });
    expect(page.headers.get('x-total-count')).toBe('2');
  });

  it('POST under a parent answers 201 with a Location under that parent', async () => {
    const created = await post('/api/blogs/2/articles', { title: 'second in two' });
    expect(created.headers.get('location')).toBe('/api/blogs/2/articles/2');
    expect(created.json<Hal>()._links.up).toEqual({ href: '/api/blogs/2' });
  });

  it('the same id under two parents names two items', async () => {
    const one = await send('GET', '/api/blogs/1/articles/1');
    const two = await send('GET', '/api/blogs/2/articles/1');
    expect([one.json().title, two.json().title]).toEqual(['b in one', 'only in two']);
    expect(one.headers.get('etag')).not.toBe(null);
  });

  it.each([
    ['GET', '/api/blogs/9/articles', undefined, 'There is no blog 9.'],
    ['POST', '/api/blogs/9/articles', '{"title":"x"}', 'There is no blog 9.'],
    ['GET', '/api/blogs/2/articles/2', undefined, 'There is no article 2.'],
    ['GET', '/api/blogs/a%20b/articles/1', undefined, 'No blog has that id.'],
  ])('%s %s answers 404 (%s)', async (method, path, body, detail) => {
    const sent = await send(method, path, {
      headers: JSON_BODY,
      ...(body !== undefined && { body }),
    });
    expect(sent.status).toBe(404);
    expect(sent.json()).toMatchObject({ status: 404, detail, instance: path });
  });

  it('PUT with If-None-Match: * creates under an existing parent only', async () => {
    const missing = await send('PUT', '/api/blogs/9/articles/x', {
      headers: { ...JSON_BODY, 'If-None-Match': '*' },
      body: '{"title":"x"}',
    });
    expect(missing.status).toBe(404);
    const created = await send('PUT', '/api/blogs/2/articles/x', {
      headers: { ...JSON_BODY, 'If-None-Match': '*' },
      body: '{"title":"x"}',
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe('/api/blogs/2/articles/x');
  });

  it('the parent links its children; a child links up and its collection', async () => {
    const blog = (await send('GET', '/api/blogs/1')).json<Hal>();
    expect(blog._links['doc:articles']).toEqual({ href: '/api/blogs/1/articles' });
    const article = (await send('GET', '/api/blogs/1/articles/1')).json<Hal>();
    expect(article._links).toMatchObject({
      self: { href: '/api/blogs/1/articles/1' },
      collection: { href: '/api/blogs/1/articles' },
      up: { href: '/api/blogs/1' },
    });
  });

  it('keeps a readOnly member the server set: PUT cannot drop it, PATCH cannot change it', async () => {
    const read = await send('GET', '/api/blogs/1/articles/1');
    const etag = read.headers.get('etag') ?? '';
    const put = await send('PUT', '/api/blogs/1/articles/1', {
      headers: { ...JSON_BODY, 'If-Match': etag },
      body: '{"title":"renamed","createdAt":"1999-01-01T00:00:00.000Z"}',
    });
    expect(put.status).toBe(200);
    expect(put.json()).toMatchObject({ title: 'renamed', createdAt: '2026-01-01T00:00:00.000Z' });
    const next = put.headers.get('etag') ?? '';
    // A JSON Patch error points into the patch (the operation's path); a merge patch's at the
    // member, which is where it sits in the body.
    for (const [headers, body, pointer] of [
      [PATCH_BODY, '[{"op":"replace","path":"/createdAt","value":"1999"}]', '/0/path'],
      [
        PATCH_BODY,
        '[{"op":"test","path":"/title","value":"renamed"},{"op":"remove","path":"/createdAt"}]',
        '/1/path',
      ],
      [MERGE_BODY, '{"createdAt":"1999"}', '/createdAt'],
    ] as const) {
      const patched = await send('PATCH', '/api/blogs/1/articles/1', {
        headers: { ...headers, 'If-Match': next },
        body,
      });
      expect(patched.status, body).toBe(403);
      expect(patched.json().errors).toEqual([{ pointer, detail: 'This location is read-only.' }]);
    }
    const after = await send('GET', '/api/blogs/1/articles/1');
    expect(after.headers.get('etag')).toBe(next);
  });

  it('refuses to nest deeper than one level, or a path that does not continue its parent’s', () => {
    const base = { schema: { type: 'object' }, store: memoryStore() } as const;
    const blogs = defineResource({ ...base, name: 'blogs', path: '/blogs/{blogId}' });
    const articles = defineResource({
      ...base,
      name: 'articles',
      path: '/blogs/{blogId}/articles/{articleId}',
      parent: blogs,
    });
    expect(() =>
      defineResource({
        ...base,
        name: 'comments',
        path: '/blogs/{blogId}/articles/{articleId}/comments/{commentId}',
        parent: articles,
      }),
    ).toThrow(/one level deep/);
    expect(() =>
      defineResource({ ...base, name: 'posts', path: '/posts/{blogId}/{postId}', parent: blogs }),
    ).toThrow(/continues its parent/);
    expect(() =>
      defineResource({ ...base, name: 'posts', path: '/blogs/{blogId}/posts/{postId}' }),
    ).toThrow(/needs a parent/);
    expect(() => createApi({ resources: [articles] })).toThrow(/parent blogs is not among/);
  });
});

describe('embedded resources', () => {
  async function people(): Promise<void> {
    await post('/api/users', { name: 'Ann', email: 'ann@example.test' });
    await post('/api/users', { name: 'Bob', email: 'bob@example.test' });
  }

  it('an item embeds a related item on ?embed=, with its own links, and names it in _links', async () => {
    await people();
    await post('/api/tasks', { title: 'one', assigneeId: '2' });
    const sent = await send('GET', '/api/tasks/1?embed=assignee');
    expect(sent.status).toBe(200);
    const body = sent.json<Hal>();
    expect(body._links['doc:assignee']).toEqual({ href: '/api/users/2' });
    expect(body._embedded?.['doc:assignee']).toEqual({
      id: '2',
      name: 'Bob',
      email: 'bob@example.test',
      _links: { self: { href: '/api/users/2' } },
    });
    const json = await send('GET', '/api/tasks/1?embed=assignee', {
      headers: { Accept: 'application/json' },
    });
    expect(json.json()).toMatchObject({
      id: '1',
      _embedded: { assignee: { id: '2', name: 'Bob' } },
    });
  });

  it('a page embeds every related item with one store call, whatever the page size', async () => {
    await people();
    for (const assigneeId of ['1', '2', '1', '2', '1']) {
      await post('/api/tasks', { title: `for ${assigneeId}`, assigneeId });
    }
    fixture.userSpy.calls.length = 0;
    const page = await send('GET', '/api/tasks?embed=assignee&pageSize=5');
    expect(page.status).toBe(200);
    expect(fixture.userSpy.calls).toEqual(['getMany']);
    const items = page.json<Hal>()._embedded?.['doc:tasks'] as Hal[];
    expect(
      items.map((item) => (item._embedded?.['doc:assignee'] as Hal | undefined)?.name),
    ).toEqual(['Ann', 'Bob', 'Ann', 'Bob', 'Ann']);
  });

  it('a page of parents embeds their children with one store call, limited and ordered', async () => {
    await post('/api/blogs', { title: 'One' });
    await post('/api/blogs', { title: 'Two' });
    for (const title of ['c', 'a', 'b']) await post('/api/blogs/1/articles', { title });
    await post('/api/blogs/2/articles', { title: 'z' });
    fixture.articleSpy.calls.length = 0;
    const page = await send('GET', '/api/blogs?embed=articles');
    expect(fixture.articleSpy.calls).toEqual(['listMany']);
    const blogs = page.json<Hal>()._embedded?.['doc:blogs'] as Hal[];
    expect(
      blogs.map((blog) =>
        (blog._embedded?.['doc:articles'] as Hal[]).map((article) => article.title),
      ),
    ).toEqual([['a', 'b'], ['z']]);
    expect((blogs[0]?._embedded?.['doc:articles'] as Hal[])[0]?._links.self).toEqual({
      href: '/api/blogs/1/articles/2',
    });
  });

  it('leaves out a related item that does not exist', async () => {
    await post('/api/tasks', { title: 'orphan', assigneeId: '404' });
    const body = (await send('GET', '/api/tasks/1?embed=assignee')).json<Hal>();
    expect(body._embedded).toBeUndefined();
    expect(body._links['doc:assignee']).toEqual({ href: '/api/users/404' });
  });

  it('tags what it embedded: a change to the embedded item changes the ETag and Last-Modified', async () => {
    await people();
    await post('/api/tasks', { title: 'one', assigneeId: '1' });
    const first = await send('GET', '/api/tasks/1?embed=assignee');
    const etag = first.headers.get('etag') ?? '';
    const plain = await send('GET', '/api/tasks/1');
    expect(etag).toMatch(/^"v1-[0-9a-z]+-hal-e[0-9a-z]+"$/);
    expect(etag).not.toBe(plain.headers.get('etag'));
    const unchanged = await send('GET', '/api/tasks/1?embed=assignee', {
      headers: { 'If-None-Match': etag },
    });
    expect(unchanged.status).toBe(304);

    await new Promise((resolve) => setTimeout(resolve, 1100));
    const user = await send('GET', '/api/users/1');
    const renamed = await send('PATCH', '/api/users/1', {
      headers: { ...MERGE_BODY, 'If-Match': user.headers.get('etag') ?? '' },
      body: '{"name":"Anne"}',
    });
    expect(renamed.status).toBe(200);
    const changed = await send('GET', '/api/tasks/1?embed=assignee', {
      headers: { 'If-None-Match': etag },
    });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect(changed.headers.get('last-modified')).toBe(renamed.headers.get('last-modified'));
    expect(changed.headers.get('last-modified')).not.toBe(first.headers.get('last-modified'));
    const sinceFirst = await send('GET', '/api/tasks/1?embed=assignee', {
      headers: { 'If-Modified-Since': first.headers.get('last-modified') ?? '' },
    });
    expect(sinceFirst.status).toBe(200);
  });
});

describe('links and curies', () => {
  it('puts the curies on the root document only, prefixing every relation type IANA does not register', async () => {
    await post('/api/users', { name: 'Ann', email: 'ann@example.test' });
    await post('/api/blogs', { title: 'One' });
    await post('/api/blogs/1/articles', { title: 'A', authorId: '1' });
    const body = (await send('GET', '/api/blogs/1/articles/1')).json<Hal>();
    expect(body._links).toEqual({
      self: { href: '/api/blogs/1/articles/1' },
      curies: [{ name: 'doc', href: '/docs/rels/{rel}', templated: true }],
      collection: { href: '/api/blogs/1/articles' },
      up: { href: '/api/blogs/1' },
      author: { href: '/api/users/1' },
      related: { href: '/api/users', title: 'Every user' },
      'doc:comments': { href: '/api/blogs/1/articles/1/comments{?pageIndex}', templated: true },
    });
    const page = (await send('GET', '/api/blogs/1/articles')).json<Hal>();
    const embedded = (page._embedded?.['doc:articles'] as Hal[])[0];
    expect(embedded?._links.curies).toBeUndefined();
    expect(embedded?._links['doc:comments']?.templated).toBe(true);
  });

  it('links each action, toggle and member of an item under its curie', async () => {
    await post('/api/tasks', { title: 'one' });
    const body = (await send('GET', '/api/tasks/1')).json<Hal>();
    expect(body._links['doc:complete']).toEqual({ href: '/api/tasks/1/complete' });
    expect(body._links['doc:escalate']).toEqual({ href: '/api/tasks/1/escalate' });
  });

  it('the root document links every top-level collection and endpoint', async () => {
    const root = await send('GET', '/api');
    expect(root.status).toBe(200);
    expect(root.headers.get('etag')).toMatch(/^"root-/);
    expect(root.json<Hal>()._links).toMatchObject({
      self: { href: '/api' },
      'doc:tasks': { href: '/api/tasks' },
      'doc:blogs': { href: '/api/blogs' },
      'doc:convert': { href: '/api/convert' },
    });
    expect(root.json<Hal>()._links['doc:articles']).toBeUndefined();
  });

  it('a page links first, prev, next and last in the body and in the Link header', async () => {
    for (const title of ['a', 'b', 'c', 'd', 'e']) await post('/api/tasks', { title });
    const page = await send('GET', '/api/tasks?pageIndex=2');
    const body = page.json<Hal>();
    const relations = ['first', 'prev', 'next', 'last'];
    for (const rel of relations) {
      expect(page.headers.get('link')).toContain(`<${body._links[rel]?.href}>; rel="${rel}"`);
    }
  });
});
