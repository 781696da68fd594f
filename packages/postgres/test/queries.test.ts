// What each request costs in statements, counted at the client (PGlite, in process): a
// revalidation answered 304 never reads the row, and embedding costs one statement per embed
// whatever the page size (no N+1).
import type { PGlite } from '@electric-sql/pglite';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Api } from '@fielding/resource';
import { startPglite } from './support/pglite.js';
import { createTables, storesOf, tasksApi } from './support/api.js';
import { counting, type Counting } from './support/counting.js';

let db: PGlite;
let prefixes = 0;

beforeAll(async () => {
  db = await startPglite();
});

async function setUp(): Promise<{ api: Api; client: Counting }> {
  const prefix = `q${++prefixes}`;
  await createTables(db, prefix);
  const client = counting(db);
  return { api: tasksApi(storesOf(client, prefix)), client };
}

const JSON_TYPE = { 'Content-Type': 'application/json' };

async function post(api: Api, path: string, body: unknown): Promise<string> {
  const response = await api.fetch(
    new Request(`http://api.test${path}`, {
      method: 'POST',
      headers: JSON_TYPE,
      body: JSON.stringify(body),
    }),
  );
  expect(response.status).toBe(201);
  return (await response.json()).id as string;
}

const get = (api: Api, path: string, headers: Record<string, string> = {}) =>
  api.fetch(new Request(`http://api.test${path}`, { headers }));

describe('a revalidation', () => {
  it('answers 304 from the validator alone: one statement, which reads no value', async () => {
    const { api, client } = await setUp();
    const id = await post(api, '/api/tasks', { title: 'cached', priority: 2 });
    const first = await get(api, `/api/tasks/${id}`);
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag') ?? '';
    client.reset();
    const again = await get(api, `/api/tasks/${id}`, { 'If-None-Match': etag });
    expect(again.status).toBe(304);
    expect(client.texts).toHaveLength(1);
    expect(client.texts[0]).toMatch(/^SELECT version, /);
    expect(client.texts[0]).not.toMatch(/\bvalue\b/);
  });

  it('a 200 reads the validator, then the row: two statements', async () => {
    const { api, client } = await setUp();
    const id = await post(api, '/api/tasks', { title: 'fresh' });
    client.reset();
    const response = await get(api, `/api/tasks/${id}`, { 'If-None-Match': '"v0-stale-hal"' });
    expect(response.status).toBe(200);
    expect(client.texts).toHaveLength(2);
    expect(client.texts[1]).toMatch(/\bvalue\b/);
  });
});

describe('embedding', () => {
  it.each([3, 40])(
    'a page of %i tasks with ?embed=assignee costs three statements: page, count, getMany',
    async (size) => {
      const { api, client } = await setUp();
      const users = [];
      for (let index = 0; index < 3; index++) {
        users.push(await post(api, '/api/users', { name: `user ${index}` }));
      }
      for (let index = 0; index < size; index++) {
        await post(api, '/api/tasks', { title: `t${index}`, assigneeId: users[index % 3] });
      }
      client.reset();
      const response = await get(api, '/api/tasks?embed=assignee&limit=100');
      expect(response.status).toBe(200);
      const body = await response.json();
      expect(body._embedded.tasks).toHaveLength(size);
      for (const task of body._embedded.tasks) {
        expect(task._embedded.assignee.id).toBe(task.assigneeId);
      }
      expect(client.texts).toHaveLength(3);
      expect(
        client.texts.filter((text) => text.includes('jsonb_array_elements_text')),
      ).toHaveLength(1);
    },
  );

  it.each([2, 25])(
    'a page of %i blogs with ?embed=articles costs three statements: page, count, listMany',
    async (size) => {
      const { api, client } = await setUp();
      for (let index = 0; index < size; index++) {
        const blog = await post(api, '/api/blogs', { title: `blog ${index}` });
        for (const title of ['c', 'a', 'b']) {
          await post(api, `/api/blogs/${blog}/articles`, { title });
        }
      }
      client.reset();
      const response = await get(api, '/api/blogs?embed=articles&page_size=100');
      expect(response.status).toBe(200);
      const body = await response.json();
      expect(body._embedded.blogs).toHaveLength(size);
      for (const blog of body._embedded.blogs) {
        expect(blog._embedded.articles.map((article: { title: string }) => article.title)).toEqual([
          'a',
          'b',
        ]);
      }
      expect(client.texts).toHaveLength(3);
      expect(client.texts.filter((text) => text.includes('row_number()'))).toHaveLength(1);
    },
  );
});
