// Hostile requests over a raw socket against a Fastify 4 and 5 app set up the way the README
// recommends: every answer a client can provoke — from Node's parser, the server's target check,
// Fastify's router, its content-type parsers and schema validation, a Fielding router, or a
// native route that throws — is an RFC 9457 problem with the right status, whatever NODE_ENV
// says, and never leaks a stack, a path or a framework error code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createRouter, HTTP_METHODS } from '@fielding/core';
import { HttpError } from '@fielding/problem-errors';
import {
  expectProblem,
  forOrigin,
  hostileRequests,
  sendRaw,
  type HostileRow,
  type RawReply,
} from '../../../test-utils/hostile-http.js';
import { refuseConnect } from '@fielding/node';
import {
  httpErrorHandler,
  mountFielding,
  notFoundHandler,
  problemServerOptions,
} from '../src/index.js';
import { FASTIFY_VERSIONS, startApps, type FastifyFactory } from './_servers.js';

const api = createRouter()
  .get('/api/items/:id', (_request, { params }) => Response.json({ id: params.id }))
  .post('/api/items', async (request) => {
    if (!request.headers.get('content-type')?.startsWith('application/json')) {
      throw new HttpError(415, { detail: 'Send application/json.' });
    }
    if (Number(request.headers.get('content-length') ?? 0) > 1024 * 1024) {
      throw new HttpError(413, { detail: 'At most 1 MB.' });
    }
    try {
      return Response.json(await request.json(), { status: 201 });
    } catch {
      throw new HttpError(400, { detail: 'The body is not JSON.' });
    }
  });

const SECRET = 'connect ECONNREFUSED 10.0.0.5:5432 (SELECT * FROM users)';

const itemSchema = {
  type: 'object',
  required: ['title'],
  properties: { title: { type: 'string' }, rating: { type: 'integer' } },
} as const;

/** Native Fastify routes beside the Fielding router, with Fastify's own parsers and limits. */
function addNativeRoutes(app: FastifyInstance): void {
  app.get<{ Params: { id: string } }>('/native/items/:id', async (request) => ({
    id: request.params.id,
  }));
  app.post('/native/items', { schema: { body: itemSchema } }, async (request, reply) =>
    reply.code(201).send(request.body),
  );
  app.post('/native/small', { bodyLimit: 1024 }, async (request) => request.body);
  app.get(
    '/native/search',
    {
      schema: {
        querystring: {
          type: 'object',
          properties: { limit: { type: 'integer', maximum: 100 } },
        },
      },
    },
    async (request) => request.query,
  );
  app.get('/native/crash', async () => {
    throw new Error(SECRET);
  });
  app.get('/native/conflict', async () => {
    throw Object.assign(new Error('That title is taken.'), { statusCode: 409 });
  });
  app.get('/native/system', async () => {
    throw Object.assign(new Error(SECRET), { statusCode: 400, code: 'ERR_INVALID_ARG_TYPE' });
  });
}

/** The app of the README: server options spread in, the problem handlers, then routes. */
async function recommendedApp(
  fastify: FastifyFactory,
  options: Parameters<typeof problemServerOptions>[0] = {},
  methods: readonly string[] = HTTP_METHODS,
): Promise<FastifyInstance> {
  const app = fastify({ ...problemServerOptions(options), bodyLimit: 1024 * 1024 });
  app.setErrorHandler(httpErrorHandler());
  app.setNotFoundHandler(notFoundHandler({ methods }));
  await app.register(mountFielding(api.fetch), { prefix: '/api' });
  addNativeRoutes(app);
  return app;
}

const CRLF = '\r\n';
const raw = (head: string, ...fields: string[]): string =>
  `${head} HTTP/1.1${CRLF}${['Host: HOST', 'Connection: close', ...fields].join(CRLF)}${CRLF}${CRLF}`;
const withBody = (head: string, type: string, body: string): string =>
  raw(head, `Content-Type: ${type}`, `Content-Length: ${Buffer.byteLength(body)}`) + body;
const chunked = (head: string, type: string, body: string): string =>
  raw(head, `Content-Type: ${type}`, 'Transfer-Encoding: chunked') +
  `${Buffer.byteLength(body).toString(16)}${CRLF}${body}${CRLF}0${CRLF}${CRLF}`;

