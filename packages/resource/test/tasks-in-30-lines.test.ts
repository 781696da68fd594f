// The README's "A resource in 30 lines" is this folder's tasks-in-30-lines.ts, line for line; it
// stays within 30 lines, and served over HTTP it does everything the 174 hand-glued lines of
// issue 17 did — and sends Vary: Accept, which they forgot.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import tasks from './tasks-in-30-lines.js';
import { JSON_BODY, MERGE_BODY, PATCH_BODY, useServer } from './_http.js';

const { send } = useServer(() => tasks.fetch);

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const source = readFileSync(new URL('./tasks-in-30-lines.ts', import.meta.url), 'utf8');

describe('a resource in 30 lines', () => {
  it('is the README’s example, within 30 lines', () => {
    const section = readme.slice(readme.indexOf('## A resource in 30 lines'));
    const block = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
    expect(block).toBe(source);
    expect(source.trimEnd().split('\n').length).toBeLessThanOrEqual(30);
  });

  it('creates, lists with paging and a total, revalidates, replaces, patches and refuses', async () => {
    for (const [title, priority] of [
      ['Write the brief', 2],
      ['Review it', 1],
      ['Ship it', 3],
    ] as const) {
      const created = await send('POST', '/api/tasks', {
        headers: JSON_BODY,
        body: JSON.stringify({ title, priority }),
      });
      expect(created.status).toBe(201);
      expect(created.headers.get('location')).toMatch(/^\/api\/tasks\/\d$/);
      expect(created.headers.get('etag')).toMatch(/^"v1-/);
    }

    const page = await send('GET', '/api/tasks?sort=-priority&pageSize=2&fields=title');
    expect(page.status).toBe(200);
    expect(page.headers.get('x-total-count')).toBe('3');
    expect(page.headers.get('link')).toContain('rel="next"');
    expect(page.headers.get('vary')).toBe('Accept');
    expect(page.json()).toMatchObject({ pageIndex: 1, pageSize: 2, total: 3, totalPages: 2 });
    const titles = (page.json()._embedded as Record<string, { title: string }[]>).tasks;
    expect(titles?.map((task) => task.title)).toEqual(['Ship it', 'Write the brief']);

    const item = await send('GET', '/api/tasks/1');
    expect(item.headers.get('content-type')).toBe('application/hal+json');
    expect(item.headers.get('vary')).toBe('Accept');
    const etag = item.headers.get('etag') ?? '';
    expect((await send('GET', '/api/tasks/1', { headers: { 'If-None-Match': etag } })).status).toBe(
      304,
    );

    const unpinned = await send('PUT', '/api/tasks/1', {
      headers: JSON_BODY,
      body: '{"title":"x"}',
    });
    expect(unpinned.status).toBe(428);
    expect(unpinned.headers.get('content-type')).toBe('application/problem+json');
    const put = await send('PUT', '/api/tasks/1', {
      headers: { ...JSON_BODY, 'If-Match': etag },
      body: '{"title":"Write the brief, again"}',
    });
    expect(put.status).toBe(200);
    expect(put.json()).not.toHaveProperty('priority');

    const merged = await send('PATCH', '/api/tasks/1', {
      headers: { ...MERGE_BODY, 'If-Match': put.headers.get('etag') ?? '' },
      body: '{"done":true}',
    });
    expect(merged.json()).toMatchObject({ done: true });
    const patched = await send('PATCH', '/api/tasks/1', {
      headers: { ...PATCH_BODY, 'If-Match': merged.headers.get('etag') ?? '' },
      body: '[{"op":"add","path":"/priority","value":5}]',
    });
    expect(patched.json()).toMatchObject({ priority: 5, done: true });
    const stale = await send('PATCH', '/api/tasks/1', {
      headers: { ...MERGE_BODY, 'If-Match': etag },
      body: '{"done":false}',
    });
    expect(stale.status).toBe(412);

    expect((await send('GET', '/api/tasks/1', { headers: { Accept: 'text/html' } })).status).toBe(
      406,
    );
    const wrongType = await send('POST', '/api/tasks', {
      headers: { 'Content-Type': 'text/plain' },
      body: 'Buy milk',
    });
    expect(wrongType.status).toBe(415);
    const invalid = await send('POST', '/api/tasks', { headers: JSON_BODY, body: '{"title":""}' });
    expect(invalid.status).toBe(422);
    expect(invalid.json()).toMatchObject({
      status: 422,
      instance: '/api/tasks',
      errors: [{ pointer: '/title', detail: 'must NOT have fewer than 1 characters' }],
    });
    const removed = await send('DELETE', '/api/tasks/2', {
      headers: { 'If-Match': (await send('GET', '/api/tasks/2')).headers.get('etag') ?? '' },
    });
    expect(removed.status).toBe(204);
  });
});
