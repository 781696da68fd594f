// Moves and tombstones over real HTTP (issue 19): a moved item's old URL redirects with
// Location, a removed one answers 410 where the store keeps a tombstone and 404 otherwise.
import { beforeEach, describe, expect, it } from 'vitest';
import { createApi, defineResource, memoryStore, type ResourceBase } from '../src/index.js';
import { JSON_BODY, MERGE_BODY, useServer, type Send } from './_http.js';

function createMovesApi() {
  const blogs = defineResource({
    name: 'blogs',
    path: '/blogs/{blogId}',
    schema: { type: 'object', properties: { title: { type: 'string' } } },
    store: memoryStore(),
  });
  const articles = defineResource({
    name: 'articles',
    path: '/blogs/{blogId}/articles/{articleId}',
    parent: blogs,
    schema: { type: 'object', required: ['title'], properties: { title: { type: 'string' } } },
    store: memoryStore({ tombstones: true }),
    actions: ({ action }) => ({
      move: action({
        input: {
          type: 'object',
          required: ['blogId'],
          additionalProperties: false,
          properties: { blogId: { type: 'string' } },
        },
        conditional: true,
        handler: async ({ input, move }) => {
          const { href, entry } = await move({ scope: input.blogId });
          return { status: 200, location: href, body: { version: entry.version } };
        },
      }),
    }),
  });
  const tasks = defineResource({
    name: 'tasks',
    path: '/tasks/{taskId}',
    schema: { type: 'object', properties: { title: { type: 'string' } } },
    store: memoryStore(),
    moved: 308,
    actions: ({ action }) => ({
      rename: action({
        input: { type: 'object', properties: { id: { type: 'string' } } },
        conditional: true,
        handler: async ({ input, move }) => ({
          location: (await move({ id: input.id ?? '' })).href,
        }),
      }),
    }),
  });
  return createApi({
    base: '/api',
    resources: [blogs, articles, tasks] as ResourceBase[],
  });
}

let api = createMovesApi();
const server = useServer(() => api.fetch);

/** Sends without following redirects, so the 301 / 308 itself is asserted. */
const send: Send = async (method, path, init = {}) => {
  const response = await fetch(`${server.origin()}${path}`, {
    method,
    redirect: 'manual',
    ...(init.headers !== undefined && { headers: init.headers }),
    ...(init.body !== undefined && { body: init.body }),
  });
  const text = await response.text();
  return {
    response,
    status: response.status,
    headers: response.headers,
    text,
    json: <T>() => JSON.parse(text) as T,
  };
};

beforeEach(async () => {
  api = createMovesApi();
  for (const blog of ['1', '2', '3']) {
    const put = await send('PUT', `/api/blogs/${blog}`, {
      headers: { ...JSON_BODY, 'If-None-Match': '*' },
      body: '{"title":"b"}',
    });
    expect(put.status).toBe(201);
  }
});

async function article(blog: string, title = 'a') {
  const answer = await send('POST', `/api/blogs/${blog}/articles`, {
    headers: JSON_BODY,
    body: JSON.stringify({ title }),
  });
  expect(answer.status).toBe(201);
  return { location: answer.headers.get('location') ?? '', etag: answer.headers.get('etag') ?? '' };
}

const moveTo = (location: string, etag: string, blogId: string) =>
  send('POST', `${location}/move`, {
    headers: { ...JSON_BODY, 'If-Match': etag },
    body: JSON.stringify({ blogId }),
  });

