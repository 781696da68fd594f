// The declared resource over real HTTP: served by serve() of @fielding/node, called with the
// global fetch(). One row per rule of the brief, each with the status it must answer.
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { memoryStore, type Store } from '../src/index.js';
import { createFixture } from './fixtures.js';
import { listen, useServer } from './_http.js';

let fixture = createFixture();
const { send, server } = useServer(() => fixture.api.fetch);
const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const close of closers) await close();
});

const JSON_TYPE = { 'Content-Type': 'application/json' };
const MERGE = { 'Content-Type': 'application/merge-patch+json' };
const PATCH = { 'Content-Type': 'application/json-patch+json' };

/** A task created for a row, with the ETag of its HAL representation. */
async function task(body: Record<string, unknown> = { title: 'Write the brief', priority: 2 }) {
  const created = await send('POST', '/api/tasks', {
    headers: JSON_TYPE,
    body: JSON.stringify(body),
  });
  expect(created.response.status).toBe(201);
  const location = created.response.headers.get('location') ?? '';
  return { path: location, etag: created.response.headers.get('etag') ?? '', body: created.json() };
}

beforeEach(() => {
  fixture = createFixture({ maxBodySize: 4096 });
});

describe('item rules over HTTP', () => {
  it('GET answers 200 with a strong, representation-specific ETag, Last-Modified and Vary', async () => {
    const { path } = await task();
    const { response, json } = await send('GET', path);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/hal+json');
    expect(response.headers.get('etag')).toMatch(/^"v1-[0-9a-z]+-hal"$/);
    expect(response.headers.get('last-modified')).toMatch(/GMT$/);
    expect(response.headers.get('vary')).toBe('Accept');
    expect(response.headers.get('accept-patch')).toContain('application/merge-patch+json');
    expect(json()).toMatchObject({ id: '1', title: 'Write the brief', done: false, priority: 2 });
    expect(json()._links).toMatchObject({
      self: { href: '/api/tasks/1' },
      collection: { href: '/api/tasks' },
    });
  });

  it.each([
    ['application/json', 'application/json', 'json'],
    ['application/prs.hal-forms+json', 'application/prs.hal-forms+json', 'forms'],
    ['application/hal+json', 'application/hal+json', 'hal'],
  ])('GET with Accept: %s answers %s tagged -%s', async (accept, type, tag) => {
    const { path } = await task();
    const { response } = await send('GET', path, { headers: { Accept: accept } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(type);
    expect(response.headers.get('etag')).toMatch(new RegExp(`-${tag}"$`));
  });

  it('GET revalidation answers 304 from the version alone, never reading the row', async () => {
    const { path, etag } = await task();
    fixture.spy.calls.length = 0;
    const { response, text } = await send('GET', path, { headers: { 'If-None-Match': etag } });
    expect(response.status).toBe(304);
    expect(text).toBe('');
    expect(response.headers.get('etag')).toBe(etag);
    expect(fixture.spy.calls).toEqual(['validator']);
    fixture.spy.calls.length = 0;
    await send('GET', path);
    expect(fixture.spy.calls).toEqual(['validator', 'get']);
  });

  it('GET with the tag of another representation answers 200 (strong tags differ per variant)', async () => {
    const { path, etag } = await task();
    const json = await send('GET', path, {
      headers: { Accept: 'application/json', 'If-None-Match': etag },
    });
    expect(json.response.status).toBe(200);
    expect(json.response.headers.get('etag')).not.toBe(etag);
  });

  it('HEAD answers the headers of GET without a body', async () => {
    const { path, etag } = await task();
    const { response, text } = await send('HEAD', path);
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBe(etag);
    expect(text).toBe('');
  });

  it.each([
    ['/api/tasks/1.json', 'application/json', null],
    ['/api/tasks/1?format=json', 'application/json', null],
    ['/api/tasks/1.hal-forms', 'application/prs.hal-forms+json', null],
  ])('GET %s overrides Accept (%s, no Vary)', async (path, type, vary) => {
    await task();
    const { response } = await send('GET', path, { headers: { Accept: 'application/hal+json' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(type);
    expect(response.headers.get('vary')).toBe(vary);
  });

  it.each([
    ['a missing id', '/api/tasks/99'],
    ['an id the resource cannot have', '/api/tasks/a%20b'],
  ])('GET %s answers 404 problem+json with instance', async (_name, path) => {
    const { response, json } = await send('GET', path);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(json()).toMatchObject({ status: 404, instance: path });
  });

  it('GET with nothing acceptable answers 406 listing the representations', async () => {
    const { path } = await task();
    const { response, json } = await send('GET', path, { headers: { Accept: 'image/png' } });
    expect(response.status).toBe(406);
    expect(json().availableMediaTypes).toEqual([
      'application/hal+json',
      'application/json',
      'application/prs.hal-forms+json',
    ]);
  });

  it('PUT replaces the whole representation: members left out are removed, an id is ignored', async () => {
    const { path, etag } = await task({ title: 'Old', priority: 4, assigneeId: 'u1' });
    const { response, json } = await send('PUT', path, {
      headers: { ...JSON_TYPE, 'If-Match': etag },
      body: JSON.stringify({ id: 'other', title: 'New' }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toMatch(/^"v2-/);
    expect(response.headers.get('content-location')).toBe(path);
    const body = json();
    expect(body).toMatchObject({ id: '1', title: 'New', done: false });
    expect(body).not.toHaveProperty('priority');
    expect(body).not.toHaveProperty('assigneeId');
  });

  it('PUT accepts the tag of any representation of the current version (If-Match pins the version)', async () => {
    const { path } = await task();
    const read = await send('GET', path, { headers: { Accept: 'application/json' } });
    const { response } = await send('PUT', path, {
      headers: { ...JSON_TYPE, 'If-Match': read.response.headers.get('etag') ?? '' },
      body: '{"title":"From JSON"}',
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toMatch(/^"v2-.*-hal"$/);
  });

  it('PUT with If-None-Match: * creates at that URL (201), once', async () => {
    const created = await send('PUT', '/api/tasks/chosen-id', {
      headers: { ...JSON_TYPE, 'If-None-Match': '*' },
      body: '{"title":"Mine"}',
    });
    expect(created.response.status).toBe(201);
    expect(created.response.headers.get('location')).toBe('/api/tasks/chosen-id');
    expect(created.json()).toMatchObject({ id: 'chosen-id', title: 'Mine', done: false });
    const again = await send('PUT', '/api/tasks/chosen-id', {
      headers: { ...JSON_TYPE, 'If-None-Match': '*' },
      body: '{"title":"Mine"}',
    });
    expect(again.response.status).toBe(412);
  });

  it.each([
    ['no If-Match', {}, 428],
    ['If-Match: *', { 'If-Match': '*' }, 428],
    ['If-Unmodified-Since', { 'If-Unmodified-Since': 'Fri, 01 Jan 2100 00:00:00 GMT' }, 428],
    ['a stale If-Match', { 'If-Match': '"v0-0-hal"' }, 412],
  ])(
    'PUT with %s answers %i problem+json carrying the current ETag',
    async (_name, headers, status) => {
      const { path, etag } = await task();
      const { response, json } = await send('PUT', path, {
        headers: { ...JSON_TYPE, ...headers },
        body: '{"title":"x"}',
      });
      expect(response.status).toBe(status);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect(response.headers.get('etag')).toBe(etag);
      expect(json()).toMatchObject({ status, instance: path });
    },
  );

  it.each([
    ['text/plain', 415, { 'Content-Type': 'text/plain' }, 'x'],
    ['malformed JSON', 400, JSON_TYPE, '{"title":'],
    ['an invalid member', 422, JSON_TYPE, '{"title":""}'],
    ['an unknown member', 422, JSON_TYPE, '{"title":"a","colour":"red"}'],
    ['a body over the limit', 413, JSON_TYPE, JSON.stringify({ title: 'x'.repeat(5000) })],
  ])('PUT with %s answers %i', async (_name, status, headers, body) => {
    const { path, etag } = await task();
    const { response, json } = await send('PUT', path, {
      headers: { ...headers, 'If-Match': etag },
      body,
    });
    expect(response.status).toBe(status);
    expect(json()).toMatchObject({ status, instance: path });
  });

  it('PATCH takes merge patch and JSON Patch, protecting readOnly members', async () => {
    const { path, etag } = await task();
    const merged = await send('PATCH', path, {
      headers: { ...MERGE, 'If-Match': etag },
      body: '{"priority":null,"done":true}',
    });
    expect(merged.response.status).toBe(200);
    expect(merged.json()).toMatchObject({ done: true });
    expect(merged.json()).not.toHaveProperty('priority');
    const next = merged.response.headers.get('etag') ?? '';
    const patched = await send('PATCH', path, {
      headers: { ...PATCH, 'If-Match': next },
      body: '[{"op":"test","path":"/title","value":"Write the brief"},{"op":"replace","path":"/title","value":"Done"}]',
    });
    expect(patched.response.status).toBe(200);
    expect(patched.json()).toMatchObject({ id: '1', title: 'Done', done: true });
  });

  it.each([
    ['a failing test op', 409, PATCH, '[{"op":"test","path":"/title","value":"nope"}]'],
    ['a write to the readOnly id', 403, PATCH, '[{"op":"replace","path":"/id","value":"2"}]'],
    ['an invalid result', 422, MERGE, '{"priority":9}'],
    ['a patch that is no patch', 400, PATCH, '{"op":"add"}'],
    ['plain JSON', 415, JSON_TYPE, '{"title":"x"}'],
  ])('PATCH with %s answers %i', async (_name, status, headers, body) => {
    const { path, etag } = await task();
    const { response, json } = await send('PATCH', path, {
      headers: { ...headers, 'If-Match': etag },
      body,
    });
    expect(response.status).toBe(status);
    expect(json()).toMatchObject({ status, instance: path });
    if (status === 415)
      expect(response.headers.get('accept-patch')).toContain('application/json-patch+json');
  });

  it('words a 422 the same for POST, PUT, merge patch and JSON Patch', async () => {
    const { path, etag } = await task({ title: 'a' });
    // Three problems at once: a required member missing, one out of range, one unknown.
    const sent = [
      await send('POST', '/api/tasks', {
        headers: JSON_TYPE,
        body: '{"priority":9,"colour":"red"}',
      }),
      await send('PUT', path, {
        headers: { ...JSON_TYPE, 'If-Match': etag },
        body: '{"priority":9,"colour":"red"}',
      }),
      await send('PATCH', path, {
        headers: { ...MERGE, 'If-Match': etag },
        body: '{"title":null,"priority":9,"colour":"red"}',
      }),
      await send('PATCH', path, {
        headers: { ...PATCH, 'If-Match': etag },
        body: JSON.stringify([
          { op: 'remove', path: '/title' },
          { op: 'add', path: '/priority', value: 9 },
          { op: 'add', path: '/colour', value: 'red' },
        ]),
      }),
    ];
    const problems = sent.map(({ response, json }) => {
      expect(response.status).toBe(422);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      const { instance, ...rest } = json();
      expect(typeof instance).toBe('string');
      return rest;
    });
    expect(problems[0]).toMatchObject({
      status: 422,
      errors: [
        { pointer: '/title', detail: 'is required' },
        { pointer: '/colour', detail: 'is not allowed' },
        { pointer: '/priority', detail: 'must be <= 5' },
      ],
    });
    for (const problem of problems.slice(1)) expect(problem).toEqual(problems[0]);
  });

  it.each(['PATCH', 'DELETE'])(
    '%s without If-Match answers 428, with a stale one 412, each carrying the current ETag',
    async (method) => {
      const { path, etag } = await task();
      const headers = method === 'PATCH' ? MERGE : {};
      const body = method === 'PATCH' ? '{"done":true}' : undefined;
      fixture.spy.calls.length = 0;
      const required = await send(method, path, { headers, ...(body !== undefined && { body }) });
      expect(required.status).toBe(428);
      expect(required.headers.get('etag')).toBe(etag);
      const failed = await send(method, path, {
        headers: { ...headers, 'If-Match': '"v7-0-hal"' },
        ...(body !== undefined && { body }),
      });
      expect(failed.status).toBe(412);
      expect(failed.headers.get('etag')).toBe(etag);
      expect(failed.json()).toMatchObject({ status: 412, instance: path });
      // Refused on the version alone: the row is neither read nor written.
      expect(fixture.spy.calls).toEqual(['validator', 'validator']);
    },
  );

  it('DELETE answers 204 with If-Match, 428 without, 404 afterwards', async () => {
    const { path, etag } = await task();
    expect((await send('DELETE', path)).response.status).toBe(428);
    expect((await send('DELETE', path, { headers: { 'If-Match': etag } })).response.status).toBe(
      204,
    );
    expect((await send('GET', path)).response.status).toBe(404);
    expect((await send('DELETE', path, { headers: { 'If-Match': etag } })).response.status).toBe(
      404,
    );
  });

  it('Prefer: return=minimal answers without a body and says Preference-Applied', async () => {
    const posted = await send('POST', '/api/tasks', {
      headers: { ...JSON_TYPE, Prefer: 'return=minimal' },
      body: '{"title":"quiet"}',
    });
    expect(posted.response.status).toBe(201);
    expect(posted.text).toBe('');
    expect(posted.response.headers.get('preference-applied')).toBe('return=minimal');
    expect(posted.response.headers.get('location')).toBe('/api/tasks/1');
    const etag = posted.response.headers.get('etag') ?? '';
    const put = await send('PUT', '/api/tasks/1', {
      headers: { ...JSON_TYPE, Prefer: 'return=minimal', 'If-Match': etag, Accept: 'image/png' },
      body: '{"title":"quieter"}',
    });
    expect(put.response.status).toBe(204);
    expect(put.response.headers.get('etag')).toMatch(/^"v2-/);
    const full = await send('PATCH', '/api/tasks/1', {
      headers: {
        ...MERGE,
        Prefer: 'return=representation',
        'If-Match': put.response.headers.get('etag') ?? '',
      },
      body: '{"done":true}',
    });
    expect(full.response.status).toBe(200);
    expect(full.response.headers.get('preference-applied')).toBe('return=representation');
  });

  it('POST answers 201 with Location, the ETag and the representation', async () => {
    const { response, json } = await send('POST', '/api/tasks', {
      headers: JSON_TYPE,
      body: '{"title":"New"}',
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('location')).toBe('/api/tasks/1');
    expect(response.headers.get('etag')).toMatch(/^"v1-.*-hal"$/);
    expect(json()).toMatchObject({ id: '1', title: 'New', done: false });
  });

  it.each([
    ['OPTIONS', '/api/tasks/1', 204, 'GET, HEAD, PUT, PATCH, DELETE, OPTIONS'],
    ['OPTIONS', '/api/tasks', 204, 'GET, HEAD, POST, OPTIONS'],
    ['POST', '/api/tasks/1', 405, 'GET, HEAD, PUT, PATCH, DELETE, OPTIONS'],
    ['DELETE', '/api/tasks', 405, 'GET, HEAD, POST, OPTIONS'],
  ])('%s %s answers %i with Allow: %s', async (method, path, status, allow) => {
    await task();
    const { response } = await send(method, path);
    expect(response.status).toBe(status);
    expect(response.headers.get('allow')).toBe(allow);
    if (method === 'OPTIONS' && path.endsWith('/1')) {
      expect(response.headers.get('accept-patch')).toContain('application/merge-patch+json');
    }
    if (method === 'OPTIONS' && path.endsWith('tasks')) {
      expect(response.headers.get('accept-post')).toContain('application/json');
    }
  });
});

describe('collection rules over HTTP', () => {
  it('GET pages with totals, links in the body and the Link header, X-Total-Count', async () => {
    for (const title of ['a', 'b', 'c', 'd', 'e']) await task({ title });
    const { response, json } = await send('GET', '/api/tasks?pageIndex=2');
    expect(response.status).toBe(200);
    expect(response.headers.get('x-total-count')).toBe('5');
    expect(response.headers.get('etag')).toMatch(/^W\/"/);
    expect(response.headers.get('link')).toContain('rel="next"');
    const body = json();
    expect(body).toMatchObject({
      pageIndex: 2,
      pageSize: 2,
      total: 5,
      totalPages: 3,
      hasMore: true,
    });
    const links = body._links as Record<string, { href: string }>;
    expect(links.next?.href).toBe('/api/tasks?pageIndex=3&pageSize=2');
    expect(links.prev?.href).toBe('/api/tasks?pageIndex=1&pageSize=2');
    expect(links.last?.href).toBe('/api/tasks?pageIndex=3&pageSize=2');
    const embedded = (body._embedded as Record<string, { title: string }[]>)['doc:tasks'];
    expect(embedded?.map((item) => item.title)).toEqual(['c', 'd']);
  });

  it('revalidates a page with its weak ETag (304) and changes the tag when an item changes', async () => {
    const { path, etag } = await task();
    const first = await send('GET', '/api/tasks');
    const tag = first.response.headers.get('etag') ?? '';
    expect(
      (await send('GET', '/api/tasks', { headers: { 'If-None-Match': tag } })).response.status,
    ).toBe(304);
    await send('PATCH', path, { headers: { ...MERGE, 'If-Match': etag }, body: '{"done":true}' });
    const after = await send('GET', '/api/tasks', { headers: { 'If-None-Match': tag } });
    expect(after.response.status).toBe(200);
    expect(after.response.headers.get('etag')).not.toBe(tag);
  });

  it.each([
    ['an unknown filter', '/api/tasks?colour=red', 'colour'],
    ['an operator no filter has', '/api/tasks?priority[ne]=3', 'priority[ne]'],
    ['a range over a boolean', '/api/tasks?done[gt]=false', 'done[gt]'],
    ['a bound of the wrong type', '/api/tasks?priority[gte]=high', 'priority[gte]'],
    ['a bound given twice', '/api/tasks?priority[gte]=1&priority[gte]=2', 'priority[gte]'],
    ['a filter value of the wrong type', '/api/tasks?priority=high', 'priority'],
    ['a page size over the maximum', '/api/tasks?pageSize=500', 'pageSize'],
    ['an unknown sort field', '/api/tasks?sort=colour', 'sort'],
    ['an unknown field', '/api/tasks?fields=colour', 'fields'],
    ['an unknown embed', '/api/tasks?embed=owner', 'embed'],
  ])('GET with %s answers 400 naming the parameter', async (_name, path, parameter) => {
    const { response, json } = await send('GET', path);
    expect(response.status).toBe(400);
    const errors = json().errors as { parameter?: string }[];
    expect(errors.map((error) => error.parameter)).toContain(parameter);
  });

  it('filters by equality and sets, sorts, and selects fields', async () => {
    await task({ title: 'a', priority: 1 });
    await task({ title: 'b', priority: 3, done: true });
    await task({ title: 'c', priority: 2 });
    await task({ title: 'd', priority: 3 });
    const { json } = await send(
      'GET',
      '/api/tasks?priority=2,3&done=false&sort=-title&fields=title&pageSize=10',
    );
    const items = (json()._embedded as Record<string, Record<string, unknown>[]>)['doc:tasks'];
    expect(items?.map(({ _links, ...rest }) => rest)).toEqual([
      { id: '4', title: 'd' },
      { id: '3', title: 'c' },
    ]);
  });

  it.each([
    ['priority[gte]=3', ['b', 'd', 'e']],
    ['priority[gt]=3', ['e']],
    ['priority[lte]=2', ['a', 'c']],
    ['priority[gte]=2&priority[lt]=4', ['b', 'c', 'd']],
    ['priority[gte]=0', ['a', 'b', 'c', 'd', 'e']],
    ['title[gt]=b&title[lte]=d', ['c', 'd']],
    ['priority[gte]=3&done=false', ['d', 'e']],
    ['priority=1,5&title[lt]=e', ['a']],
  ])('filters with ranges and sets: ?%s', async (query, expected) => {
    for (const [title, priority, done] of [
      ['a', 1, false],
      ['b', 3, true],
      ['c', 2, false],
      ['d', 3, false],
      ['e', 5, false],
    ] as const) {
      await task({ title, priority, done });
    }
    const { response, json } = await send('GET', `/api/tasks?${query}&sort=title&pageSize=10`);
    expect(response.status).toBe(200);
    const items = (json()._embedded as Record<string, { title: string }[]>)['doc:tasks'] ?? [];
    expect(items.map((item) => item.title)).toEqual(expected);
    expect(response.headers.get('x-total-count')).toBe(String(expected.length));
  });

  it('answers CSV for a collection, never for an item', async () => {
    await task({ title: 'Hello, world', priority: 1 });
    const csv = await send('GET', '/api/tasks', { headers: { Accept: 'text/csv' } });
    expect(csv.response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.text).toBe('id,title,priority,done\r\n1,"Hello, world",1,false\r\n');
    expect(
      (await send('GET', '/api/tasks/1', { headers: { Accept: 'text/csv' } })).response.status,
    ).toBe(406);
    // A schema that does not rule out nested members: the rows are looked at, and these are flat.
    await send('POST', '/api/users', {
      headers: JSON_TYPE,
      body: '{"name":"Ann","email":"ann@example.test"}',
    });
    const users = await send('GET', '/api/users.csv');
    expect(users.text).toBe('id,name,email\r\n1,Ann,ann@example.test\r\n');
  });

  it('POST with an id, a readOnly member or a bad type', async () => {
    const posted = await send('POST', '/api/tasks', {
      headers: JSON_TYPE,
      body: '{"id":"x","title":"t"}',
    });
    expect(posted.json()).toMatchObject({ id: '1' });
    expect(
      (await send('POST', '/api/tasks', { headers: { 'Content-Type': 'text/csv' }, body: 'a' }))
        .response.status,
    ).toBe(415);
    expect(
      (await send('POST', '/api/tasks', { headers: JSON_TYPE, body: '[]' })).response.status,
    ).toBe(422);
  });
});

describe('revalidation over HTTP', () => {
  it.each([
    ['If-None-Match with the tag', (etag: string) => ({ 'If-None-Match': etag })],
    [
      'If-None-Match with the weak form of it',
      (etag: string) => ({ 'If-None-Match': `W/${etag}` }),
    ],
    ['If-None-Match among others', (etag: string) => ({ 'If-None-Match': `"x", ${etag}, "y"` })],
    ['If-None-Match: *', () => ({ 'If-None-Match': '*' })],
    [
      'If-Modified-Since the Last-Modified',
      (_etag: string, modified: string) => ({ 'If-Modified-Since': modified }),
    ],
  ])('%s answers 304 after reading only the validator', async (_name, conditions) => {
    const { path } = await task();
    const read = await send('GET', path);
    const headers = conditions(
      read.headers.get('etag') ?? '',
      read.headers.get('last-modified') ?? '',
    );
    for (const method of ['GET', 'HEAD']) {
      fixture.spy.calls.length = 0;
      const revalidated = await send(method, path, { headers });
      expect(revalidated.status).toBe(304);
      expect(revalidated.headers.get('etag')).toBe(read.headers.get('etag'));
      expect(revalidated.headers.get('vary')).toBe('Accept');
      expect(revalidated.headers.get('cache-control')).toBe('no-cache');
      expect(fixture.spy.calls).toEqual(['validator']);
    }
  });

  it.each([
    ['application/json', undefined, '-json"'],
    ['application/prs.hal-forms+json', undefined, '-forms"'],
    ['image/png', 'json', '-json"'],
  ])(
    'revalidates the %s representation (?format=%s) with its own tag, from the version alone',
    async (accept, format, suffix) => {
      const { path } = await task();
      const target = format === undefined ? path : `${path}?format=${format}`;
      const read = await send('GET', target, { headers: { Accept: accept } });
      const etag = read.headers.get('etag') ?? '';
      expect(etag.endsWith(suffix)).toBe(true);
      fixture.spy.calls.length = 0;
      const again = await send('GET', target, {
        headers: { Accept: accept, 'If-None-Match': etag },
      });
      expect(again.status).toBe(304);
      expect(fixture.spy.calls).toEqual(['validator']);
    },
  );

  it('a changed item answers 200 with the new tag to the old one', async () => {
    const { path, etag } = await task();
    const patched = await send('PATCH', path, {
      headers: { ...MERGE, 'If-Match': etag },
      body: '{"done":true}',
    });
    const read = await send('GET', path, { headers: { 'If-None-Match': etag } });
    expect(read.status).toBe(200);
    expect(read.headers.get('etag')).toBe(patched.headers.get('etag'));
  });
});

describe('Vary over HTTP', () => {
  // Every answer whose form the Accept field chose says so (RFC 9110 §12.5.5), errors and 304s
  // included; an answer whose format the URL fixed does not vary on Accept.
  type Row = [
    name: string,
    method: string,
    path: string,
    headers: (etag: string) => Record<string, string>,
    body: string | undefined,
    status: number,
    vary: string | null,
  ];
  const rows: Row[] = [
    ['an item', 'GET', '/api/tasks/1', () => ({}), undefined, 200, 'Accept'],
    [
      'an item, as JSON',
      'GET',
      '/api/tasks/1',
      () => ({ Accept: 'application/json' }),
      undefined,
      200,
      'Accept',
    ],
    ['HEAD of an item', 'HEAD', '/api/tasks/1', () => ({}), undefined, 200, 'Accept'],
    [
      'a 304',
      'GET',
      '/api/tasks/1',
      (etag) => ({ 'If-None-Match': etag }),
      undefined,
      304,
      'Accept',
    ],
    ['a 404', 'GET', '/api/tasks/404', () => ({}), undefined, 404, 'Accept'],
    ['a 406', 'GET', '/api/tasks/1', () => ({ Accept: 'image/png' }), undefined, 406, 'Accept'],
    ['a page', 'GET', '/api/tasks', () => ({}), undefined, 200, 'Accept'],
    [
      'a page as CSV',
      'GET',
      '/api/tasks',
      () => ({ Accept: 'text/csv' }),
      undefined,
      200,
      'Accept',
    ],
    ['a 400 for a page', 'GET', '/api/tasks?colour=red', () => ({}), undefined, 400, 'Accept'],
    ['a created item', 'POST', '/api/tasks', () => JSON_TYPE, '{"title":"b"}', 201, 'Accept'],
    ['a 415', 'POST', '/api/tasks', () => ({ 'Content-Type': 'text/plain' }), 'x', 415, 'Accept'],
    ['a 422', 'POST', '/api/tasks', () => JSON_TYPE, '{}', 422, 'Accept'],
    [
      'a replaced item',
      'PUT',
      '/api/tasks/1',
      (etag) => ({ ...JSON_TYPE, 'If-Match': etag }),
      '{"title":"c"}',
      200,
      'Accept',
    ],
    [
      'a patched item',
      'PATCH',
      '/api/tasks/1',
      (etag) => ({ ...MERGE, 'If-Match': etag }),
      '{"done":true}',
      200,
      'Accept',
    ],
    ['a 428', 'PUT', '/api/tasks/1', () => JSON_TYPE, '{"title":"c"}', 428, 'Accept'],
    [
      'a 412',
      'PATCH',
      '/api/tasks/1',
      () => ({ ...MERGE, 'If-Match': '"x"' }),
      '{}',
      412,
      'Accept',
    ],
    ['a 405', 'POST', '/api/tasks/1', () => ({}), undefined, 405, 'Accept'],
    ['the root', 'GET', '/api', () => ({}), undefined, 200, 'Accept'],
    [
      'an endpoint',
      'GET',
      '/api/convert?from=EUR&to=USD&amount=1',
      () => ({}),
      undefined,
      200,
      'Accept',
    ],
    ['a member resource', 'GET', '/api/users/1/email', () => ({}), undefined, 200, 'Accept'],
    [
      'an item whose URL names the format',
      'GET',
      '/api/tasks/1.json',
      () => ({}),
      undefined,
      200,
      null,
    ],
    [
      'a page whose URL names the format',
      'GET',
      '/api/tasks?format=csv',
      () => ({}),
      undefined,
      200,
      null,
    ],
    ['OPTIONS', 'OPTIONS', '/api/tasks/1', () => ({}), undefined, 204, null],
  ];

  it.each(rows)('%s (%s %s) answers %#: Vary as it should', async (...row) => {
    const [, method, path, headers, body, status, vary] = row;
    const { etag } = await task({ title: 'a' });
    await send('POST', '/api/users', {
      headers: JSON_TYPE,
      body: '{"name":"Ann","email":"ann@example.test"}',
    });
    const sent = await send(method, path, {
      headers: headers(etag),
      ...(body !== undefined && { body }),
    });
    expect(sent.status).toBe(status);
    expect(sent.headers.get('vary')).toBe(vary);
  });
});

describe('collection paging styles over HTTP', () => {
  async function titles(count: number): Promise<void> {
    for (let index = 0; index < count; index++) {
      await task({ title: String.fromCharCode(97 + index) });
    }
  }

  it('offset paging: ?offset=&limit= with links that keep the sort', async () => {
    fixture = createFixture({ paging: 'offset' });
    await titles(5);
    const page = await send('GET', '/api/tasks?sort=-title&offset=1&limit=2');
    expect(page.status).toBe(200);
    const body = page.json<{
      _links: Record<string, { href: string }>;
      _embedded: Record<string, { title: string }[]>;
    }>();
    expect(body._embedded['doc:tasks']?.map((item) => item.title)).toEqual(['d', 'c']);
    expect(body._links.next?.href).toBe('/api/tasks?sort=-title&offset=3&limit=2');
    expect(body._links.prev?.href).toBe('/api/tasks?sort=-title&offset=0&limit=2');
    expect(page.headers.get('x-total-count')).toBe('5');
  });

  it('cursor paging: following next and then prev visits every item once, in order', async () => {
    fixture = createFixture({ paging: 'cursor' });
    await titles(5);
    const seen: string[] = [];
    let next: string | undefined = '/api/tasks?sort=title&limit=2';
    let last: { _links: Record<string, { href: string } | undefined> } | undefined;
    for (let guard = 0; next !== undefined && guard < 10; guard++) {
      const page = await send('GET', next);
      expect(page.status).toBe(200);
      last = page.json();
      const items = (page.json()._embedded as Record<string, { title: string }[]>)['doc:tasks'];
      seen.push(...(items ?? []).map((item) => item.title));
      next = last?._links.next?.href;
    }
    expect(seen).toEqual(['a', 'b', 'c', 'd', 'e']);
    const back = await send('GET', last?._links.prev?.href ?? '');
    const items = (back.json()._embedded as Record<string, { title: string }[]>)['doc:tasks'];
    expect(items?.map((item) => item.title)).toEqual(['c', 'd']);
  });

  it('cursor paging refuses a cursor it did not sign (400)', async () => {
    fixture = createFixture({ paging: 'cursor' });
    await titles(3);
    const first = await send('GET', '/api/tasks?limit=1');
    const next = first.json<{ _links: { next: { href: string } } }>()._links.next.href;
    const tampered = next.replace(
      /cursor=([^&]*)/,
      (_all, cursor: string) =>
        `cursor=${cursor.slice(0, -2)}${cursor.endsWith('AA') ? 'BB' : 'AA'}`,
    );
    const refused = await send('GET', tampered);
    expect(refused.status).toBe(400);
    expect(refused.json()).toMatchObject({ status: 400, instance: '/api/tasks' });
  });

  it.each([
    ['exact', '3', 2],
    ['none', null, undefined],
  ] as const)(
    'count: %s gives X-Total-Count %s and totalPages %s',
    async (count, header, totalPages) => {
      fixture = createFixture({ count });
      await titles(3);
      const page = await send('GET', '/api/tasks');
      expect(page.headers.get('x-total-count')).toBe(header);
      expect(page.json().totalPages).toBe(totalPages);
      expect(page.json().hasMore).toBe(true);
      expect(Boolean(page.headers.get('link')?.includes('rel="last"'))).toBe(count === 'exact');
    },
  );
});

describe('two instances on one store', () => {
  it('two clients racing If-Match: exactly one wins, the other gets 412', async () => {
    // Both writers pass the precondition check before either writes: the compare-and-set in
    // the store decides.
    const shared = memoryStore() as Store<Record<string, unknown>>;
    let waiting: (() => void)[] = [];
    const barrier: Store<Record<string, unknown>> = {
      ...shared,
      replace: async (input) => {
        await new Promise<void>((resolve) => {
          waiting.push(resolve);
          if (waiting.length === 2) {
            for (const release of waiting) release();
            waiting = [];
          }
        });
        return shared.replace(input);
      },
    };
    const one = createFixture({ taskStore: barrier as Store<never> });
    const two = createFixture({ taskStore: barrier as Store<never> });
    const servers = await Promise.all([listen(one.api.fetch), listen(two.api.fetch)]);
    closers.push(...servers.map((started) => started.close));
    const [first, second] = servers.map((started) => started.origin) as [string, string];
    const created = await fetch(`${first}/api/tasks`, {
      method: 'POST',
      headers: JSON_TYPE,
      body: '{"title":"shared"}',
    });
    const etag = created.headers.get('etag') ?? '';
    const write = (base: string, title: string) =>
      fetch(`${base}/api/tasks/1`, {
        method: 'PUT',
        headers: { ...JSON_TYPE, 'If-Match': etag },
        body: JSON.stringify({ title }),
      });
    const results = await Promise.all([write(first, 'from one'), write(second, 'from two')]);
    const statuses = results.map((response) => response.status).sort();
    expect(statuses).toEqual([200, 412]);
    const loser = results.find((response) => response.status === 412);
    expect(loser?.headers.get('etag')).toMatch(/^"v2-/);
    const winner = results.find((response) => response.status === 200);
    const stored = await fetch(`${second}/api/tasks/1`);
    expect(((await stored.json()) as { title: string }).title).toBe(
      ((await winner?.json()) as { title: string }).title,
    );
  });
});

it('keeps serving after all of it', () => {
  expect(server().listening).toBe(true);
});