/** What Fastify itself answers its own way without the adapter's pieces. */
const FASTIFY_ROWS: HostileRow[] = [
  { name: 'FST_ERR_BAD_URL: /%ZZ', raw: raw('GET /%ZZ'), statuses: [400] },
  {
    name: 'FST_ERR_BAD_URL: a percent-escape that is not UTF-8',
    raw: raw('GET /native/%E0%A4'),
    statuses: [400],
  },
  {
    name: 'FST_ERR_CTP_EMPTY_JSON_BODY: empty content with a JSON type',
    raw: raw('POST /native/items', 'Content-Type: application/json', 'Content-Length: 0'),
    statuses: [400],
  },
  {
    name: 'FST_ERR_CTP_INVALID_JSON_BODY: invalid JSON',
    raw: withBody('POST /native/items', 'application/json', '{"title":'),
    statuses: [400],
  },
  {
    name: 'a forbidden prototype key in JSON',
    raw: withBody('POST /native/items', 'application/json', '{"title":"a","__proto__":{"x":1}}'),
    statuses: [400],
  },
  {
    name: 'FST_ERR_CTP_BODY_TOO_LARGE: a declared length over bodyLimit',
    raw: raw('POST /native/items', 'Content-Type: application/json', 'Content-Length: 2000000'),
    statuses: [413],
  },
  {
    name: 'FST_ERR_CTP_BODY_TOO_LARGE: a chunked body over the route bodyLimit',
    raw: chunked('POST /native/small', 'application/json', `"${'a'.repeat(2048)}"`),
    statuses: [413],
  },
  {
    name: 'FST_ERR_CTP_INVALID_MEDIA_TYPE: no parser for the type',
    raw: withBody('POST /native/items', 'text/csv', 'a,b'),
    statuses: [415],
  },
  { name: 'PROPFIND on a native path', raw: raw('PROPFIND /native/items/1'), statuses: [501] },
  { name: 'QUERY on a native path', raw: raw('QUERY /native/items/1'), statuses: [501] },
  { name: 'PROPFIND on a Fielding path', raw: raw('PROPFIND /api/items/1'), statuses: [501] },
  { name: 'QUERY on a Fielding path', raw: raw('QUERY /api/items/1'), statuses: [501] },
  { name: 'PROPFIND where nothing is', raw: raw('PROPFIND /nowhere'), statuses: [501] },
  { name: 'DELETE on a native GET route', raw: raw('DELETE /native/items/1'), statuses: [405] },
  // Fetch forbids a Request with TRACE (Node 24 throws building one): no fetch handler can
  // implement it, on any Node.
  { name: 'TRACE on a Fielding path', raw: raw('TRACE /api/items/1'), statuses: [501] },
  { name: 'GET *', raw: raw('GET *'), statuses: [400] },
  { name: 'a native route that throws an Error', raw: raw('GET /native/crash'), statuses: [500] },
  {
    name: 'a native route that throws an error with statusCode 409',
    raw: raw('GET /native/conflict'),
    statuses: [409],
  },
  {
    name: 'a native route that throws a Node error with statusCode 400',
    raw: raw('GET /native/system'),
    statuses: [400],
  },
  {
    name: 'FST_ERR_VALIDATION: a body that fails the schema',
    raw: withBody('POST /native/items', 'application/json', '{"rating":"high"}'),
    statuses: [400],
  },
  {
    name: 'FST_ERR_VALIDATION: a query that fails the schema',
    raw: raw('GET /native/search?limit=abc'),
    statuses: [400],
  },
];

const ENVIRONMENTS: readonly (readonly [string, string | undefined])[] = [
  ['unset', undefined],
  ['development', 'development'],
  ['production', 'production'],
];

const originalEnv = process.env['NODE_ENV'];
function setNodeEnv(value: string | undefined): void {
  if (value === undefined) delete process.env['NODE_ENV'];
  else process.env['NODE_ENV'] = value;
}

const tableRows = (): (readonly [string, HostileRow])[] =>
  [
    ...hostileRequests('/api/items/1', '/api/items').map((row) => ({
      ...row,
      name: `fielding: ${row.name}`,
    })),
    ...hostileRequests('/native/items/1', '/native/items').map((row) => ({
      ...row,
      name: `native: ${row.name}`,
    })),
    ...FASTIFY_ROWS,
  ].map((row) => [row.name, row] as const);

async function ask(origin: string, row: HostileRow | string): Promise<RawReply> {
  const hostile = typeof row === 'string' ? { name: row, raw: row, statuses: [] } : row;
  return sendRaw(origin, forOrigin(hostile, origin));
}

