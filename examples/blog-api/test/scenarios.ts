// One HTTP scenario suite, run against every server entry point (node, Express, Fastify, Hono)
// over real HTTP on loopback. Each run gets a fresh in-memory database with the seed data.
import { Client } from 'ketting';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { createMetrics } from '../src/metrics.js';
import type { RunningServer, StartServer } from '../src/servers/types.js';
import { openStore, type Store } from '../src/storage/store.js';

const HAL = 'application/hal+json';

export function runScenarios(name: string, start: StartServer): void {
  describe(`blog API on ${name}`, () => {
    let store: Store;
    let server: RunningServer;
    const url = (path: string) => `${server.url}${path}`;
    const send = (path: string, init: RequestInit = {}) => fetch(url(path), init);
    const json = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
      body: JSON.stringify(body),
      headers: { 'Content-Type': 'application/json', ...headers },
    });

    beforeAll(async () => {
      store = await openStore({ dataDir: 'memory://' });
      server = await start(
        createApp({ store, metrics: createMetrics(), version: '1.2.3', commit: 'abc' }),
        0,
      );
    });
    afterAll(async () => {
      await server.close();
      await store.close();
    });

    it('serves the API root as HAL with templated links', async () => {
      const response = await send('/api/v1');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe(HAL);
      const body = await response.json();
      expect(body._links.self.href).toBe('/api/v1');
      expect(body._links['doc:blogs'].href).toContain('/api/v1/blogs');
      expect(body._links['doc:blog']).toMatchObject({
        href: '/api/v1/blogs/{blogId}',
        templated: true,
      });
      expect(body._links.curies[0]).toMatchObject({ name: 'doc', templated: true });
    });

    it('lets a third-party HAL client (ketting) follow links from the root', async () => {
      const client = new Client(url('/api/v1'));
      const blog = await client.go().follow('doc:blog', { blogId: 1 });
      const state = await blog.get();
      expect(state.data.title).toBe('Hypermedia Field Notes');
      const articles = await (await blog.follow('doc:articles')).get();
      expect(articles.data.total).toBe(2);
      expect(articles.links.has('doc:find')).toBe(true);
    });

    it('creates with 201, Location and an ETag, then reads it back', async () => {
      const created = await send('/api/v1/blogs', {
        method: 'POST',
        ...json({ title: 'New', description: 'd' }),
      });
      expect(created.status).toBe(201);
      const location = created.headers.get('location') ?? '';
      expect(location).toMatch(/^\/api\/v1\/blogs\/\d+$/);
      expect(created.headers.get('etag')).toBe('"v1-hal"');
      const read = await send(location);
      expect(read.status).toBe(200);
      expect((await read.json()).title).toBe('New');
    });

    it('answers a conditional read with 304 and no body', async () => {
      const first = await send('/api/v1/blogs/1');
      const etag = first.headers.get('etag') ?? '';
      // Node's fetch adds `Cache-Control: no-cache` and `Pragma: no-cache` itself, as every
      // fetch does; validation at the origin is exactly what no-cache asks for (RFC 9111
      // §5.2.1.4), so the 304 still comes.
      const again = await send('/api/v1/blogs/1', { headers: { 'If-None-Match': etag } });
      expect(again.status).toBe(304);
      expect(again.headers.get('etag')).toBe(etag);
      expect(again.headers.get('vary')).toContain('Accept');
      expect(await again.text()).toBe('');
    });

    it('gives each representation its own strong ETag', async () => {
      const hal = await send('/api/v1/blogs/1');
      const html = await send('/api/v1/blogs/1', { headers: { Accept: 'text/html' } });
      expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(hal.headers.get('etag')).not.toBe(html.headers.get('etag'));
    });

    it('requires If-Match on writes (428) and refuses stale ones (412 with the current ETag)', async () => {
      const missing = await send('/api/v1/blogs/2', { method: 'PUT', ...json({ title: 'x' }) });
      expect(missing.status).toBe(428);
      expect(missing.headers.get('content-type')).toBe('application/problem+json');
      const stale = await send('/api/v1/blogs/2', {
        method: 'PUT',
        ...json({ title: 'x' }, { 'If-Match': '"v99-hal"' }),
      });
      expect(stale.status).toBe(412);
      expect(stale.headers.get('etag')).toBe('"v1-hal"');
      const fresh = await send('/api/v1/blogs/2', {
        method: 'PUT',
        ...json({ title: 'Renamed' }, { 'If-Match': '"v1-hal"' }),
      });
      expect(fresh.status).toBe(200);
      expect(fresh.headers.get('etag')).toBe('"v2-hal"');
    });

    it('applies merge patch and JSON Patch, and answers a failed test with 409', async () => {
      const article = '/api/v1/blogs/1/articles/1';
      const etag = (await send(article)).headers.get('etag') ?? '';
      const merged = await send(article, {
        method: 'PATCH',
        body: JSON.stringify({ title: 'Merged title' }),
        headers: { 'Content-Type': 'application/merge-patch+json', 'If-Match': etag },
      });
      expect(merged.status).toBe(200);
      expect((await merged.json()).title).toBe('Merged title');
      const next = merged.headers.get('etag') ?? '';
      const patched = await send(article, {
        method: 'PATCH',
        body: JSON.stringify([
          { op: 'test', path: '/title', value: 'Merged title' },
          { op: 'replace', path: '/content', value: 'Patched' },
        ]),
        headers: { 'Content-Type': 'application/json-patch+json', 'If-Match': next },
      });
      expect(patched.status).toBe(200);
      expect((await patched.json()).content).toBe('Patched');
      const failing = await send(article, {
        method: 'PATCH',
        body: JSON.stringify([{ op: 'test', path: '/title', value: 'not it' }]),
        headers: {
          'Content-Type': 'application/json-patch+json',
          'If-Match': patched.headers.get('etag') ?? '',
        },
      });
      expect(failing.status).toBe(409);
    });

    it('refuses an unknown patch format with 415 and Accept-Patch', async () => {
      const etag = (await send('/api/v1/blogs/3')).headers.get('etag') ?? '';
      const response = await send('/api/v1/blogs/3', {
        method: 'PATCH',
        body: '<patch/>',
        headers: { 'Content-Type': 'application/xml', 'If-Match': etag },
      });
      expect(response.status).toBe(415);
      expect(response.headers.get('accept-patch')).toContain('application/merge-patch+json');
    });

    it('validates bodies with 422 and JSON Pointers', async () => {
      const response = await send('/api/v1/blogs', {
        method: 'POST',
        ...json({ title: '', extra: 1 }),
      });
      expect(response.status).toBe(422);
      const problem = await response.json();
      const pointers = problem.errors.map((issue: { pointer: string }) => issue.pointer);
      expect(pointers).toEqual(expect.arrayContaining(['/title', '/extra']));
    });

    it('pages collections with links in the body and the Link header', async () => {
      const response = await send('/api/v1/blogs?pageIndex=1&pageSize=2&sort=-title&fields=title');
      expect(response.status).toBe(200);
      const body = await response.json();
      expect(body).toMatchObject({ pageIndex: 1, pageSize: 2 });
      expect(body.totalPages).toBe(Math.ceil(body.total / 2));
      expect(body._links.next.href).toContain('pageIndex=2');
      expect(body._links.next.href).toContain('sort=-title');
      const items = body._embedded['doc:blogs'];
      expect(Object.keys(items[0]).sort()).toEqual(['_links', 'id', 'title']);
      expect(items[0].title >= items[1].title).toBe(true);
      expect(response.headers.get('link')).toContain('rel="next"');
    });

    it('rejects bad paging input with 400 naming the parameter', async () => {
      const response = await send('/api/v1/blogs?pageSize=1000');
      expect(response.status).toBe(400);
      const problem = await response.json();
      expect(problem.errors[0].parameter).toBe('pageSize');
    });

    it('serves collections as CSV and answers 406 for what it cannot produce', async () => {
      const csv = await send('/api/v1/blogs', { headers: { Accept: 'text/csv' } });
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect((await csv.text()).split('\r\n')[0]).toContain('title');
      const none = await send('/api/v1/blogs/1', { headers: { Accept: 'image/png' } });
      expect(none.status).toBe(406);
      expect(none.headers.get('content-type')).toBe('application/problem+json');
    });

    it('offers HAL-FORMS templates generated from the schema', async () => {
      const response = await send('/api/v1/blogs/1', {
        headers: { Accept: 'application/prs.hal-forms+json' },
      });
      expect(response.headers.get('content-type')).toBe('application/prs.hal-forms+json');
      const body = await response.json();
      expect(body._templates.default.method).toBe('PUT');
      expect(body._templates.default.properties.map((p: { name: string }) => p.name)).toContain(
        'title',
      );
    });

    it('answers 404, 405 with Allow, OPTIONS with Allow and Accept-Patch, and HEAD', async () => {
      expect((await send('/api/v1/nothing')).status).toBe(404);
      expect((await send('/api/v1/blogs/999999')).status).toBe(404);
      const wrong = await send('/api/v1/blogs', { method: 'DELETE' });
      expect(wrong.status).toBe(405);
      expect(wrong.headers.get('allow')).toContain('POST');
      const options = await send('/api/v1/blogs/1', { method: 'OPTIONS' });
      expect(options.headers.get('allow')).toContain('PATCH');
      expect(options.headers.get('accept-patch')).toContain('application/json-patch+json');
      const head = await send('/api/v1/blogs/1', { method: 'HEAD' });
      expect(head.status).toBe(200);
      expect(head.headers.get('etag')).toMatch(/^"v\d+-hal"$/);
      expect(await head.text()).toBe('');
    });

    it('refuses unsupported bodies with 415 and huge ones with 413', async () => {
      const wrongType = await send('/api/v1/blogs', {
        method: 'POST',
        body: 'title=x',
        headers: { 'Content-Type': 'text/plain' },
      });
      expect(wrongType.status).toBe(415);
      const huge = await send('/api/v1/blogs', {
        method: 'POST',
        ...json({ title: 'x'.repeat(1_100_000) }),
      });
      expect(huge.status).toBe(413);
      expect(huge.headers.get('content-type')).toBe('application/problem+json');
    });

    it('deletes with If-Match and 204', async () => {
      const created = await send('/api/v1/blogs', {
        method: 'POST',
        ...json({ title: 'Short-lived' }),
      });
      const location = created.headers.get('location') ?? '';
      const etag = created.headers.get('etag') ?? '';
      expect(
        (await send(location, { method: 'DELETE', headers: { 'If-Match': etag } })).status,
      ).toBe(204);
      expect((await send(location)).status).toBe(404);
    });

    it('reports health, version and metrics', async () => {
      expect(await (await send('/health')).json()).toMatchObject({ status: 'ok' });
      expect(await (await send('/version')).json()).toEqual({ version: '1.2.3', commit: 'abc' });
      const metrics = await (await send('/metrics')).text();
      expect(metrics).toContain('http_requests_total');
      expect(metrics).toContain('http_request_duration_seconds_bucket');
    });
  });
}
