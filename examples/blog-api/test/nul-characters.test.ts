// PostgreSQL text cannot hold U+0000 (error 22021): a NUL in any text field used to reach the
// INSERT, answer 500 and print the statement's parameters to stderr. It is refused by the schema
// now (422 with a pointer to the field), and where a NUL can reach a query through the URL it is
// a 400 or a 404. Logs carry error codes and route templates, never what the client sent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { createLogger } from '../src/log.js';
import { openStore, type Store } from '../src/storage/store.js';

const NUL = '\u0000';

interface Row {
  name: string;
  method: string;
  path: string;
  body?: unknown;
  type?: string;
  status: number;
  pointer?: string;
}

const rows: Row[] = [
  {
    name: 'blog title',
    method: 'POST',
    path: '/api/v1/blogs',
    body: { title: `a${NUL}b` },
    status: 422,
    pointer: '/title',
  },
  {
    name: 'blog description',
    method: 'POST',
    path: '/api/v1/blogs',
    body: { title: 't', description: NUL },
    status: 422,
    pointer: '/description',
  },
  {
    name: 'article title',
    method: 'POST',
    path: '/api/v1/blogs/1/articles',
    body: { title: NUL, content: 'c' },
    status: 422,
    pointer: '/title',
  },
  {
    name: 'article content',
    method: 'POST',
    path: '/api/v1/blogs/1/articles',
    body: { title: 't', content: `x${NUL}` },
    status: 422,
    pointer: '/content',
  },
  {
    name: 'comment author',
    method: 'POST',
    path: '/api/v1/blogs/1/articles/1/comments',
    body: { author: `a${NUL}`, body: 'b' },
    status: 422,
    pointer: '/author',
  },
  {
    name: 'comment body',
    method: 'POST',
    path: '/api/v1/blogs/1/articles/1/comments',
    body: { author: 'a', body: `${NUL}b` },
    status: 422,
    pointer: '/body',
  },
  {
    name: 'a member name',
    method: 'POST',
    path: '/api/v1/blogs',
    body: { title: 't', [`x${NUL}`]: 1 },
    status: 422,
    pointer: `/x${NUL}`,
  },
  {
    name: 'PUT title',
    method: 'PUT',
    path: '/api/v1/blogs/2',
    body: { title: NUL },
    status: 422,
    pointer: '/title',
  },
  {
    name: 'merge patch',
    method: 'PATCH',
    path: '/api/v1/blogs/2',
    body: { description: NUL },
    type: 'application/merge-patch+json',
    status: 422,
    pointer: '/description',
  },
  {
    name: 'JSON Patch',
    method: 'PATCH',
    path: '/api/v1/blogs/2',
    body: [{ op: 'replace', path: '/title', value: NUL }],
    type: 'application/json-patch+json',
    status: 422,
    pointer: '/title',
  },
  { name: 'a sort field', method: 'GET', path: '/api/v1/blogs?sort=%00', status: 400 },
  { name: 'a fields list', method: 'GET', path: '/api/v1/blogs?fields=title,%00', status: 400 },
  { name: 'a page size', method: 'GET', path: '/api/v1/blogs?pageSize=1%00', status: 400 },
  { name: 'a path id', method: 'GET', path: '/api/v1/blogs/1%00', status: 404 },
  { name: 'a nested path id', method: 'GET', path: '/api/v1/blogs/1/articles/%00', status: 404 },
  { name: 'a relation name', method: 'GET', path: '/docs/rels/%00', status: 404 },
];

describe('NUL characters', () => {
  let store: Store;
  let app: (request: Request) => Response | Promise<Response>;
  const logs: string[] = [];

  beforeAll(async () => {
    store = await openStore({ dataDir: 'memory://' });
    app = createApp({ store, logger: createLogger((line) => logs.push(line)) });
  });
  afterAll(() => store.close());

  it.each(rows)('in $name → $status', async ({ method, path, body, type, status, pointer }) => {
    const headers = new Headers({ 'Content-Type': type ?? 'application/json' });
    if (method === 'PUT' || method === 'PATCH') {
      const current = await app(new Request(`http://api.test${path}`));
      headers.set('If-Match', current.headers.get('etag') ?? '');
    }
    const response = await app(
      new Request(`http://api.test${path}`, {
        method,
        headers,
        ...(body !== undefined && { body: JSON.stringify(body) }),
      }),
    );
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    const problem = (await response.json()) as { errors?: { pointer?: string }[] };
    if (pointer !== undefined) {
      expect(problem.errors?.map((issue) => issue.pointer)).toContain(pointer);
    }
    expect(logs).toEqual([]);
  });

  it('logs a server fault by route template and error code, not by what the client sent', async () => {
    const closed = await openStore({ dataDir: 'memory://', seed: false });
    const lines: string[] = [];
    const failing = createApp({ store: closed, logger: createLogger((line) => lines.push(line)) });
    await closed.close();
    const response = await failing(
      new Request('http://api.test/api/v1/blogs/1/articles?sort=secret-sort', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Secret': 'secret-header' },
        body: JSON.stringify({ title: 'secret-title', content: 'secret-content' }),
      }),
    );
    expect(response.status).toBe(500);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({
      level: 'error',
      event: 'request_failed',
      method: 'POST',
      route: '/api/v1/blogs/:blogId/articles',
      status: 500,
    });
    expect(lines[0]).not.toMatch(/secret|\/api\/v1\/blogs\/1/);
  });
});
