// Hostile requests over a raw socket against an Express app set up the way the README says:
// a Fielding router mounted with mountFielding, native routes behind express.json(), the
// not-found handler and the error handler, served by createNodeServer. Every answer a client
// can provoke — from Node's parser, the target check, Express's router, its body parser, a
// route or the fetch handler — is an RFC 9457 problem with the right status and never HTML or
// a stack, whatever NODE_ENV was when the app was made (Express reads it then).
import { gzipSync } from 'node:zlib';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRouter } from '@fielding/core';
import { createNodeServer } from '@fielding/node';
import { HttpError, unsupportedMediaType } from '@fielding/problem-errors';
import {
  expectProblem,
  forOrigin,
  hostileRequests,
  sendRaw,
  type HostileRow,
} from '../../../test-utils/hostile-http.js';
import { httpErrorHandler, notFoundHandler, mountFielding } from '../src/index.js';
import { EXPRESS_VERSIONS } from './_servers.js';

type Express = (typeof EXPRESS_VERSIONS)[number][1];

/** What a careless route might throw: everything a client must never see. */
const SECRET = 'secret: SELECT * FROM users failed at /work/app/src/db.ts:12:3';

/** An http-errors-style error, as `createError(status, message)` makes it. */
function httpErrorsLike(status: number, message: string, expose = status < 500): Error {
  return Object.assign(new Error(message), { status, statusCode: status, expose });
}

const api = createRouter()
  .get('/api/items/:id', (_request, { params }) => Response.json({ id: params.id }))
  .post('/api/items', async (request) => {
    if (!request.headers.get('content-type')?.startsWith('application/json')) {
      throw unsupportedMediaType({ acceptPost: ['application/json'] });
    }
    if (Number(request.headers.get('content-length') ?? 0) > 1024 * 1024) {
      throw new HttpError(413, { detail: 'At most 1 MB.' });
    }
    try {
      return Response.json(await request.json(), { status: 201 });
    } catch {
      throw new HttpError(400, { detail: 'The body is not JSON.' });
    }
  })
  .get('/api/throws', () => {
    throw new Error(SECRET);
  });

