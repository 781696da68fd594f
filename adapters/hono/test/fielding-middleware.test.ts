// The issue's own examples over real HTTP (@hono/node-server on loopback): the real Fielding
// shallow-ETag middleware answering 304 for ordinary Hono handlers, the problem middleware
// rendering their errors, and mountFielding / httpErrorHandler / notFoundHandler side by side.
import type { Server } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { shallowEtag } from '@fielding/conditional-requests';
import { HttpError, notFound, problemDetails, PROBLEM_JSON } from '@fielding/problem-errors';
import { honoMiddleware, httpErrorHandler, mountFielding, notFoundHandler } from '../src/index.js';
import { send } from './adapter-suite.js';
import { close, listen } from './_servers.js';

describe('fielding middleware around hono handlers over real http', () => {
  const servers: Server[] = [];
  const start = async (app: Hono): Promise<string> => {
    const { origin, server } = await listen(app);
    servers.push(server);
    return origin;
  };
  afterAll(async () => {
    await Promise.all(servers.map(close));
  });

  it('gets 304 from shallowEtag for a c.json handler', async () => {
    const app = new Hono();
    app.use(honoMiddleware(shallowEtag()));
    app.get('/blogs/7', (c) => c.json({ id: 7, title: 'Hello' }));
    const origin = await start(app);
    const first = await send(`${origin}/blogs/7`);
    expect(first.status).toBe(200);
    expect(first.headers.etag).toMatch(/^(W\/)?"/);
    expect(JSON.parse(first.body.toString())).toEqual({ id: 7, title: 'Hello' });
    const second = await send(`${origin}/blogs/7`, {
      headers: { 'If-None-Match': first.headers.etag! },
    });
    expect(second.status).toBe(304);
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(second.body.byteLength).toBe(0);
    const head = await send(`${origin}/blogs/7`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.etag).toBe(first.headers.etag);
    expect(head.body.byteLength).toBe(0);
  });

  it('gets problem+json from problemDetails for errors of hono handlers', async () => {
    const app = new Hono();
    app.use(honoMiddleware(problemDetails()));
    app.get('/blogs/:id', (c) => {
      if (c.req.param('id') === '9') throw notFound({ detail: 'No blog 9.' });
      throw new Error('secret internals');
    });
    const origin = await start(app);
    const missing = await send(`${origin}/blogs/9`);
    expect(missing.status).toBe(404);
    expect(missing.headers['content-type']).toBe(PROBLEM_JSON);
    expect(JSON.parse(missing.body.toString())).toMatchObject({
      status: 404,
      detail: 'No blog 9.',
      instance: '/blogs/9',
    });
    const broken = await send(`${origin}/blogs/1`);
    expect(broken.status).toBe(500);
    expect(broken.headers['content-type']).toBe(PROBLEM_JSON);
    expect(broken.body.toString()).not.toContain('secret internals');
    // Hono's own 404 stays Hono's.
    const unrouted = await send(`${origin}/elsewhere`);
    expect(unrouted.status).toBe(404);
    expect(unrouted.body.toString()).toBe('404 Not Found');
  });

  it('keeps cors headers on a problem that replaced the handler response', async () => {
    const app = new Hono();
    app.use(cors({ origin: 'https://app.example' }));
    app.use(honoMiddleware(problemDetails()));
    app.get('/x', () => {
      throw new HttpError(409, { detail: 'Edited meanwhile.' });
    });
    const origin = await start(app);
    const reply = await send(`${origin}/x`, { headers: { Origin: 'https://app.example' } });
    expect(reply.status).toBe(409);
    expect(reply.headers['access-control-allow-origin']).toBe('https://app.example');
    expect(reply.headers['content-type']).toBe(PROBLEM_JSON);
    expect(reply.headers['content-length']).toBe(String(reply.body.byteLength));
  });

  it('serves a mounted app next to hono routes with problem+json errors and 404s', async () => {
    const app = new Hono();
    app.get('/health', (c) => c.text('ok'));
    mountFielding(app, '/api', (request) => {
      const { pathname } = new URL(request.url);
      if (pathname === '/api/blogs') {
        return Response.json([], { headers: { Link: '</api/blogs?page=2>; rel="next"' } });
      }
      throw new HttpError(404, { detail: `No ${pathname}.` });
    });
    app.get('/legacy', () => {
      throw new HttpError(410, { detail: 'Gone for good.' });
    });
    app.onError(httpErrorHandler());
    app.notFound(notFoundHandler());
    const origin = await start(app);
    expect((await send(`${origin}/health`)).body.toString()).toBe('ok');
    const blogs = await send(`${origin}/api/blogs`);
    expect(blogs.headers.link).toBe('</api/blogs?page=2>; rel="next"');
    const missing = await send(`${origin}/api/nope`);
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body.toString()).detail).toBe('No /api/nope.');
    const gone = await send(`${origin}/legacy`);
    expect(gone.status).toBe(410);
    expect(gone.headers['content-type']).toBe(PROBLEM_JSON);
    const unrouted = await send(`${origin}/nowhere`);
    expect(unrouted.status).toBe(404);
    expect(unrouted.headers['content-type']).toBe(PROBLEM_JSON);
  });
});
