import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { createRouter, HTTP_METHODS } from '@fielding/core';
import { HttpError, PROBLEM_JSON, problemDetails } from '@fielding/problem-errors';
import { fastifyMiddleware, httpErrorHandler, mountFielding, notFoundHandler } from './index.js';
import { sendRaw } from '../../../test-utils/hostile-http.js';
import { send } from '../test/adapter-suite.js';
import { FASTIFY_VERSIONS, startApps } from '../test/_servers.js';

interface Answer {
  status: number;
  type: string | undefined;
  allow: string | undefined;
  body: Record<string, unknown> | undefined;
}

async function answer(
  app: FastifyInstance,
  method: string,
  url: string,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const response = await app.inject({ method: method as 'GET', url, headers });
  const type = response.headers['content-type'];
  const allow = response.headers['allow'];
  return {
    status: response.statusCode,
    type: typeof type === 'string' ? type : undefined,
    allow: typeof allow === 'string' ? allow : undefined,
    body: response.body === '' ? undefined : (JSON.parse(response.body) as Record<string, unknown>),
  };
}

const GENERIC_4XX = 'The request could not be processed.';
const INTERNAL = 'The server could not complete the request.';

// What a route throws → the status and detail of the problem that answers it.
const THROWN: readonly (readonly [string, () => unknown, number, string])[] = [
  [
    'an HttpError',
    () => new HttpError(418, { detail: 'Short and stout.' }),
    418,
    'Short and stout.',
  ],
  [
    'an Error with statusCode 409',
    () => Object.assign(new Error('Title taken.'), { statusCode: 409 }),
    409,
    'Title taken.',
  ],
  [
    'an Error with status 422',
    () => Object.assign(new Error('Rating out of range.'), { status: 422 }),
    422,
    'Rating out of range.',
  ],
  [
    'an error with expose: false',
    () => Object.assign(new Error('secret'), { statusCode: 400, expose: false }),
    400,
    GENERIC_4XX,
  ],
  [
    'a system error with statusCode 400',
    () => Object.assign(new Error('secret'), { statusCode: 400, errno: -111, syscall: 'connect' }),
    400,
    GENERIC_4XX,
  ],
  [
    'a Node error code with statusCode 400',
    () =>
      Object.assign(new Error('secret'), { statusCode: 400, code: 'ERR_STREAM_PREMATURE_CLOSE' }),
    400,
    GENERIC_4XX,
  ],
  [
    'an Error with statusCode 503',
    () => Object.assign(new Error('secret'), { statusCode: 503 }),
    503,
    INTERNAL,
  ],
  [
    'an Error with statusCode 200',
    () => Object.assign(new Error('secret'), { statusCode: 200 }),
    500,
    INTERNAL,
  ],
  ['a plain Error', () => new Error('secret'), 500, INTERNAL],
  ['a TypeError', () => new TypeError('secret is not a function'), 500, INTERNAL],
  [
    "one of Fastify's own client errors",
    () =>
      Object.assign(new Error('secret'), { code: 'FST_ERR_CTP_EMPTY_JSON_BODY', statusCode: 400 }),
    400,
    'The request content is empty, but its type says JSON.',
  ],
  [
    "one of Fastify's own other errors with a 4xx statusCode",
    () => Object.assign(new Error('secret'), { code: 'FST_ERR_INVALID_URL', statusCode: 400 }),
    500,
    INTERNAL,
  ],
  [
    'a SyntaxError with statusCode 400 (a body parser)',
    () => Object.assign(new SyntaxError('Unexpected token s in "secret"'), { statusCode: 400 }),
    400,
    'The request content could not be parsed.',
  ],
];