/** The app as the README's "Errors" section sets it up, made while NODE_ENV is `env`. */
function createApp(express: Express, env: string | undefined): ReturnType<Express> {
  const saved = process.env.NODE_ENV;
  if (env === undefined) delete process.env.NODE_ENV;
  else process.env.NODE_ENV = env;
  try {
    const app = express();
    app.use('/api', mountFielding(api.fetch));
    app.get('/native/items/:id', (req, res) => {
      res.json({ id: req.params.id });
    });
    app.post('/native/items', express.json(), (req, res) => {
      if (!req.is('application/json'))
        throw unsupportedMediaType({ acceptPost: ['application/json'] });
      res.status(201).json(req.body);
    });
    app.get('/native/throws', () => {
      throw new Error(SECRET);
    });
    app.get('/native/next-error', (_req, _res, next) => {
      next(new TypeError(SECRET));
    });
    app.get('/native/etag-then-throws', (_req, res) => {
      res.setHeader('ETag', '"v1"');
      res.setHeader('Content-Language', 'en');
      throw new Error(SECRET);
    });
    app.get('/native/exposed', (_req, _res, next) => {
      next(httpErrorsLike(404, 'No blog 7.'));
    });
    app.get('/native/exposed-unsafe', (_req, _res, next) => {
      next(httpErrorsLike(409, SECRET));
    });
    app.get('/native/hidden', (_req, _res, next) => {
      next(httpErrorsLike(403, 'Blog 7 belongs to user 12.', false));
    });
    app.get('/native/with-headers', (_req, _res, next) => {
      next(Object.assign(httpErrorsLike(429, 'Slow down.'), { headers: { 'Retry-After': '7' } }));
    });
    app.get('/native/server-fault', (_req, _res, next) => {
      next(httpErrorsLike(503, SECRET, true));
    });
    app.get('/native/status-only', (_req, _res, next) => {
      // An upstream client's error: its status is not ours to answer with.
      next(Object.assign(new Error(SECRET), { status: 404 }));
    });
    app.get('/native/thrown-string', () => {
      throw SECRET;
    });
    app.get('/native/:name', (req, res) => {
      res.json({ name: req.params.name });
    });
    app.use(notFoundHandler());
    app.use(httpErrorHandler());
    return app;
  } finally {
    if (saved === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = saved;
  }
}

const CRLF = '\r\n';
const get = (target: string, ...fields: string[]): string =>
  [`GET ${target} HTTP/1.1`, 'Host: HOST', 'Connection: close', ...fields, '', ''].join(CRLF);
const post = (fields: string[], body: string | Buffer): Buffer =>
  Buffer.concat([
    Buffer.from(
      [
        'POST /native/items HTTP/1.1',
        'Host: HOST',
        'Connection: close',
        ...fields,
        `Content-Length: ${Buffer.byteLength(body)}`,
        '',
        '',
      ].join(CRLF),
    ),
    Buffer.from(body),
  ]);
const BIG_JSON = JSON.stringify({ title: 'x'.repeat(200 * 1024) });

/** What Express, its body parser and native routes add to the shared table. */
const expressRows: HostileRow[] = [
  { name: 'a native route that throws', raw: get('/native/throws'), statuses: [500] },
  {
    name: 'a native route that throws a string',
    raw: get('/native/thrown-string'),
    statuses: [500],
  },
  { name: 'next(error) with a TypeError', raw: get('/native/next-error'), statuses: [500] },
  { name: 'a fetch handler that throws', raw: get('/api/throws'), statuses: [500] },
  { name: 'an http-errors 503', raw: get('/native/server-fault'), statuses: [500] },
  { name: 'an error with a foreign status', raw: get('/native/status-only'), statuses: [500] },
  { name: 'an exposed 409 with internals', raw: get('/native/exposed-unsafe'), statuses: [409] },
  {
    name: 'malformed JSON to express.json()',
    raw: post(['Content-Type: application/json'], '{"title": nope}'),
    statuses: [400],
  },
  {
    name: 'a 200 KB body to express.json()',
    raw: post(['Content-Type: application/json'], BIG_JSON),
    statuses: [413],
  },
  {
    name: 'a 200 KB chunked body to express.json()',
    raw: Buffer.from(
      [
        'POST /native/items HTTP/1.1',
        'Host: HOST',
        'Connection: close',
        'Content-Type: application/json',
        'Transfer-Encoding: chunked',
        '',
        `${Buffer.byteLength(BIG_JSON).toString(16)}`,
        BIG_JSON,
        '0',
        '',
        '',
      ].join(CRLF),
    ),
    statuses: [413],
  },
  {
    name: 'an unsupported charset',
    raw: post(['Content-Type: application/json; charset=latin1'], '{}'),
    statuses: [415],
  },
  {
    name: 'an unsupported Content-Encoding',
    raw: post(['Content-Type: application/json', 'Content-Encoding: bogus'], '{}'),
    statuses: [415],
  },
  {
    name: 'gzip that is not gzip',
    raw: post(['Content-Type: application/json', 'Content-Encoding: gzip'], '{"a":1}'),
    statuses: [400],
  },
  {
    name: 'gzip of malformed JSON',
    raw: post(['Content-Type: application/json', 'Content-Encoding: gzip'], gzipSync('{"a":')),
    statuses: [400],
  },
  {
    name: 'JSON that is not an object or array (strict)',
    raw: post(['Content-Type: application/json'], '"just a string"'),
    statuses: [400],
  },
  { name: 'a malformed param in a native route', raw: get('/native/%E0%A4'), statuses: [400] },
  {
    name: 'a known method no native route serves',
    raw: get('/native/items/1').replace('GET', 'DELETE'),
    statuses: [404, 405],
  },
  {
    name: 'an unknown method on a native path',
    raw: get('/native/items/1').replace('GET', 'PROPFIND'),
    statuses: [501],
  },
  {
    name: 'TRACE on a native path',
    raw: get('/native/items/1').replace('GET', 'TRACE'),
    statuses: [405, 501],
  },
  { name: 'GET *', raw: get('*'), statuses: [400] },
  {
    name: 'an absolute-form target of another scheme',
    raw: get('ftp://evil.test/api/items/1'),
    statuses: [400],
  },
  {
    name: 'an absolute-form target that is no URL',
    raw: get('http://[evil/api/items/1'),
    statuses: [400, 404],
  },
  { name: 'a path no route serves', raw: get('/nowhere'), statuses: [404] },
];

const ENVIRONMENTS = [
  ['NODE_ENV unset', undefined],
  ['NODE_ENV=development', 'development'],
  ['NODE_ENV=production', 'production'],
] as const;

const named = (prefix: string, rows: HostileRow[]): Array<readonly [string, HostileRow]> =>
  rows.map((row) => [`${prefix}${row.name}`, row] as const);

// express.json() reads a declared body to its end before it answers 413 (so the connection can
// be reused); `maxBodyBytes` on createNodeServer answers a declared size over it before Express
// runs, as the README recommends.
const ROWS = [
  ...named('fielding route: ', hostileRequests('/api/items/1', '/api/items')),
  ...named('native route: ', hostileRequests('/native/items/1', '/native/items')),
  ...named('', expressRows),
];

async function listening(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function closed(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
}

describe.each(EXPRESS_VERSIONS)('%s', (_name, express) => {
  describe.each(ENVIRONMENTS)('with %s', (_env, env) => {
    let origin = '';
    let server: Server;
    beforeAll(async () => {
      server = createNodeServer(createApp(express, env), { maxBodyBytes: 1024 * 1024 });
      origin = await listening(server);
    });
    afterAll(() => closed(server));

    it.each(ROWS)('%s', async (name, row) => {
      const reply = await sendRaw(origin, forOrigin(row, origin));
      expectProblem(reply, row.statuses, name);
      expect(reply.body, name).not.toContain('secret');
      expect(reply.body, name).not.toMatch(/<html|<pre/i);
    });

    it('answers HEAD of a path no route serves with a bodiless 404 problem', async () => {
      const reply = await sendRaw(
        origin,
        forOrigin({ name: '', raw: get('/nowhere').replace('GET', 'HEAD'), statuses: [] }, origin),
      );
      expect(reply.status).toBe(404);
      expect(reply.headers.get('content-type')).toBe('application/problem+json');
      expect(reply.body).toBe('');
    });

    it('answers OPTIONS * about the server itself with 204 and Allow', async () => {
      const reply = await sendRaw(
        origin,
        forOrigin({ name: '', raw: get('*').replace('GET', 'OPTIONS'), statuses: [] }, origin),
      );
      expect(reply.status).toBe(204);
      expect(reply.headers.get('allow')).toBe('GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS');
      expect(reply.body).toBe('');
    });

    it.each([
      ['/native/exposed', 404, 'No blog 7.'],
      ['/native/hidden', 403, 'The server refuses to carry out the request.'],
      [
        '/native/exposed-unsafe',
        409,
        'The request conflicts with the current state of the resource.',
      ],
      ['/native/throws', 500, 'The server could not complete the request.'],
      ['/native/%E0%A4', 400, 'The request is not valid.'],
      ['/nowhere/7', 404, 'No resource matches /nowhere/7.'],
    ])('answers GET %s with %i and the detail %j', async (path, status, detail) => {
      const reply = await sendRaw(
        origin,
        forOrigin({ name: path, raw: get(path), statuses: [] }, origin),
      );
      expectProblem(reply, [status], path);
      expect(JSON.parse(reply.body)).toMatchObject({ status, detail });
    });

    it('gives a body-parser error a detail of its own', async () => {
      const cases: Array<[string | Buffer, number, string | RegExp]> = [
        [
          post(['Content-Type: application/json'], '{"a":'),
          400,
          /^The request content could not be parsed/,
        ],
        [
          post(['Content-Type: application/json'], BIG_JSON),
          413,
          'The request content is larger than the 102400 bytes this resource accepts.',
        ],
        [
          post(['Content-Type: application/json; charset=latin1'], '{}'),
          415,
          'The charset of the request content is not supported.',
        ],
        [
          post(['Content-Type: application/json', 'Content-Encoding: bogus'], '{}'),
          415,
          'The Content-Encoding of the request content is not supported.',
        ],
        [
          post(['Content-Type: application/json', 'Content-Encoding: gzip'], '{}'),
          400,
          'The request is not valid.',
        ],
      ];
      for (const [raw, status, detail] of cases) {
        const reply = await sendRaw(origin, forOrigin({ name: '', raw, statuses: [] }, origin));
        expectProblem(reply, [status], String(detail));
        expect((JSON.parse(reply.body) as { detail: string }).detail).toMatch(detail);
      }
    });

    it('keeps the headers an http-errors error carries, and drops the route’s representation headers', async () => {
      const limited = await sendRaw(
        origin,
        forOrigin({ name: '', raw: get('/native/with-headers'), statuses: [] }, origin),
      );
      expectProblem(limited, [429], 'with headers');
      expect(limited.headers.get('retry-after')).toBe('7');
      const thrown = await sendRaw(
        origin,
        forOrigin({ name: '', raw: get('/native/etag-then-throws'), statuses: [] }, origin),
      );
      expectProblem(thrown, [500], 'etag then throws');
      expect(thrown.headers.has('etag')).toBe(false);
      expect(thrown.headers.has('content-language')).toBe(false);
    });

    it('still serves both kinds of route after the table', async () => {
      expect(await (await fetch(`${origin}/api/items/7`)).json()).toEqual({ id: '7' });
      expect(await (await fetch(`${origin}/native/items/7`)).json()).toEqual({ id: '7' });
      const created = await fetch(`${origin}/native/items`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{"title":"Hello"}',
      });
      expect(created.status).toBe(201);
      expect(await created.json()).toEqual({ title: 'Hello' });
    });
  });
});

describe.each(EXPRESS_VERSIONS)('a body over the express.json() limit on %s', (_name, express) => {
  let origin = '';
  let server: Server;
  beforeAll(async () => {
    server = createNodeServer(createApp(express, undefined), {
      headersTimeout: 1_000,
      requestTimeout: 1_000,
    });
    origin = await listening(server);
  });
  afterAll(() => closed(server));

  it('is answered 413 once the client has sent it', async () => {
    const body = JSON.stringify({ title: 'x'.repeat(5 * 1024 * 1024) });
    const reply = await sendRaw(
      origin,
      forOrigin(
        { name: '', raw: post(['Content-Type: application/json'], body), statuses: [] },
        origin,
      ),
    );
    expectProblem(reply, [413], '5 MB sent');
  });

  it('is answered 408 at requestTimeout when the client only declares it (no maxBodyBytes)', async () => {
    const declared = hostileRequests('/native/items/1', '/native/items').find(
      (row) => row.name === 'a declared 5 MB body',
    );
    expect(declared).toBeDefined();
    const started = Date.now();
    const reply = await sendRaw(origin, forOrigin(declared!, origin));
    expectProblem(reply, [408], 'declared only');
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
