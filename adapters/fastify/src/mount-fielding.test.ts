import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { FetchHandler } from '@fielding/core';
import { installFastResponse } from '@fielding/node';
import { mountFielding } from './index.js';
import { send } from '../test/adapter-suite.js';
import { FASTIFY_VERSIONS, startApps } from '../test/_servers.js';

const echo: FetchHandler = async (request) =>
  Response.json({
    method: request.method,
    url: request.url,
    type: request.headers.get('content-type'),
    length: request.headers.get('content-length'),
    body: request.body === null ? null : await request.text(),
  });

describe.each(FASTIFY_VERSIONS)('mountFielding on %s', (_name, fastify) => {
  const start = startApps();

  it('sends the string of a light Response (installFastResponse) as it is', async () => {
    const restore = installFastResponse();
    try {
      const app = fastify();
      await app.register(
        mountFielding((request) =>
          request.url.endsWith('/json')
            ? Response.json({ a: 'é' })
            : new Response('plain é', { headers: { 'X-Light': '1' } }),
        ),
      );
      const origin = await start(app);
      const json = await send(`${origin}/json`);
      expect(json.headers['content-type']).toBe('application/json');
      expect(json.headers['content-length']).toBe('10');
      expect(JSON.parse(json.body.toString())).toEqual({ a: 'é' });
      const text = await send(`${origin}/text`);
      expect(text.headers['content-type']).toBe('text/plain;charset=UTF-8');
      expect(text.headers['x-light']).toBe('1');
      expect(text.body.toString()).toBe('plain é');
    } finally {
      restore();
    }
  });

  it('keeps the raw body inside its scope and the app parsers outside', async () => {
    const app = fastify();
    app.post('/outside', async (request) => ({ parsed: request.body }));
    await app.register(mountFielding(echo), { prefix: '/api' });
    const origin = await start(app);
    const inside = await send(`${origin}/api/x`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"not": json',
    });
    expect(inside.status).toBe(200);
    expect(JSON.parse(inside.body.toString())).toMatchObject({
      type: 'application/json',
      body: '{"not": json',
    });
    const outside = await send(`${origin}/outside`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"a":1}',
    });
    expect(JSON.parse(outside.body.toString())).toEqual({ parsed: { a: 1 } });
  });

  it('passes bodies of any type, and bodies without a type, unparsed', async () => {
    const app = fastify();
    await app.register(mountFielding(echo), { prefix: '/api' });
    const origin = await start(app);
    const typed = await send(`${origin}/api`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/merge-patch+json' },
      body: '{"title":null}',
    });
    expect(JSON.parse(typed.body.toString())).toMatchObject({ body: '{"title":null}' });
    const untyped = await send(`${origin}/api/`, { method: 'POST', body: 'plain' });
    expect(JSON.parse(untyped.body.toString())).toMatchObject({ type: null, body: 'plain' });
  });

  it('re-serialises what the app parsers produced with bodyParsers app', async () => {
    const app = fastify();
    await app.register(mountFielding(echo, { bodyParsers: 'app' }), { prefix: '/api' });
    const origin = await start(app);
    const reply = await send(`${origin}/api/x`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' },
      body: '{ "a" : [1, 2] }',
    });
    expect(JSON.parse(reply.body.toString())).toMatchObject({
      body: '{"a":[1,2]}',
      length: '11',
    });
  });

  it('gives a route handler the app parsed body, forms and text included', async () => {
    const app = fastify();
    app.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string' },
      (_request, body, done) => {
        const form: Record<string, string | string[] | object> = {};
        for (const [name, value] of new URLSearchParams(body as string)) {
          const before = form[name];
          form[name] = before === undefined ? value : [...(before as string[]), value];
        }
        form.nested = { deep: true };
        done(null, form);
      },
    );
    app.addContentTypeParser('application/octet-stream', (_request, payload, done) =>
      done(null, payload),
    );
    for (const url of ['/form', '/text', '/stream', '/empty']) {
      await app.register(mountFielding(echo, { method: 'POST', url, bodyParsers: 'app' }));
    }
    const origin = await start(app);
    const form = await send(`${origin}/form`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'a=1&b=2&b=3',
    });
    expect(JSON.parse(form.body.toString()).body).toBe(
      'a=1&b=2&b=3&nested=%7B%22deep%22%3Atrue%7D',
    );
    const text = await send(`${origin}/text`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: 'as is',
    });
    expect(JSON.parse(text.body.toString()).body).toBe('as is');
    const stream = await send(`${origin}/stream`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/octet-stream' },
      body: 'bytes',
    });
    expect(JSON.parse(stream.body.toString()).body).toBe('bytes');
    const empty = await send(`${origin}/empty`, { method: 'POST' });
    expect(JSON.parse(empty.body.toString()).body).toBeNull();
  });

  it('serves one route with url and method, leaving the rest to fastify', async () => {
    const app = fastify();
    await app.register(mountFielding(echo, { method: ['POST', 'PUT'], url: '/uploads/:id' }), {
      prefix: '/api',
    });
    const origin = await start(app);
    const put = await send(`${origin}/api/uploads/3`, { method: 'PUT', body: 'x' });
    expect(JSON.parse(put.body.toString())).toMatchObject({ method: 'PUT', body: 'x' });
    const get = await send(`${origin}/api/uploads/3`);
    expect(get.status).toBe(404);
    expect(JSON.parse(get.body.toString())).toMatchObject({ statusCode: 404 });
  });

  it('never takes a forwarded host it was not told to trust', async () => {
    const forged = { 'X-Forwarded-Proto': 'https', 'X-Forwarded-Host': 'evil.test' };
    // Fastify's own trustProxy is not read: it believes the first X-Forwarded-Host value,
    // which is whatever the client sent.
    const app = fastify({ trustProxy: true });
    await app.register(mountFielding(echo), { prefix: '/api' });
    const origin = await start(app);
    const reply = await send(`${origin}/api/a?b=c`, { headers: forged });
    expect(JSON.parse(reply.body.toString()).url).toBe(`${origin}/api/a?b=c`);
  });

  it.each([
    [
      'x-forwarded',
      1,
      { 'X-Forwarded-Proto': 'http, https', 'X-Forwarded-Host': 'evil.test, api.example.com' },
    ],
    [
      'forwarded',
      2,
      { Forwarded: 'host=evil.test;proto=http, host=api.example.com;proto=https, host=lb.local' },
    ],
  ] as const)(
    'takes the origin %s names, %d hop(s) from the end, with trustProxy',
    async (trustProxy, proxyHops, headers) => {
      const app = fastify();
      await app.register(mountFielding(echo, { trustProxy, proxyHops }), { prefix: '/api' });
      const reply = await send(`${await start(app)}/api/a?b=c`, { headers });
      expect(JSON.parse(reply.body.toString()).url).toBe('https://api.example.com/api/a?b=c');
    },
  );

  it('leaves other errors to the fastify error handler', async () => {
    const app = fastify();
    await app.register(
      mountFielding(() => {
        throw new Error('kaput');
      }),
      { prefix: '/sync' },
    );
    await app.register(
      mountFielding(() => Promise.reject(new Error('kaput later'))),
      { prefix: '/async' },
    );
    await app.register(
      mountFielding(
        () =>
          new Response(
            new ReadableStream({
              pull: (controller) => controller.error(new Error('no first chunk')),
            }),
          ),
      ),
      { prefix: '/body' },
    );
    const origin = await start(app);
    for (const path of ['/sync', '/async', '/body']) {
      const reply = await send(`${origin}${path}`);
      expect(reply.status).toBe(500);
      expect(JSON.parse(reply.body.toString())).toMatchObject({ statusCode: 500 });
    }
  });

  it('keeps headers hooks set, appending its cookies', async () => {
    const app = fastify();
    app.addHook('onRequest', async (_request, reply) => {
      reply.header('Access-Control-Allow-Origin', '*');
      reply.header('Set-Cookie', 'session=1');
    });
    await app.register(
      mountFielding(() => {
        const headers = new Headers({ 'Content-Type': 'text/plain' });
        headers.append('Set-Cookie', 'theme=dark');
        return new Response('ok', { headers });
      }),
    );
    const reply = await send(`${await start(app)}/anything`);
    expect(reply.headers['access-control-allow-origin']).toBe('*');
    expect(reply.headers['set-cookie']).toEqual(['session=1', 'theme=dark']);
  });

  it('does not answer twice when the reply already went out', async () => {
    let cancelled = false;
    const app = fastify();
    app.addHook('preHandler', async (_request, reply) => {
      setTimeout(() => void reply.code(503).send('timeout'), 5);
    });
    await app.register(
      mountFielding(
        async () => {
          await new Promise((resolve) => setTimeout(resolve, 20));
          return new Response(
            new ReadableStream({
              cancel: () => {
                cancelled = true;
              },
            }),
          );
        },
        { method: 'GET', url: '/late' },
      ),
    );
    const reply = await send(`${await start(app)}/late`);
    expect(reply.status).toBe(503);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(cancelled).toBe(true);
  });

  it('gives the handler the body and a live signal', async () => {
    const app = fastify();
    let signal: AbortSignal | undefined;
    await app.register(
      mountFielding(async (request) => {
        signal = request.signal;
        return Response.json({ text: await request.text(), url: request.url });
      }),
      { prefix: '/api' },
    );
    const origin = await start(app);
    const reply = await send(`${origin}/api/e`, { method: 'POST', body: 'posted' });
    expect(JSON.parse(reply.body.toString())).toEqual({ text: 'posted', url: `${origin}/api/e` });
    expect(signal?.aborted).toBe(false);
  });

  it('sends a node stream body from a parser stream through', async () => {
    const app = fastify();
    app.addContentTypeParser('text/plain', (_request, _payload, done) =>
      done(null, Readable.from([Buffer.from('a'), 'b'])),
    );
    await app.register(
      mountFielding(async (request) => new Response(request.body), {
        method: 'POST',
        url: '/pipe',
        bodyParsers: 'app',
      }),
    );
    const reply = await send(`${await start(app)}/pipe`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: 'ignored',
    });
    expect(reply.body.toString()).toBe('ab');
  });

  it('sends a stream body that is whole after one read with its length', async () => {
    const app = fastify();
    await app.register(
      mountFielding(
        () =>
          new Response(
            new ReadableStream<Uint8Array>({
              start(controller) {
                controller.enqueue(new TextEncoder().encode('{"ok":true}'));
                controller.close();
              },
            }),
            { headers: { 'Content-Type': 'application/json' } },
          ),
      ),
    );
    const reply = await send(`${await start(app)}/x`);
    expect(reply.headers['content-length']).toBe('11');
    expect(reply.headers['transfer-encoding']).toBeUndefined();
    expect(JSON.parse(reply.body.toString())).toEqual({ ok: true });
  });

  it('answers head for a streamed body with its headers and cancels the stream', async () => {
    let cancelled = false;
    const app = fastify();
    await app.register(
      mountFielding(() => {
        let sent = 0;
        return new Response(
          new ReadableStream<Uint8Array>({
            pull: async (controller) => {
              await new Promise((resolve) => setTimeout(resolve, 1));
              controller.enqueue(new Uint8Array(1024));
              sent += 1;
              if (sent === 100) controller.close();
            },
            cancel: () => {
              cancelled = true;
            },
          }),
          { headers: { 'Content-Length': '102400', 'Content-Type': 'application/octet-stream' } },
        );
      }),
    );
    const reply = await send(`${await start(app)}/file`, { method: 'HEAD' });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-length']).toBe('102400');
    expect(reply.body.byteLength).toBe(0);
    expect(cancelled).toBe(true);
    // The same through a GET route's automatic HEAD route.
    cancelled = false;
    const get = fastify();
    await get.register(
      mountFielding(
        () =>
          new Response(
            new ReadableStream<Uint8Array>({
              pull: async (controller) => {
                await new Promise((resolve) => setTimeout(resolve, 1));
                controller.enqueue(new Uint8Array(1024));
              },
              cancel: () => {
                cancelled = true;
              },
            }),
            { headers: { 'Content-Length': '2048' } },
          ),
        { method: 'GET', url: '/file' },
      ),
    );
    await get.register(
      mountFielding(() => Response.json({ a: 1 }), { method: 'GET', url: '/json' }),
    );
    const origin = await start(get);
    const head = await send(`${origin}/file`, { method: 'HEAD' });
    expect(head.headers['content-length']).toBe('2048');
    expect(head.body.byteLength).toBe(0);
    expect(cancelled).toBe(true);
    const json = await send(`${origin}/json`, { method: 'HEAD' });
    expect(json.headers['content-length']).toBe('7');
    expect(json.body.byteLength).toBe(0);
  });

  it('sends an empty string body with content-length 0', async () => {
    const app = fastify();
    await app.register(mountFielding(() => new Response('', { headers: { 'X-Empty': '1' } })));
    const reply = await send(`${await start(app)}/x`);
    expect(reply.headers['content-length']).toBe('0');
    expect(reply.headers['x-empty']).toBe('1');
  });
});