describe('a moved item', () => {
  it('moves with an action (200, Location, version + 1) and its old URL answers 301 with Location', async () => {
    const { location, etag } = await article('1');
    const moved = await moveTo(location, etag, '2');
    expect(moved.status).toBe(200);
    expect(moved.headers.get('location')).toBe('/api/blogs/2/articles/1');
    expect(moved.json()).toEqual({ version: 2 });
    const old = await send('GET', location);
    expect(old.status).toBe(301);
    expect(old.headers.get('location')).toBe('/api/blogs/2/articles/1');
    expect(old.text).toBe('');
    const now = await send('GET', '/api/blogs/2/articles/1');
    expect(now.status).toBe(200);
    expect(now.headers.get('etag')).toMatch(/^"v2-/);
    expect(now.json()).toMatchObject({ title: 'a' });
  });

  it('redirects the query and the routes under the item too', async () => {
    const { location, etag } = await article('1');
    await moveTo(location, etag, '2');
    const withQuery = await send('GET', `${location}?format=json`);
    expect(withQuery.status).toBe(301);
    expect(withQuery.headers.get('location')).toBe('/api/blogs/2/articles/1?format=json');
    const action = await send('POST', `${location}/move`, { headers: JSON_BODY, body: '{}' });
    expect(action.status).toBe(301);
    expect(action.headers.get('location')).toBe('/api/blogs/2/articles/1/move');
  });

  it('forwards a chain of moves straight to the last URL', async () => {
    const { location, etag } = await article('1');
    const first = await moveTo(location, etag, '2');
    const second = await send('GET', first.headers.get('location') ?? '');
    await moveTo(first.headers.get('location') ?? '', second.headers.get('etag') ?? '', '3');
    const old = await send('GET', location);
    expect([old.status, old.headers.get('location')]).toEqual([301, '/api/blogs/3/articles/1']);
  });

  it('answers 308 when the resource says so, keeping the method of a write', async () => {
    const created = await send('POST', '/api/tasks', { headers: JSON_BODY, body: '{"title":"t"}' });
    const etag = created.headers.get('etag') ?? '';
    const renamed = await send('POST', '/api/tasks/1/rename', {
      headers: { ...JSON_BODY, 'If-Match': etag },
      body: '{"id":"first"}',
    });
    expect([renamed.status, renamed.headers.get('location')]).toEqual([204, '/api/tasks/first']);
    const patch = await send('PATCH', '/api/tasks/1', {
      headers: { ...MERGE_BODY, 'If-Match': etag },
      body: '{"title":"u"}',
    });
    expect([patch.status, patch.headers.get('location')]).toEqual([308, '/api/tasks/first']);
  });

  it('a new item at the old URL ends the redirect', async () => {
    const { location, etag } = await article('1');
    await moveTo(location, etag, '2');
    const put = await send('PUT', location, {
      headers: { ...JSON_BODY, 'If-None-Match': '*' },
      body: '{"title":"new"}',
    });
    expect(put.status).toBe(201);
    expect((await send('GET', location)).status).toBe(200);
  });

  it.each([
    ['a stale If-Match', (etag: string) => ({ etag: etag.replace('v1', 'v9'), blog: '2' }), 412],
    ['no If-Match', () => ({ etag: '', blog: '2' }), 428],
    ['a blog that does not exist', (etag: string) => ({ etag, blog: '99' }), 422],
    ['a blog id no blog can have', (etag: string) => ({ etag, blog: 'a b' }), 422],
  ])('refuses a move with %s (%s) as problem+json', async (_name, make, status) => {
    const { location, etag } = await article('1');
    const { etag: sent, blog } = make(etag);
    const answer = await send('POST', `${location}/move`, {
      headers: { ...JSON_BODY, ...(sent !== '' && { 'If-Match': sent }) },
      body: JSON.stringify({ blogId: blog }),
    });
    expect(answer.status).toBe(status);
    expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((await send('GET', location)).status).toBe(200);
  });

  it('refuses a move onto an item that exists (409) and moves nothing', async () => {
    const { location, etag } = await article('1', 'mine');
    await article('2', 'theirs');
    const answer = await moveTo(location, etag, '2');
    expect(answer.status).toBe(409);
    expect(answer.json()).toMatchObject({ status: 409 });
    expect((await send('GET', '/api/blogs/2/articles/1')).json()).toMatchObject({
      title: 'theirs',
    });
    expect((await send('GET', location)).json()).toMatchObject({ title: 'mine' });
  });
});

describe('a removed item', () => {
  it('answers 410 Gone as problem+json where the store keeps a tombstone', async () => {
    const { location, etag } = await article('1');
    expect((await send('DELETE', location, { headers: { 'If-Match': etag } })).status).toBe(204);
    for (const method of ['GET', 'DELETE']) {
      const answer = await send(method, location, { headers: { 'If-Match': etag } });
      expect(answer.status).toBe(410);
      expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(answer.json()).toMatchObject({ status: 410, instance: location });
    }
  });

  it('answers 404 where the store keeps none, and for an id that never was', async () => {
    const created = await send('POST', '/api/tasks', { headers: JSON_BODY, body: '{}' });
    const etag = created.headers.get('etag') ?? '';
    await send('DELETE', '/api/tasks/1', { headers: { 'If-Match': etag } });
    expect((await send('GET', '/api/tasks/1')).status).toBe(404);
    expect((await send('GET', '/api/blogs/1/articles/77')).status).toBe(404);
  });
});