describe.each(FASTIFY_VERSIONS)('problem answers on %s', (_name, fastify) => {
  const start = startApps();

  /** An app with both handlers, as the README sets them. */
  function problemApp(methods?: readonly string[]): FastifyInstance {
    const app = fastify({ logger: false });
    app.setErrorHandler(httpErrorHandler());
    app.setNotFoundHandler(notFoundHandler(methods === undefined ? {} : { methods }));
    return app;
  }

  function appWith(throwing: () => unknown): FastifyInstance {
    const app = problemApp();
    app.get('/throws', async () => {
      throw throwing();
    });
    app.get('/items/:id', async () => 'item');
    return app;
  }

  it.each(THROWN)('answers %s thrown by a route', async (_what, throwing, status, detail) => {
    const got = await answer(appWith(throwing), 'GET', '/throws');
    expect(got).toMatchObject({ status, type: PROBLEM_JSON, body: { status, detail } });
    expect(JSON.stringify(got.body)).not.toContain('secret');
  });

  it('answers a HEAD to a failing route without a body', async () => {
    const got = await answer(
      appWith(() => new Error('secret')),
      'HEAD',
      '/throws',
    );
    expect(got).toMatchObject({ status: 500, type: PROBLEM_JSON, body: undefined });
  });

  it('keeps the status a route set before it threw, not the message', async () => {
    const app = problemApp();
    app.get('/coded', async (_request, reply) => {
      reply.code(422);
      throw new Error('secret');
    });
    const got = await answer(app, 'GET', '/coded');
    expect(got).toMatchObject({ status: 422, body: { status: 422, detail: GENERIC_4XX } });
  });

  it('lists header and path parameter schema failures by name', async () => {
    const app = problemApp();
    app.get(
      '/pages/:page',
      {
        schema: {
          params: { type: 'object', properties: { page: { type: 'integer' } } },
          headers: { type: 'object', required: ['x-tenant'] },
        },
      },
      async () => 'ok',
    );
    const headers = await answer(app, 'GET', '/pages/2');
    expect(headers.body).toMatchObject({
      status: 400,
      errors: [{ header: 'x-tenant', detail: 'is required' }],
    });
    const params = await answer(app, 'GET', '/pages/two', { 'x-tenant': 'a' });
    expect(params.body).toMatchObject({
      status: 400,
      errors: [{ parameter: 'page', detail: 'must be integer' }],
    });
  });

  it('logs a server fault as an error, with the error, and a client error as info', async () => {
    const lines: { level: number; err?: { message: string } }[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString()) as (typeof lines)[number]);
        done();
      },
    });
    const app = fastify({ logger: { level: 'info', stream } });
    app.setErrorHandler(httpErrorHandler());
    app.get('/crash', async () => {
      throw new Error('db down');
    });
    app.get('/conflict', async () => {
      throw Object.assign(new Error('taken'), { statusCode: 409 });
    });
    await answer(app, 'GET', '/crash');
    await answer(app, 'GET', '/conflict');
    expect(lines.find((line) => line.err?.message === 'db down')?.level).toBe(50);
    expect(lines.find((line) => line.err?.message === 'taken')?.level).toBe(30);
  });

  it('answers methods the app routes elsewhere with 405, others with 501', async () => {
    const app = problemApp();
    app.get('/items/:id', async () => 'item');
    app.put('/items/:id', async () => 'put');
    app.post('/items', async () => 'post');
    await app.register(mountFielding(createRouter().fetch), { prefix: '/api' });
    const put = await answer(app, 'POST', '/items/7?x=1');
    expect(put).toMatchObject({ status: 405, allow: 'GET, HEAD, PUT, OPTIONS' });
    expect(put.body).toMatchObject({
      detail: 'POST is not allowed on /items/7; use GET, HEAD, PUT, OPTIONS.',
    });
    expect(await answer(app, 'OPTIONS', '/items/7')).toMatchObject({
      status: 204,
      allow: 'GET, HEAD, PUT, OPTIONS',
      body: undefined,
    });
    expect(await answer(app, 'GET', '/nothing')).toMatchObject({ status: 404, type: PROBLEM_JSON });
    expect(await answer(app, 'OPTIONS', '/nothing')).toMatchObject({ status: 404 });
    expect(await answer(app, 'LOCK', '/items/7')).toMatchObject({
      status: 501,
      type: PROBLEM_JSON,
    });
    // The mounted Fielding router answers every method under its prefix itself.
    expect(await answer(app, 'LOCK', '/api/x')).toMatchObject({ status: 501 });
  });

  it('takes the methods the server implements from its options', async () => {
    const app = problemApp([...HTTP_METHODS, 'lock']);
    // Fastify 5 routes WebDAV methods only once added; Fastify 4 knows them already.
    (app as { addHttpMethod?: (method: string) => void }).addHttpMethod?.('LOCK');
    app.route({ method: 'LOCK', url: '/files/:id', handler: async () => 'locked' });
    app.get('/items/:id', async () => 'item');
    expect(await answer(app, 'LOCK', '/items/7')).toMatchObject({
      status: 405,
      allow: 'GET, HEAD, OPTIONS',
    });
    expect(await answer(app, 'LOCK', '/nothing')).toMatchObject({ status: 404 });
    expect(await answer(app, 'UNLOCK', '/files/1')).toMatchObject({ status: 501 });
    const star = await sendRaw(
      await start(app),
      'OPTIONS * HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n',
    );
    expect(star.status).toBe(204);
    expect(star.headers.get('allow')?.split(', ')).toContain('LOCK');
  });

  it('answers through a Fielding middleware, which sees the problems', async () => {
    const app = problemApp();
    await app.register(fastifyMiddleware(problemDetails({ instance: false })));
    app.get('/teapot', async () => {
      throw new HttpError(418, { detail: 'Short and stout.' });
    });
    app.get('/crash', async () => {
      throw new Error('secret');
    });
    const origin = await start(app);
    const teapot = await send(`${origin}/teapot`);
    expect(teapot.status).toBe(418);
    expect(JSON.parse(teapot.body.toString())).toMatchObject({ detail: 'Short and stout.' });
    const crash = await send(`${origin}/crash`);
    expect(crash.status).toBe(500);
    expect(crash.headers['content-type']).toBe(PROBLEM_JSON);
    expect(crash.body.toString()).not.toContain('secret');
    // A Request cannot carry TRACE (Node 24 throws building one): 501 on every Node.
    const trace = await send(`${origin}/teapot`, { method: 'TRACE' });
    expect(trace.status).toBe(501);
    expect(trace.headers['content-type']).toBe(PROBLEM_JSON);
  });

  it('never answers a Host a Fielding route cannot make a URL of with a 500', async () => {
    const app = problemApp();
    await app.register(
      mountFielding((request) => Response.json({ host: new URL(request.url).host })),
      { prefix: '/api' },
    );
    const host = fc.string({
      unit: fc.constantFrom(..." a/@:[]%?#\\b1.-_~!$&'()*+,;=".split('')),
      minLength: 1,
      maxLength: 12,
    });
    await fc.assert(
      fc.asyncProperty(host, async (value) => {
        const got = await answer(app, 'GET', '/api/x', { host: value });
        expect([200, 400]).toContain(got.status);
        if (got.status === 400) expect(got.type).toBe(PROBLEM_JSON);
      }),
      { numRuns: 200 },
    );
  });
});

describe.each(FASTIFY_VERSIONS)('the handlers alone on %s', (_name, fastify) => {
  const start = startApps();

  it('notFoundHandler knows only the standard methods by default', async () => {
    const app = fastify();
    app.setNotFoundHandler(notFoundHandler());
    app.get('/items/:id', async () => 'item');
    expect(await answer(app, 'DELETE', '/items/7')).toMatchObject({
      status: 405,
      allow: 'GET, HEAD, OPTIONS',
    });
    expect(await answer(app, 'LOCK', '/items/7')).toMatchObject({ status: 501 });
  });

  it('leaves OPTIONS * to the not-found handler past a Fielding middleware', async () => {
    const app = fastify();
    app.setNotFoundHandler(notFoundHandler());
    await app.register(fastifyMiddleware((request, next) => next(request)));
    app.get('/items/:id', async () => 'item');
    // Over a socket: app.inject turns the asterisk-form target into a path.
    const star = await sendRaw(
      await start(app),
      'OPTIONS * HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n',
    );
    expect(star.status).toBe(204);
    expect(star.headers.get('allow')).toBe('GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS');
  });
});
