// The issue's own examples with the real Fielding middleware around ordinary Fastify routes
// (the shallow-ETag middleware answering 304, the problem middleware rendering errors), and
// what the onSend capture does with each kind of payload.
import { Readable } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import type { Middleware } from '@fielding/core';
import { shallowEtag } from '@fielding/conditional-requests';
import { HttpError, notFound, problemDetails, PROBLEM_JSON } from '@fielding/problem-errors';
import { fastifyMiddleware, mountFielding } from './index.js';
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
    const head = await send(`${origin}/blogs/7`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.etag).toBe(first.headers.etag);
    expect(head.body.byteLength).toBe(0);
  });

  it('gets problem+json from problemDetails for errors of fastify routes', async () => {
    const app = fastify();
    await app.register(fastifyMiddleware(problemDetails()));
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
    expect(JSON.parse(missing.body.toString())).toMatchObject({
      status: 404,
      detail: 'No blog 9.',
      instance: '/blogs/9',
    });
    const broken = await send(`${origin}/blogs/1`);
    expect(broken.status).toBe(500);
    expect(broken.headers['content-type']).toBe(PROBLEM_JSON);
    expect(broken.body.toString()).not.toContain('secret internals');
    // Fastify's own 404 is a response, not an error: it stays Fastify's.
    const unknown = await send(`${origin}/nowhere`);
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body.toString())).toMatchObject({ statusCode: 404 });
  });

  it('leaves errors to fastify with errors fastify, and shows its answer to next', async () => {
    const seen: number[] = [];
    const app = fastify();
    await app.register(
      fastifyMiddleware(
        async (request, next) => {
          const response = await next(request);
          seen.push(response.status);
          return response;
        },
        { errors: 'fastify' },
      ),
    );
    app.get('/boom', () => {
      throw new Error('boom');
    });
    const reply = await send(`${await start(app)}/boom`);
    expect(reply.status).toBe(500);
    expect(JSON.parse(reply.body.toString())).toMatchObject({ statusCode: 500, message: 'boom' });
    expect(seen).toEqual([500]);
  });

  it('hands errors the middleware rethrows to the previous error handler', async () => {
    const app = fastify();
    app.setErrorHandler(async (error, _request, reply) =>
      reply.code(418).send({ handled: (error as Error).message }),
    );
    await app.register(fastifyMiddleware(stamp('x')));
    app.get('/boom', () => {
      throw new Error('boom');
    });
    app.get('/hook', { preHandler: async () => Promise.reject(new Error('hook')) }, () => 'never');
    const origin = await start(app);
    const reply = await send(`${origin}/boom`);
    expect(reply.status).toBe(418);
    expect(JSON.parse(reply.body.toString())).toEqual({ handled: 'boom' });
    const hook = await send(`${origin}/hook`);
    expect(JSON.parse(hook.body.toString())).toEqual({ handled: 'hook' });
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

  it('lets the middleware replace the response and rebuild the request', async () => {
    const app = fastify();
    await app.register(
      fastifyMiddleware(async (request, next) => {
        // Copied as undici 24 can copy a lazy request: the request as the init.
        const copy = new Request(request.url, request);
        copy.headers.set('x-rebuilt', 'yes');
        const inner = await next(copy);
        const text = await inner.text();
        return new Response(`${text}!`, {
          status: 202,
          statusText: 'Taken',
          headers: inner.headers,
        });
      }),
    );
    app.get('/echo', async (request) => `header ${String(request.headers['x-rebuilt'])}`);
    const reply = await send(`${await start(app)}/echo`);
    expect(reply.status).toBe(202);
    expect(reply.statusMessage).toBe('Taken');
    expect(reply.body.toString()).toBe('header yes!');
    expect(reply.headers['content-length']).toBe('11');
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

  it('rejects next when the route hijacks the reply', async () => {
    let outcome = '';
    const app = fastify();
    await app.register(
      fastifyMiddleware(async (request, next) => {
        try {
          return await next(request);
        } catch (error) {
          outcome = (error as Error).message;
          throw error;
        }
      }),
    );
    app.get('/raw', (_request, reply) => {
      reply.hijack();
      reply.raw.end('raw answer');
    });
    const reply = await send(`${await start(app)}/raw`);
    expect(reply.body.toString()).toBe('raw answer');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(outcome).toMatch(/without passing through reply.send/);
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
    await app.register(fastifyMiddleware(stamp('inner'), { errors: 'fastify' }));
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

  it('gives the parsers the body a middleware read before next', async () => {
    {
      const app = fastify();
      await app.register(
        fastifyMiddleware(async (request, next) => {
          // A webhook signature check: the raw bytes first, then the route.
          const raw = await request.clone().text();
          const expected = request.headers.get('x-expected');
          if (expected !== (expected === 'length' && raw.length > 500_000 ? 'length' : raw)) {
            return new Response('bad signature', { status: 401 });
          }
          return next(request);
        }),
      );
      // A middleware inside it: the body the outer one read must still reach the parser.
      await app.register(fastifyMiddleware(stamp('inner')));
      app.post('/hook', async (request) => ({ parsed: request.body }));
      const origin = await start(app);
      // Several socket chunks: the replay hands all of them to Fastify's JSON parser.
      const big = JSON.stringify({ event: 'push', n: 'x'.repeat(500_000) });
      const large = await send(`${origin}/hook`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Expected': 'length' },
        body: big,
      });
      expect(large.status).toBe(200);
      expect(JSON.parse(large.body.toString()).parsed.n).toHaveLength(500_000);
      const small = JSON.stringify({ event: 'push' });
      const accepted = await send(`${origin}/hook`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Expected': small },
        body: small,
      });
      expect(accepted.status).toBe(200);
      expect(accepted.headers['x-stamp']).toBe('inner');
      expect(JSON.parse(accepted.body.toString())).toEqual({ parsed: { event: 'push' } });
      const refused = await send(`${origin}/hook`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Expected': 'other' },
        body: small,
      });
      expect(refused.status).toBe(401);
    }
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

  it('shares one error handler between stacked middleware, innermost catching first', async () => {
    const seen: string[] = [];
    const app = fastify();
    // A second setErrorHandler in one scope would make Fastify 5 warn (FSTWRN004).
    const setErrorHandler = vi.spyOn(app, 'setErrorHandler');
    await app.register(fastifyMiddleware(problemDetails()));
    await app.register(
      fastifyMiddleware(async (request, next) => {
        try {
          return await next(request);
        } catch (error) {
          seen.push((error as Error).message);
          throw error;
        }
      }),
    );
    await app.register(fastifyMiddleware(stamp('fastify-errors'), { errors: 'fastify' }));
    app.get('/boom', () => {
      throw new HttpError(409, { detail: 'Taken.' });
    });
    const reply = await send(`${await start(app)}/boom`);
    expect(setErrorHandler).toHaveBeenCalledTimes(1);
    // The innermost middleware leaves errors to Fastify's handler: the middleware outside it
    // never sees a rejection, only the answer (stamped on the way out).
    expect(reply.status).toBe(409);
    expect(reply.headers['x-stamp']).toBe('fastify-errors');
    expect(seen).toEqual([]);

    const second = fastify();
    await second.register(fastifyMiddleware(problemDetails()));
    await second.register(
      fastifyMiddleware(async (request, next) => {
        try {
          return await next(request);
        } catch (error) {
          seen.push((error as Error).message);
          throw error;
        }
      }),
    );
    second.get('/boom', () => {
      throw new Error('inner');
    });
    const rendered = await send(`${await start(second)}/boom`);
    expect(seen).toEqual(['inner']);
    expect(rendered.status).toBe(500);
    expect(rendered.headers['content-type']).toBe(PROBLEM_JSON);
  });
});