describe.each(FASTIFY_VERSIONS)('%s', (_version, fastify) => {
  describe.each(ENVIRONMENTS)('with NODE_ENV %s, every answer is a problem', (_label, env) => {
    const start = startApps();
    let origin = '';
    beforeAll(async () => {
      setNodeEnv(env);
      origin = await start(await recommendedApp(fastify));
    });
    afterAll(() => setNodeEnv(originalEnv));

    it.each(tableRows())('%s', async (name, row) => {
      expectProblem(await ask(origin, row), row.statuses, name);
    });

    it('keeps the message of a server error and its stack to itself', async () => {
      const reply = await ask(origin, raw('GET /native/crash'));
      expect(reply.body).not.toContain('ECONNREFUSED');
      expect(reply.body).not.toContain('SELECT');
      expect(JSON.parse(reply.body)).toEqual({
        type: 'about:blank',
        title: 'Internal Server Error',
        status: 500,
        detail: 'The server could not complete the request.',
      });
    });

    it('still serves after the table', async () => {
      const response = await fetch(`${origin}/native/items/7`);
      expect(await response.json()).toEqual({ id: '7' });
      expect(await (await fetch(`${origin}/api/items/8`)).json()).toEqual({ id: '8' });
    });
  });

  describe('details a client can act on', () => {
    const start = startApps();
    let origin = '';
    beforeAll(async () => {
      origin = await start(await recommendedApp(fastify));
    });

    it('lists schema failures of the body as JSON Pointers', async () => {
      const reply = await ask(
        origin,
        withBody('POST /native/items', 'application/json', '{"rating":"high"}'),
      );
      expectProblem(reply, [400]);
      const document = JSON.parse(reply.body) as { errors: unknown[] };
      expect(document.errors).toEqual(
        expect.arrayContaining([{ pointer: '/title', detail: 'is required' }]),
      );
    });

    it('names the query parameter that fails the schema', async () => {
      const reply = await ask(origin, raw('GET /native/search?limit=abc'));
      expectProblem(reply, [400]);
      expect(JSON.parse(reply.body)).toMatchObject({
        errors: [{ parameter: 'limit', detail: 'must be integer' }],
      });
    });

    it('sends the message of an error that declares a 4xx statusCode', async () => {
      const reply = await ask(origin, raw('GET /native/conflict'));
      expect(JSON.parse(reply.body)).toMatchObject({
        status: 409,
        title: 'Conflict',
        detail: 'That title is taken.',
      });
    });

    it('keeps the message of a Node or Fastify error with a 4xx statusCode to itself', async () => {
      const reply = await ask(origin, raw('GET /native/system'));
      expect(reply.body).not.toContain('ECONNREFUSED');
      expect(JSON.parse(reply.body)).toMatchObject({ status: 400 });
    });

    it('says how large a body may be', async () => {
      const reply = await ask(
        origin,
        chunked('POST /native/small', 'application/json', `"${'a'.repeat(2048)}"`),
      );
      expect(JSON.parse(reply.body)).toMatchObject({
        status: 413,
        detail: 'The request content is larger than the 1024 bytes this resource accepts.',
      });
    });

    it('answers a method the path lacks with 405 and Allow', async () => {
      const reply = await ask(origin, raw('DELETE /native/items/1'));
      expectProblem(reply, [405]);
      expect(reply.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
    });

    it('answers OPTIONS on a native path with 204 and Allow', async () => {
      const reply = await ask(origin, raw('OPTIONS /native/items/1'));
      expect(reply.status).toBe(204);
      expect(reply.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
    });

    it('answers OPTIONS * for the server itself with 204', async () => {
      const reply = await ask(origin, raw('OPTIONS *'));
      expect(reply.status).toBe(204);
      expect(reply.headers.get('allow')).toContain('GET');
      expect(reply.headers.get('allow')).not.toContain('CONNECT');
    });

    it('answers a body shorter than its Content-Length with 400', async () => {
      // Over a socket Node waits for the rest; a preParsing stream or inject can end early.
      const app = await recommendedApp(fastify);
      const response = await app.inject({
        method: 'POST',
        url: '/native/items',
        headers: { 'content-type': 'application/json', 'content-length': '40' },
        payload: '{"title":"short"}',
      });
      const reply: RawReply = {
        status: response.statusCode,
        headers: new Map(Object.entries(response.headers).map(([k, v]) => [k, String(v)])),
        body: response.body,
      };
      expectProblem(reply, [400], 'FST_ERR_CTP_INVALID_CONTENT_LENGTH');
      expect(JSON.parse(reply.body)).toMatchObject({
        detail: 'The request content is not as long as its Content-Length says.',
      });
      await app.close();
    });
  });

  describe('a method some route implements', () => {
    const start = startApps();
    let origin = '';
    beforeAll(async () => {
      const app = await recommendedApp(fastify, {}, [...HTTP_METHODS, 'PROPFIND']);
      // Fastify 5 routes WebDAV methods only once added; Fastify 4 knows them already.
      const withMethods = app as FastifyInstance & {
        addHttpMethod?: (method: string, options: { hasBody: boolean }) => void;
      };
      withMethods.addHttpMethod?.('PROPFIND', { hasBody: true });
      app.route({ method: 'PROPFIND', url: '/native/dav', handler: async () => 'dav' });
      origin = await start(app);
    });

    it('is answered 405 with Allow on a path that exists (RFC 9110 §15.5.6)', async () => {
      const reply = await ask(origin, raw('PROPFIND /native/items/1'));
      expectProblem(reply, [405]);
      expect(reply.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
    });

    it('is answered 404 where nothing is', async () => {
      expectProblem(await ask(origin, raw('PROPFIND /nowhere')), [404]);
    });

    it('leaves a method no route implements at 501 (RFC 9110 §15.6.2)', async () => {
      expectProblem(await ask(origin, raw('QUERY /native/items/1')), [501]);
    });
  });

  describe('without the server target check', () => {
    const start = startApps();
    let origin = '';
    beforeAll(async () => {
      origin = await start(await recommendedApp(fastify, { checkTarget: false }));
    });

    it.each([
      ['/%ZZ through frameworkErrors', raw('GET /%ZZ'), 400],
      ['/native/%E0%A4 through frameworkErrors', raw('GET /native/%E0%A4'), 400],
      ['GET * through the not-found handler', raw('GET *'), 400],
      [
        'a Host with a space on a Fielding route',
        raw('GET /api/items/1').replace('Host: HOST', 'Host: a b'),
        400,
      ],
      ['an absolute-form target on a Fielding route', raw('GET http://evil.test/api/items/1'), 200],
      ['CONNECT', raw('CONNECT evil.test:443'), 501],
    ] as const)('answers %s', async (name, request, status) => {
      expectProblem(await ask(origin, request), [status], name);
    });
  });

  describe('without serverFactory (as with https or http2)', () => {
    const start = startApps();
    let origin = '';
    beforeAll(async () => {
      const { serverFactory: _left, ...options } = problemServerOptions();
      const app = fastify({ ...options, bodyLimit: 1024 * 1024 });
      app.setErrorHandler(httpErrorHandler());
      app.setNotFoundHandler(notFoundHandler());
      // Node drops a CONNECT unanswered without a listener (createNodeServer has one).
      app.server.on('connect', refuseConnect);
      await app.register(mountFielding(api.fetch), { prefix: '/api' });
      addNativeRoutes(app);
      origin = await start(app);
    });

    // What needs the server of problemServerOptions() is left out: a bad Host on a native route
    // (Fastify does not read it), two Host fields, none at all (Node answers a bare 400).
    const covered = new Set([
      'a bad percent-escape in the path',
      'a bad percent-escape in a route',
      'a percent-escape that is not UTF-8',
      'GET with the asterisk-form target',
      'POST with the asterisk-form target',
      'the unknown method PROPFIND',
      'the unknown method QUERY',
      'the unparseable method BREW',
      'a lower-case method',
      'a 200-character method',
      'CONNECT to a host',
      'TRACE',
      'a 32 KB header',
      'a control character in a header value',
      'a header name with a space',
      'a Content-Length that is not a number',
      'two different Content-Lengths',
      'Content-Length and Transfer-Encoding together',
      'an unknown Transfer-Encoding',
      'malformed JSON',
      'a body of an unsupported media type',
      'a declared 5 MB body',
    ]);
    const rows = [
      ...hostileRequests('/native/items/1', '/native/items'),
      // A Fielding route builds a URL from the Host: a bad one is a 400 there.
      ...hostileRequests('/api/items/1', '/api/items')
        .filter((row) => row.name === 'a Host with a space' || row.name === 'a Host with a path')
        .map((row) => ({ ...row, name: `fielding: ${row.name}` })),
    ].filter((row) => covered.has(row.name) || row.name.startsWith('fielding: '));

    it.each(rows.map((row) => [row.name, row] as const))('answers %s', async (name, row) => {
      expectProblem(await ask(origin, row), row.statuses, name);
    });
  });
});
