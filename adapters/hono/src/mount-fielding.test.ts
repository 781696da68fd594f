import { describe, expect, expectTypeOf, it } from 'vitest';
import { Hono } from 'hono';
import { HttpError, PROBLEM_JSON } from '@fielding/problem-errors';
import { httpErrorHandler, mountFielding } from './index.js';

const echo = (request: Request): Response =>
  Response.json({ method: request.method, url: request.url });

describe('mountFielding hands over', () => {
  it('c.req.raw itself, its body unread', async () => {
    let seen: Request | undefined;
    const app = new Hono();
    mountFielding(app, '/blogs', (request) => {
      seen = request;
      return new Response('ok');
    });
    const request = new Request('http://example.com/blogs/7', { method: 'POST', body: 'x' });
    const response = await app.fetch(request);
    expect(await response.text()).toBe('ok');
    expect(seen).toBe(request);
    expect(request.bodyUsed).toBe(false);
  });

  it('the handler response object unchanged', async () => {
    const made = new Response('same', { status: 202, headers: { 'X-Mine': '1' } });
    const app = new Hono();
    mountFielding(app, '/x', () => made);
    expect(await app.request('/x')).toBe(made);
  });

  it('the response of an async handler', async () => {
    const app = new Hono();
    mountFielding(app, '/x', async () => {
      await Promise.resolve();
      return Response.json({ late: true });
    });
    expect(await (await app.request('/x')).json()).toEqual({ late: true });
  });

  it.each([
    [
      'thrown',
      (): Response => {
        throw new HttpError(404, { detail: 'No blog.' });
      },
    ],
    [
      'rejected',
      async (): Promise<Response> => {
        throw new HttpError(404, { detail: 'No blog.' });
      },
    ],
  ])('a %s http error as problem+json without app.onError', async (_how, handler) => {
    const app = new Hono();
    mountFielding(app, '/x', handler);
    const response = await app.request('/x');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe(PROBLEM_JSON);
    expect(await response.json()).toMatchObject({ status: 404, detail: 'No blog.' });
  });

  it.each([
    [
      'thrown',
      (): Response => {
        throw new Error('boom');
      },
    ],
    [
      'rejected',
      async (): Promise<Response> => {
        throw new Error('boom');
      },
    ],
  ])('a %s other error to app.onError', async (_how, handler) => {
    const app = new Hono();
    mountFielding(app, '/x', handler);
    app.onError((error, c) => c.text(`caught ${error.message}`, 503));
    const response = await app.request('/x');
    expect(response.status).toBe(503);
    expect(await response.text()).toBe('caught boom');
  });
});

// The README's one line for a handler on a single route and method, instead of a second verb.
describe('a handler on one route', () => {
  it('answers with c.req.raw, and its http errors are problems through httpErrorHandler', async () => {
    const upload = (request: Request): Response => {
      if (request.headers.get('content-type') !== 'text/plain') {
        throw new HttpError(415, { detail: 'Send text/plain.' });
      }
      return echo(request);
    };
    const app = new Hono();
    app.post('/uploads/:id', (c) => upload(c.req.raw));
    app.onError(httpErrorHandler());
    const ok = await app.request('/uploads/7', {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: 'x',
    });
    expect(await ok.json()).toEqual({ method: 'POST', url: 'http://localhost/uploads/7' });
    const refused = await app.request('/uploads/7', { method: 'POST', body: new Uint8Array(1) });
    expect(refused.status).toBe(415);
    expect(refused.headers.get('content-type')).toBe(PROBLEM_JSON);
    expect(await refused.json()).toMatchObject({ status: 415, detail: 'Send text/plain.' });
  });
});

describe('mountFielding', () => {
  it.each([
    ['/api', 'GET', '/api'],
    ['/api', 'GET', '/api/'],
    ['/api', 'PUT', '/api/blogs/7?x=1'],
    ['/api/', 'DELETE', '/api/blogs'],
    ['/', 'PATCH', '/anything/at/all'],
    ['/', 'GET', '/'],
    ['', 'POST', '/blogs'],
  ])('on %s answers %s %s with the full original url', async (prefix, method, path) => {
    const app = new Hono();
    mountFielding(app, prefix, echo);
    const response = await app.request(path, { method });
    expect(await response.json()).toEqual({ method, url: `http://localhost${path}` });
  });

  it('serves a route pattern and what is below it, every method', async () => {
    const app = new Hono();
    mountFielding(app, '/users/:id', echo);
    for (const [method, path] of [
      ['GET', '/users/7'],
      ['DELETE', '/users/7'],
      ['POST', '/users/7/avatar'],
    ] as const) {
      const response = await app.request(path, { method });
      expect(await response.json()).toEqual({ method, url: `http://localhost${path}` });
    }
    expect((await app.request('/users')).status).toBe(404);
  });

  it('leaves paths that only start like the prefix to hono', async () => {
    const app = new Hono();
    mountFielding(app, '/api', echo);
    const response = await app.request('/apix');
    expect(response.status).toBe(404);
    expect(await response.text()).toBe('404 Not Found');
  });

  it('keeps the prefix where hono app.mount strips it', async () => {
    const fielding = new Hono();
    mountFielding(fielding, '/api', echo);
    const native = new Hono();
    native.mount('/api', echo);
    const ours = await (await fielding.request('/api/blogs/7')).json();
    const hono = await (await native.request('/api/blogs/7')).json();
    expect(ours.url).toBe('http://localhost/api/blogs/7');
    expect(hono.url).toBe('http://localhost/blogs/7');
  });

  it('honours the base path of the app and returns it for chaining', async () => {
    const app = new Hono().basePath('/v1');
    const returned = mountFielding(app, '/api', echo);
    expect(returned).toBe(app);
    const response = await app.request('/v1/api/blogs');
    expect(await response.json()).toEqual({ method: 'GET', url: 'http://localhost/v1/api/blogs' });
    expect((await app.request('/api/blogs')).status).toBe(404);
  });

  it('lets routes registered before it win', async () => {
    const app = new Hono();
    app.get('/api/health', (c) => c.text('hono'));
    mountFielding(app, '/api', echo);
    expect(await (await app.request('/api/health')).text()).toBe('hono');
    expect((await app.request('/api/blogs')).headers.get('content-type')).toMatch(/json/);
  });

  it('keeps the type of a typed app', async () => {
    type AppEnv = { Variables: { user: string } };
    const app = new Hono<AppEnv>();
    const returned = mountFielding(app, '/api', echo);
    expectTypeOf(returned).toEqualTypeOf<Hono<AppEnv>>();
    expect((await app.request('/api')).status).toBe(200);
  });

  it('keeps the head method for the handler', async () => {
    let method = '';
    const app = new Hono();
    mountFielding(app, '/api', (request) => {
      method = request.method;
      return new Response('body', { headers: { 'Content-Length': '4' } });
    });
    const response = await app.request('/api/x', { method: 'HEAD' });
    expect(method).toBe('HEAD');
    expect(response.headers.get('content-length')).toBe('4');
    expect(await response.text()).toBe('');
  });
});
