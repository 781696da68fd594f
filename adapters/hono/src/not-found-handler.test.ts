import { describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { PROBLEM_JSON } from '@fielding/problem-errors';
import { httpErrorHandler, notFoundHandler } from './index.js';

describe('notFoundHandler', () => {
  it('answers unmatched requests with a problem+json 404', async () => {
    const app = new Hono();
    app.get('/blogs', (c) => c.json([]));
    app.notFound(notFoundHandler());
    const response = await app.request('/blogz?x=1', { method: 'DELETE' });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe(PROBLEM_JSON);
    expect(await response.json()).toMatchObject({
      status: 404,
      title: 'Not Found',
      detail: 'No resource at DELETE /blogz.',
    });
  });

  it('answers 404 without the app for any method it implements, 501 for others', async () => {
    const app = new Hono();
    app.get('/blogs', (c) => c.json([]));
    app.notFound(notFoundHandler());
    expect((await app.request('/blogs', { method: 'DELETE' })).status).toBe(404);
    const unknown = await app.request('/blogs', { method: 'PROPFIND' });
    expect(unknown.status).toBe(501);
    expect(await unknown.json()).toMatchObject({
      status: 501,
      detail: 'The method PROPFIND is not implemented by this server.',
    });
  });

  it('answers 405 with Allow where the app routes the path for other methods', async () => {
    const app = new Hono();
    app.use(async (_c, next) => next());
    app.get('/blogs/:id', (c) => c.json({ id: c.req.param('id') }));
    app.put('/blogs/:id', (c) => c.body(null, 204));
    app.notFound(notFoundHandler(app));
    const response = await app.request('/blogs/7', { method: 'DELETE' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD, PUT, OPTIONS');
    expect(response.headers.get('content-type')).toBe(PROBLEM_JSON);
    expect(await response.json()).toMatchObject({
      status: 405,
      detail: 'DELETE is not allowed on /blogs/7; use GET, HEAD, PUT, OPTIONS.',
    });
    expect((await app.request('/blogz/7', { method: 'DELETE' })).status).toBe(404);
  });

  it('answers OPTIONS on a routed path with 204 and Allow', async () => {
    const app = new Hono();
    app.post('/uploads', (c) => c.body(null, 201));
    app.notFound(notFoundHandler(app));
    const response = await app.request('/uploads', { method: 'OPTIONS' });
    expect(response.status).toBe(204);
    expect(response.headers.get('allow')).toBe('POST, OPTIONS');
  });

  it('does not count middleware as a route', async () => {
    const app = new Hono();
    app.on('GET', '/files/*', async (_c, next) => next());
    app.post('/files/upload', bodyLimit({ maxSize: 10 }), (c) => c.body(null, 201));
    app.notFound(notFoundHandler(app));
    expect((await app.request('/files/a', { method: 'DELETE' })).status).toBe(404);
    const upload = await app.request('/files/upload', { method: 'GET' });
    expect(upload.status).toBe(405);
    expect(upload.headers.get('allow')).toBe('POST, OPTIONS');
  });

  it('counts the routes of a sub-app that has its own onError', async () => {
    const blogs = new Hono();
    blogs.get('/:id', (c) => c.json({ id: c.req.param('id') }));
    blogs.onError(httpErrorHandler());
    const app = new Hono();
    app.route('/blogs', blogs);
    app.notFound(notFoundHandler(app));
    const response = await app.request('/blogs/7', { method: 'PATCH' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
  });

  it('knows the extension methods the routes register', async () => {
    const app = new Hono();
    app.on('PURGE', '/cache/:key', (c) => c.body(null, 204));
    app.on('QUERY', '/search', (c) => c.json([]));
    app.notFound(notFoundHandler(app));
    expect((await app.request('/elsewhere', { method: 'PURGE' })).status).toBe(404);
    const wrong = await app.request('/cache/a', { method: 'GET' });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('PURGE, OPTIONS');
    expect((await app.request('/elsewhere', { method: 'QUERY' })).status).toBe(404);
    expect((await app.request('/elsewhere', { method: 'PROPFIND' })).status).toBe(501);
  });

  it('answers 404 when the route for the method answered nothing', async () => {
    const app = new Hono();
    app.get('/maybe', async (_c, next) => next());
    app.notFound(notFoundHandler(app));
    expect((await app.request('/maybe')).status).toBe(404);
  });
});
