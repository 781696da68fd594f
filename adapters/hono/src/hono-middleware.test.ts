import { describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import type { Middleware } from '@fielding/core';
import { HttpError } from '@fielding/problem-errors';
import { honoMiddleware } from './index.js';

const passThrough: Middleware = (request, next) => next(request);

describe('honoMiddleware', () => {
  it('resolves next with the response of a hono handler', async () => {
    let seen: { status: number; body: unknown } | undefined;
    const app = new Hono();
    app.use(
      honoMiddleware(async (request, next) => {
        const response = await next(request);
        seen = { status: response.status, body: await response.clone().json() };
        return response;
      }),
    );
    app.get('/blogs/7', (c) => c.json({ id: 7 }, 201));
    const response = await app.request('/blogs/7');
    expect(seen).toEqual({ status: 201, body: { id: 7 } });
    expect(await response.json()).toEqual({ id: 7 });
  });

  it('keeps a response changed in place as the same object', async () => {
    let resolved: Response | undefined;
    let captured: Response | undefined;
    const app = new Hono();
    app.use(async (c, next) => {
      await next();
      captured = c.res;
    });
    app.use(
      honoMiddleware(async (request, next) => {
        const response = await next(request);
        resolved = response;
        response.headers.set('X-Powered-By', 'Fielding');
        return response;
      }),
    );
    const made = new Response('raw', { headers: { 'X-Handler': '1' } });
    app.get('/x', () => made);
    const response = await app.request('/x');
    expect(resolved).toBe(made);
    expect(captured).toBe(made);
    expect(response.headers.get('x-powered-by')).toBe('Fielding');
    expect(response.headers.get('x-handler')).toBe('1');
    expect(await response.text()).toBe('raw');
  });

  it('sends a replacing response with its own values, not merged the hono way', async () => {
    const app = new Hono();
    app.use(
      honoMiddleware(async (request, next) => {
        await next(request);
        return new Response(null, {
          status: 304,
          headers: { ETag: '"v1"', 'Cache-Control': 'max-age=5' },
        });
      }),
    );
    app.get('/x', (c) =>
      c.text('hello', 200, {
        ETag: '"v0"',
        'Cache-Control': 'no-store',
        'Content-Language': 'en',
        'X-Request-Id': 'r1',
      }),
    );
    const response = await app.request('/x');
    expect(response.status).toBe(304);
    expect(Object.fromEntries(response.headers)).toEqual({
      etag: '"v1"',
      'cache-control': 'max-age=5',
      'x-request-id': 'r1',
    });
  });

  it('carries headers earlier middleware set into a replacing response', async () => {
    const app = new Hono();
    app.use(async (c, next) => {
      // What hono/cors does: set on c.res before next.
      c.res.headers.set('Access-Control-Allow-Origin', '*');
      c.res.headers.set('Cache-Control', 'no-store');
      c.res.headers.append('Set-Cookie', 'a=1');
      c.res.headers.append('Set-Cookie', 'b=2');
      await next();
    });
    app.use(
      honoMiddleware(
        () =>
          new Response('{}', {
            status: 412,
            headers: {
              'Content-Type': 'application/json',
              'Cache-Control': 'private',
              'Set-Cookie': 'b=2',
            },
          }),
      ),
    );
    app.get('/x', (c) => c.text('never'));
    const response = await app.request('/x');
    expect(response.status).toBe(412);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('cache-control')).toBe('private');
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.getSetCookie()).toEqual(['b=2', 'a=1']);
  });

  it('copies a replacing response whose headers are immutable', async () => {
    const app = new Hono();
    app.use(async (c, next) => {
      c.header('X-Request-Id', 'r1');
      c.res.headers.set('X-Early', '1');
      await next();
    });
    app.use(honoMiddleware(() => Response.redirect('http://example.com/elsewhere', 307)));
    const response = await app.request('/x');
    expect(response.status).toBe(307);
    expect(response.headers.get('location')).toBe('http://example.com/elsewhere');
    expect(response.headers.get('x-early')).toBe('1');
    expect(response.headers.get('x-request-id')).toBe('r1');
  });

  it('rejects next with the error a hono handler threw', async () => {
    const app = new Hono();
    app.use(
      honoMiddleware(async (request, next) => {
        try {
          return await next(request);
        } catch (error) {
          return Response.json({ caught: (error as Error).message }, { status: 500 });
        }
      }),
    );
    app.get('/x', () => {
      throw new Error('handler broke');
    });
    app.onError((_error, c) => c.text('hono onError', 500));
    const response = await app.request('/x');
    expect(await response.json()).toEqual({ caught: 'handler broke' });
  });

  it('lets an outer fielding middleware see the answer of an inner one, not its error', async () => {
    let outer = '';
    let logged: Error | undefined;
    const app = new Hono();
    app.use(async (c, next) => {
      await next();
      logged = c.error;
    });
    app.use(
      honoMiddleware(async (request, next) => {
        const response = await next(request);
        outer = `outer saw ${response.status}`;
        return response;
      }),
    );
    app.use(
      honoMiddleware(async (request, next) => {
        try {
          return await next(request);
        } catch {
          return new Response('answered', { status: 409 });
        }
      }),
    );
    app.get('/x', () => {
      throw new Error('conflict');
    });
    const response = await app.request('/x');
    expect(response.status).toBe(409);
    expect(await response.text()).toBe('answered');
    expect(outer).toBe('outer saw 409');
    expect(logged?.message).toBe('conflict');
  });

  it('rejects next with a non-error value a handler threw', async () => {
    const app = new Hono();
    app.use(
      honoMiddleware(async (request, next) => {
        try {
          return await next(request);
        } catch (error) {
          return new Response(`caught ${String(error)}`);
        }
      }),
    );
    app.get('/x', () => {
      throw 'a string';
    });
    expect(await (await app.request('/x')).text()).toBe('caught a string');
  });

  it('leaves an error the middleware does not handle to app.onError', async () => {
    const app = new Hono();
    app.use(honoMiddleware(passThrough));
    app.get('/x', () => {
      throw new HttpError(409);
    });
    app.onError((error, c) => c.text(`onError ${(error as HttpError).status}`, 500));
    const response = await app.request('/x');
    expect(response.status).toBe(500);
    expect(await response.text()).toBe('onError 409');
  });

  it('does not report an error that happened before it', async () => {
    const app = new Hono();
    app.use(async (c, next) => {
      c.error = new Error('earlier');
      await next();
    });
    app.use(honoMiddleware(passThrough));
    app.get('/x', (c) => c.text('fine'));
    expect(await (await app.request('/x')).text()).toBe('fine');
  });

  it("keeps hono's own 404", async () => {
    let status = 0;
    const app = new Hono();
    app.use(
      honoMiddleware(async (request, next) => {
        const response = await next(request);
        status = response.status;
        return response;
      }),
    );
    const response = await app.request('/nowhere');
    expect(status).toBe(404);
    expect(await response.text()).toBe('404 Not Found');
  });

  it('answers itself when it never calls next', async () => {
    let ran = false;
    const app = new Hono();
    app.use(honoMiddleware(() => new Response('short-circuit', { status: 503 })));
    app.get('/x', (c) => {
      ran = true;
      return c.text('handler');
    });
    const response = await app.request('/x');
    expect(response.status).toBe(503);
    expect(await response.text()).toBe('short-circuit');
    expect(ran).toBe(false);
  });

  it('refuses a second call of next', async () => {
    const app = new Hono();
    app.use(
      honoMiddleware(async (request, next) => {
        await next(request);
        try {
          await next(request);
          return new Response('twice');
        } catch (error) {
          return new Response(`${(error as Error).name}: ${(error as Error).message}`);
        }
      }),
    );
    app.get('/x', (c) => c.text('once'));
    expect(await (await app.request('/x')).text()).toBe('TypeError: next() was called twice.');
  });

  it('hands a rebuilt request to the hono handlers', async () => {
    const app = new Hono();
    app.use(
      honoMiddleware((request, next) => {
        const headers = new Headers(request.headers);
        headers.set('X-User', 'ada');
        return next(new Request(request, { headers }));
      }),
    );
    app.get('/x', (c) => c.text(`user ${c.req.header('x-user')}`));
    expect(await (await app.request('/x')).text()).toBe('user ada');
  });

  it('passes a streamed body through without reading it', async () => {
    let pulls = 0;
    const stream = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          pulls++;
          controller.enqueue(new TextEncoder().encode(`chunk${pulls};`));
          if (pulls === 3) controller.close();
        },
      },
      { highWaterMark: 0 },
    );
    const app = new Hono();
    app.use(honoMiddleware(passThrough));
    app.get('/x', () => new Response(stream));
    const response = await app.request('/x');
    expect(pulls).toBe(0);
    expect(response.body).toBe(stream);
    expect(await response.text()).toBe('chunk1;chunk2;chunk3;');
  });

  it('runs on head requests, which hono routes as get', async () => {
    let method = '';
    const app = new Hono();
    app.use(
      honoMiddleware(async (request, next) => {
        method = request.method;
        const response = await next(request);
        response.headers.set('X-Seen', '1');
        return response;
      }),
    );
    app.get('/x', (c) => c.text('body'));
    const response = await app.request('/x', { method: 'HEAD' });
    expect(method).toBe('HEAD');
    expect(response.headers.get('x-seen')).toBe('1');
    expect(await response.text()).toBe('');
  });
});
