// The issue's own examples with the real Fielding middleware around ordinary Fastify routes
// (the shallow-ETag middleware answering 304, the problem middleware rendering errors), and
// what the capture of reply.raw (captureResponse of @fielding/node) makes of each answer.
import { Readable } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import type { Middleware } from '@fielding/core';
import { shallowEtag } from '@fielding/conditional-requests';
import { HttpError, notFound, problemDetails, PROBLEM_JSON } from '@fielding/problem-errors';
import { fastifyMiddleware, httpErrorHandler, mountFielding } from './index.js';
import { send } from '../test/adapter-suite.js';
import { FASTIFY_VERSIONS, startApps } from '../test/_servers.js';

const stamp =
  (value: string): Middleware =>
  async (request, next) => {
    const response = await next(request);
    response.headers.append('X-Stamp', value);
    return response;
  };

describe.each(FASTIFY_VERSIONS)('fastify middleware on %s', (_name, fastify) => {
  const start = startApps();

  it('gets 304 from shallowEtag for a reply.send route', async () => {
    const app = fastify();
    await app.register(fastifyMiddleware(shallowEtag()));
    app.get('/blogs/7', async (_request, reply) => reply.send({ id: 7, title: 'Hello' }));
    const origin = await start(app);
    const first = await send(`${origin}/blogs/7`);
    expect(first.status).toBe(200);
    expect(first.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(first.body.toString())).toEqual({ id: 7, title: 'Hello' });
    expect(first.headers.etag).toBeDefined();
    expect(first.headers['content-length']).toBe(String(first.body.byteLength));
    const second = await send(`${origin}/blogs/7`, {
      headers: { 'If-None-Match': first.headers.etag! },
    });
    expect(second.status).toBe(304);
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(second.body.byteLength).toBe(0);
    // Fastify drops a HEAD body before writing: the middleware sees the head only, with the
    // Content-Length of the GET.
    const head = await send(`${origin}/blogs/7`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(first.headers['content-length']);
    expect(head.body.byteLength).toBe(0);
  });

  it("shows the middleware fastify's own answers to errors and unknown routes", async () => {
    const app = fastify();
    app.setErrorHandler(httpErrorHandler());
    await app.register(fastifyMiddleware(stamp('seen')));
    app.get('/blogs/9', async () => {
      throw notFound({ detail: 'No blog 9.' });
    });
    app.get('/blogs/1', () => {
      throw new Error('secret internals');
    });
    const origin = await start(app);
    const missing = await send(`${origin}/blogs/9`);
    expect(missing.status).toBe(404);
    expect(missing.headers['content-type']).toBe(PROBLEM_JSON);
    expect(missing.headers['x-stamp']).toBe('seen');
    expect(JSON.parse(missing.body.toString())).toMatchObject({
      status: 404,
      detail: 'No blog 9.',
    });
    const broken = await send(`${origin}/blogs/1`);
    expect(broken.status).toBe(500);
    expect(broken.headers['content-type']).toBe(PROBLEM_JSON);
    expect(broken.headers['x-stamp']).toBe('seen');
    expect(broken.body.toString()).not.toContain('secret internals');
    // Fastify's own 404 reaches the middleware as a response too.
    const unknown = await send(`${origin}/nowhere`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers['x-stamp']).toBe('seen');
    expect(JSON.parse(unknown.body.toString())).toMatchObject({ statusCode: 404 });
  });

  it('shows the middleware the answer of an error handler set inside its scope', async () => {
    const seen: number[] = [];
    const app = fastify();
    await app.register(
      fastifyMiddleware(async (request, next) => {
        const response = await next(request);
        seen.push(response.status);
        return response;
      }),
    );
    await app.register(async (scope) => {
      scope.setErrorHandler(async (error, _request, reply) =>
        reply.code(409).send({ mine: (error as Error).message }),
      );
      scope.get('/boom', () => {
        throw new Error('boom');
      });
    });
    const reply = await send(`${await start(app)}/boom`);
    expect(reply.status).toBe(409);
    expect(JSON.parse(reply.body.toString())).toEqual({ mine: 'boom' });
    expect(seen).toEqual([409]);
  });

  it("sends an error the middleware throws after next to fastify's error handler", async () => {
    const app = fastify();
    app.setErrorHandler(async (error, _request, reply) =>
      reply.code(418).send({ handled: (error as Error).message }),
    );
    await app.register(
      fastifyMiddleware(async (request, next) => {
        await next(request);
        throw new Error('late');
      }),
    );
    app.get('/x', async (_request, reply) => reply.header('X-Route', 'yes').send('dropped'));
    const reply = await send(`${await start(app)}/x`);
    expect(reply.status).toBe(418);
    expect(JSON.parse(reply.body.toString())).toEqual({ handled: 'late' });
  });

  it('answers before routing when the middleware does not call next', async () => {
    let routed = false;
    const app = fastify();
    await app.register(
      fastifyMiddleware((request, next) =>
        request.headers.has('authorization')
          ? next(request)
          : Promise.resolve(
              new Response('who are you?', {
                status: 401,
                headers: { 'WWW-Authenticate': 'Bearer' },
              }),
            ),
      ),
    );
    app.get('/private', async () => {
      routed = true;
      return 'secret';
    });
    const origin = await start(app);
    const denied = await send(`${origin}/private`);
    expect(denied.status).toBe(401);
    expect(denied.statusMessage).toBe('Unauthorized');
    expect(denied.headers['www-authenticate']).toBe('Bearer');
    expect(denied.body.toString()).toBe('who are you?');
    expect(routed).toBe(false);
    const allowed = await send(`${origin}/private`, { headers: { Authorization: 'Bearer x' } });
    expect(allowed.body.toString()).toBe('secret');
  });

  it('answers a middleware that throws before next through the error handler', async () => {
    const app = fastify();
    await app.register(
      fastifyMiddleware(() => {
        throw new HttpError(429, { detail: 'Slow down.' });
      }),
    );
    app.setErrorHandler(async (error, _request, reply) =>
      reply
        .code((error as unknown as HttpError).status)
        .send({ problem: (error as unknown as HttpError).detail }),
    );
    app.get('/x', async () => 'never');
    const reply = await send(`${await start(app)}/x`);
    expect(reply.status).toBe(429);
    expect(JSON.parse(reply.body.toString())).toEqual({ problem: 'Slow down.' });
  });

  it('passes a streamed payload through untouched when only headers change', async () => {
    const app = fastify();
    await app.register(fastifyMiddleware(stamp('streamed')));
    app.get('/stream', async (_request, reply) => {
      reply.header('Content-Type', 'text/plain');
      return reply.send(Readable.from(['a', 'b', 'c']));
    });
    app.get('/cookies', async (_request, reply) => {
      reply.header('Set-Cookie', 'a=1');
      reply.header('Set-Cookie', 'b=2');
      return reply.code(201).send('made');
    });
    const origin = await start(app);
    const streamed = await send(`${origin}/stream`);
    expect(streamed.headers['x-stamp']).toBe('streamed');
    expect(streamed.headers['transfer-encoding']).toBe('chunked');
    expect(streamed.body.toString()).toBe('abc');
    const cookies = await send(`${origin}/cookies`);
    expect(cookies.status).toBe(201);
    expect(cookies.headers['set-cookie']).toEqual(['a=1', 'b=2']);
    expect(cookies.headers['x-stamp']).toBe('streamed');
    expect(cookies.body.toString()).toBe('made');
  });

  it('buffers a streamed payload the middleware reads', async () => {
    const app = fastify();
    await app.register(fastifyMiddleware(shallowEtag()));
    app.get('/stream', async (_request, reply) =>
      reply.type('text/plain').send(Readable.from([Buffer.from('a'), Buffer.from('b')])),
    );
    app.get('/empty', async (_request, reply) => reply.code(204).send());
    const origin = await start(app);
    const first = await send(`${origin}/stream`);
    expect(first.body.toString()).toBe('ab');
    expect(first.headers.etag).toBeDefined();
    const second = await send(`${origin}/stream`, {
      headers: { 'If-None-Match': first.headers.etag! },
    });
    expect(second.status).toBe(304);
    const empty = await send(`${origin}/empty`);
    expect(empty.status).toBe(204);
  });

  it('lets the middleware replace the response', async () => {
    const app = fastify();
    await app.register(
      fastifyMiddleware(async (request, next) => {
        const inner = await next(request);
        const text = await inner.text();
        return new Response(`${text}!`, {
          status: 202,
          statusText: 'Taken',
          headers: inner.headers,
        });
      }),
    );
    app.get('/echo', async () => 'route said');
    const reply = await send(`${await start(app)}/echo`);
    expect(reply.status).toBe(202);
    expect(reply.statusMessage).toBe('Taken');
    expect(reply.body.toString()).toBe('route said!');
    expect(reply.headers['content-length']).toBe('11');
  });

  it('refuses a rebuilt request, and never writes into request.headers', async () => {
    let routed: unknown;
    const app = fastify();
    await app.register(
      fastifyMiddleware(async (request, next) => {
        // Copied as undici 24 can copy a lazy request: the request as the init.
        const copy = new Request(request.url, request);
        copy.headers.set('x-rebuilt', 'yes');
        const refused = await Promise.resolve(next(copy)).catch((error: Error) => error);
        if (!(refused instanceof TypeError)) return new Response('accepted', { status: 500 });
        const response = await next(request);
        response.headers.set('X-Refused', refused.message.slice(0, 60));
        return response;
      }),
    );
    app.get('/echo', async (request) => {
      routed = request.headers['x-rebuilt'];
      return 'routed';
    });
    const reply = await send(`${await start(app)}/echo`);
    expect(reply.status).toBe(200);
    expect(reply.body.toString()).toBe('routed');
    expect(reply.headers['x-refused']).toMatch(
      /^fastifyMiddleware: next\(\) was given another Req/,
    );
    expect(routed).toBeUndefined();
  });

  it('refuses a second next call', async () => {
    const app = fastify();
    await app.register(
      fastifyMiddleware(async (request, next) => {
        const response = await next(request);
        const again = await Promise.resolve(next(request)).catch((error: Error) => error.name);
        response.headers.set('X-Again', String(again));
        return response;
      }),
    );
    app.get('/x', async () => 'once');
    const reply = await send(`${await start(app)}/x`);
    expect(reply.headers['x-again']).toBe('TypeError');
  });

  it('captures what a route that hijacks the reply writes to reply.raw', async () => {
    const app = fastify();
    await app.register(fastifyMiddleware(stamp('raw')));
    app.get('/raw', (_request, reply) => {
      reply.hijack();
      reply.raw.writeHead(203, { 'Content-Type': 'text/plain' });
      reply.raw.end('raw answer');
    });
    const reply = await send(`${await start(app)}/raw`);
    expect(reply.status).toBe(203);
    expect(reply.headers['x-stamp']).toBe('raw');
    expect(reply.body.toString()).toBe('raw answer');
  });

  it('shows the middleware the reply after every onSend hook', async () => {
    const app = fastify();
    await app.register(
      fastifyMiddleware(async (request, next) => {
        const response = await next(request);
        response.headers.set('X-Saw-Hook', response.headers.get('x-hook') ?? 'none');
        return response;
      }),
    );
    // Registered after the middleware, yet it runs before the middleware sees the reply.
    app.addHook('onSend', async (_request, reply, payload) => {
      reply.header('X-Hook', 'ran');
      return payload;
    });
    app.get('/x', async () => 'x');
    const reply = await send(`${await start(app)}/x`);
    expect(reply.headers['x-hook']).toBe('ran');
    expect(reply.headers['x-saw-hook']).toBe('ran');
  });

  it('wraps only the routes of the scope it is registered in', async () => {
    const app = fastify();
    await app.register(async (scope) => {
      await scope.register(fastifyMiddleware(stamp('inner')));
      scope.get('/inside', async () => 'in');
    });
    app.get('/outside', async () => 'out');
    const origin = await start(app);
    expect((await send(`${origin}/inside`)).headers['x-stamp']).toBe('inner');
    expect((await send(`${origin}/outside`)).headers['x-stamp']).toBeUndefined();
  });

  it('runs around a mounted fetch handler, and stacks', async () => {
    const app = fastify();
    await app.register(fastifyMiddleware(stamp('outer')));
    await app.register(fastifyMiddleware(stamp('inner')));
    await app.register(
      mountFielding(() => Response.json({ ok: true })),
      { prefix: '/api' },
    );
    const reply = await send(`${await start(app)}/api/x`);
    expect(reply.headers['x-stamp']).toBe('inner, outer');
    expect(JSON.parse(reply.body.toString())).toEqual({ ok: true });
  });

  it('lets the middleware read the request body after next', async () => {
    {
      const app = fastify();
      await app.register(
        fastifyMiddleware(async (request, next) => {
          const response = await next(request);
          const body = await request.text().catch((error: Error) => error.name);
          response.headers.set('X-Body', body);
          return response;
        }),
      );
      app.post('/json', async (request) => request.body);
      await app.register(
        mountFielding(async (request) => new Response(await request.text())),
        {
          prefix: '/raw',
        },
      );
      const origin = await start(app);
      const parsed = await send(`${origin}/json`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{ "a" : 1 }',
      });
      expect(parsed.headers['x-body']).toBe('{"a":1}');
      const raw = await send(`${origin}/raw/x`, { method: 'POST', body: 'mine' });
      expect(raw.body.toString()).toBe('mine');
      expect(raw.headers['x-body']).toBe('TypeError');
    }
  });

  it('refuses next after the middleware read the body, and never routes it', async () => {
    let routed = false;
    const app = fastify();
    await app.register(
      fastifyMiddleware(async (request, next) => {
        // A webhook signature check on the raw bytes.
        const raw = await request.clone().text();
        if (raw !== request.headers.get('x-expected')) {
          return new Response('bad signature', { status: 401 });
        }
        try {
          return await next(request);
        } catch (error) {
          return new Response((error as Error).message, { status: 500 });
        }
      }),
    );
    app.post('/hook', async (request) => {
      routed = true;
      return { parsed: request.body };
    });
    const origin = await start(app);
    const body = JSON.stringify({ event: 'push' });
    const refused = await send(`${origin}/hook`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Expected': 'other' },
      body,
    });
    expect(refused.status).toBe(401);
    const read = await send(`${origin}/hook`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Expected': body },
      body,
    });
    expect(read.status).toBe(500);
    expect(read.body.toString()).toMatch(
      /^fastifyMiddleware: the request body was read before next/,
    );
    expect(routed).toBe(false);
  });

  it('captures web streams and responses a route sends', async () => {
    const app = fastify();
    await app.register(fastifyMiddleware(shallowEtag()));
    app.get('/web-stream', async (_request, reply) =>
      reply.type('text/plain').send(
        new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('web '));
            controller.enqueue(new TextEncoder().encode('stream'));
            controller.close();
          },
        }),
      ),
    );
    app.get('/response', async (_request, reply) =>
      reply.send(new Response('whole', { status: 200, headers: { 'X-From': 'response' } })),
    );
    const origin = await start(app);
    const stream = await send(`${origin}/web-stream`);
    expect(stream.body.toString()).toBe('web stream');
    expect(stream.headers.etag).toBeDefined();
    const response = await send(`${origin}/response`);
    expect(response.status).toBe(200);
    expect(response.headers['x-from']).toBe('response');
    expect(response.body.toString()).toBe('whole');
    expect(response.headers.etag).toBeDefined();
  });

  it('rejects the next of the middleware outside one that throws after next', async () => {
    const app = fastify();
    // No error handler of its own: Fastify 5 would warn (FSTWRN004) about a second one.
    const setErrorHandler = vi.spyOn(app, 'setErrorHandler');
    await app.register(fastifyMiddleware(problemDetails()));
    await app.register(fastifyMiddleware(stamp('not on errors')));
    await app.register(
      fastifyMiddleware(async (request, next) => {
        const response = await next(request);
        if (response.status === 200) throw new HttpError(409, { detail: 'Taken.' });
        return response;
      }),
    );
    app.get('/taken', async () => 'ok');
    app.get('/crash', () => {
      throw new Error('inner');
    });
    const origin = await start(app);
    const taken = await send(`${origin}/taken`);
    expect(setErrorHandler).not.toHaveBeenCalled();
    expect(taken.status).toBe(409);
    expect(taken.headers['content-type']).toBe(PROBLEM_JSON);
    // The stamp never saw a response: the error passed through its next and out of it.
    expect(taken.headers['x-stamp']).toBeUndefined();
    // A route's error is Fastify's to answer; every middleware sees that answer.
    const crash = await send(`${origin}/crash`);
    expect(crash.status).toBe(500);
    expect(crash.headers['x-stamp']).toBe('not on errors');
    expect(JSON.parse(crash.body.toString())).toMatchObject({ statusCode: 500 });
  });

  it('makes an inner early answer the next result of the middleware outside it', async () => {
    let routed = false;
    const app = fastify();
    await app.register(fastifyMiddleware(stamp('outer')));
    await app.register(
      fastifyMiddleware(() => Promise.resolve(new Response('who are you?', { status: 401 }))),
    );
    app.get('/private', async () => {
      routed = true;
      return 'secret';
    });
    const reply = await send(`${await start(app)}/private`);
    expect(reply.status).toBe(401);
    expect(reply.headers['x-stamp']).toBe('outer');
    expect(reply.body.toString()).toBe('who are you?');
    expect(routed).toBe(false);
  });

  it('never takes a forwarded host it was not told to trust', async () => {
    const url: Middleware = async (request, next) => {
      const response = await next(request);
      response.headers.set('X-Url', request.url);
      return response;
    };
    const forged = { 'X-Forwarded-Proto': 'https', 'X-Forwarded-Host': 'evil.test' };
    // Fastify's own trustProxy is not read: it believes the first X-Forwarded-Host value.
    const app = fastify({ trustProxy: true });
    await app.register(fastifyMiddleware(url));
    app.get('/a', async () => 'a');
    const origin = await start(app);
    const untrusted = await send(`${origin}/a?b=c`, { headers: forged });
    expect(untrusted.headers['x-url']).toBe(`${origin}/a?b=c`);

    const proxied = fastify();
    await proxied.register(fastifyMiddleware(url, { trustProxy: 'x-forwarded', proxyHops: 1 }));
    proxied.get('/a', async () => 'a');
    const trusted = await send(`${await start(proxied)}/a?b=c`, {
      headers: {
        'X-Forwarded-Proto': 'http, https',
        'X-Forwarded-Host': 'evil.test, api.example.com',
      },
    });
    expect(trusted.headers['x-url']).toBe('https://api.example.com/a?b=c');
  });
});
