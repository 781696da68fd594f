// Hostile requests over a raw socket against a Hono app set up as the README recommends: a
// Fielding router under /api, native Hono routes (c.req.json(), bodyLimit, validator,
// basicAuth, HTTPException, a plain Error), rejectMalformedTarget, httpErrorHandler and
// notFoundHandler(app). On @fielding/node's serve() every answer a client can provoke is an RFC
// 9457 problem with the right status and no leak, in any NODE_ENV. On @hono/node-server the
// requests Node's parser or the server itself refuses before Hono runs get the server's own
// bodiless answer; those rows assert exactly that.
import type { RequestListener, Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve as honoServe } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import { basicAuth } from 'hono/basic-auth';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { validator } from 'hono/validator';
import { createRouter } from '@fielding/core';
import { createNodeServer, serve } from '@fielding/node';
import { HttpError } from '@fielding/problem-errors';
import {
  expectProblem,
  forOrigin,
  hostileRequests,
  sendRaw,
  type HostileRow,
  type RawReply,
} from '../../../test-utils/hostile-http.js';
import {
  httpErrorHandler,
  mountFielding,
  notFoundHandler,
  rejectMalformedTarget,
} from '../src/index.js';

const SECRET = 'secret at /work/app/db.ts:12 in SELECT * FROM users';

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

function buildApp(): Hono {
  const app = new Hono();
  app.use(rejectMalformedTarget());
  app.get('/native/items/:id', (c) => c.json({ id: c.req.param('id') }));
  app.post('/native/items', bodyLimit({ maxSize: 1024 * 1024 }), async (c) => {
    if (!c.req.header('content-type')?.startsWith('application/json')) {
      throw new HTTPException(415, { message: 'Send application/json.' });
    }
    return c.json(await c.req.json(), 201);
  });
  app.post('/native/small', bodyLimit({ maxSize: 16 }), async (c) => c.text(await c.req.text()));
  app.post(
    '/native/validated',
    validator('json', (value) => value),
    (c) => c.json(c.req.valid('json'), 201),
  );
  app.get('/native/private', basicAuth({ username: 'ann', password: 'pw' }), (c) => c.text('hi'));
  app.get('/native/teapot', () => {
    throw new HTTPException(418, {
      res: new Response('I am a teapot', { headers: { 'X-Brew': 'none' } }),
    });
  });
  app.get('/native/unavailable', () => {
    throw new HTTPException(503, {
      message: SECRET,
      res: new Response(SECRET, { headers: { 'Retry-After': '120' } }),
    });
  });
  app.get('/native/boom', () => {
    throw new Error(SECRET);
  });
  mountFielding(app, '/api', api.fetch);
  app.onError(httpErrorHandler());
  app.notFound(notFoundHandler(app));
  return app;
}

const CRLF = '\r\n';
const raw = (head: string, ...fields: string[]): string =>
  `${head} HTTP/1.1${CRLF}${['Host: HOST', 'Connection: close', ...fields].join(CRLF)}${CRLF}${CRLF}`;
const withBody = (head: string, type: string, body: string): string =>
  raw(head, `Content-Type: ${type}`, `Content-Length: ${Buffer.byteLength(body)}`) + body;

/** A Hono-specific row: the statuses, and headers the answer must carry. */
interface HonoRow extends HostileRow {
  headers?: Readonly<Record<string, string>>;
  detail?: string;
  /** A HEAD request: the problem's headers without its body. */
  head?: boolean;
}

const honoRows: HonoRow[] = [
  {
    name: 'c.req.json() on malformed JSON',
    raw: withBody('POST /native/items', 'application/json', '{"a":'),
    statuses: [400],
    detail: 'The request body is not valid JSON.',
  },
  {
    name: "hono's validator on malformed JSON (an HTTPException without a response)",
    raw: withBody('POST /native/validated', 'application/json', '{"a":'),
    statuses: [400],
    detail: 'Malformed JSON in request body',
  },
  {
    name: 'an HTTPException whose response is plain text',
    raw: raw('GET /native/teapot'),
    statuses: [418],
    headers: { 'x-brew': 'none' },
  },
  {
    name: "basicAuth's 401 keeps its challenge",
    raw: raw('GET /native/private'),
    statuses: [401],
    headers: { 'www-authenticate': 'Basic realm="Secure Area"' },
  },
  {
    name: "HEAD on basicAuth's route keeps its challenge and the problem's media type",
    raw: raw('HEAD /native/private'),
    statuses: [401],
    headers: {
      'www-authenticate': 'Basic realm="Secure Area"',
      'content-type': 'application/problem+json',
    },
    head: true,
  },
  {
    name: 'a 503 HTTPException says nothing of its message and keeps Retry-After',
    raw: raw('GET /native/unavailable'),
    statuses: [503],
    headers: { 'retry-after': '120' },
  },
  {
    name: 'bodyLimit on a declared length over the limit',
    raw: withBody('POST /native/small', 'text/plain', 'x'.repeat(64)),
    statuses: [413],
  },
  {
    name: 'bodyLimit on a chunked body over the limit',
    raw:
      raw('POST /native/small', 'Content-Type: text/plain', 'Transfer-Encoding: chunked') +
      `40${CRLF}${'x'.repeat(64)}${CRLF}0${CRLF}${CRLF}`,
    statuses: [413],
  },
  {
    name: 'a percent-escape that is not UTF-8 in a param',
    raw: raw('GET /native/items/%E0%A4'),
    statuses: [400],
  },
  { name: 'a bad percent-escape in a param', raw: raw('GET /native/items/%ZZ'), statuses: [400] },
  { name: 'a native route that throws an Error', raw: raw('GET /native/boom'), statuses: [500] },
  {
    name: 'an unknown method on a native path',
    raw: raw('PROPFIND /native/items/1'),
    statuses: [501],
  },
  {
    name: 'an unknown method on a path no route has',
    raw: raw('PROPFIND /nowhere'),
    statuses: [501],
  },
  {
    name: 'a known method a native path does not allow',
    raw: raw('DELETE /native/items/1'),
    statuses: [405],
    headers: { allow: 'GET, HEAD, OPTIONS' },
  },
  {
    name: 'HEAD on a native path that only has POST',
    raw: raw('HEAD /native/small'),
    statuses: [405],
    headers: { allow: 'POST, OPTIONS', 'content-type': 'application/problem+json' },
    head: true,
  },
  {
    name: 'an unknown method on a Fielding path',
    raw: raw('PROPFIND /api/items/1'),
    statuses: [501],
  },
  {
    name: 'a known method a Fielding path does not allow',
    raw: raw('DELETE /api/items/1'),
    statuses: [405],
    headers: { allow: 'GET, HEAD, OPTIONS' },
  },
  { name: 'a path no route has', raw: raw('GET /nowhere'), statuses: [404] },
];

const tableRows = (prefix: string): HonoRow[] =>
  hostileRequests(`/${prefix}/items/1`, `/${prefix}/items`).map((row) => ({
    ...row,
    name: `${prefix}: ${row.name}`,
  }));

const ROWS: HonoRow[] = [...tableRows('api'), ...tableRows('native'), ...honoRows];

/** An answer a server gives itself: status and Content-Type, and never a body. */
interface OwnAnswer {
  status: number;
  contentType?: string;
}

// @hono/node-server cannot build a URL from the Host or target and answers
// `new Response(null, { status: 400 })`, which its light Response sends as text/plain.
const URL_REFUSED: OwnAnswer = { status: 400, contentType: 'text/plain; charset=UTF-8' };
// Node's parser refuses the request and writes a bare status line, or closes (status 0).
const NODE_REFUSED: OwnAnswer = { status: 400 };

/**
 * What @hono/node-server answers itself, before Hono runs, so no adapter can make it a
 * problem: the parser's refusals (Node's bare 400 or 431), an HTTP/1.1 request without Host
 * (Node's bodiless 400), a Host or target it cannot make a URL of (`a b`, `a/b`, `999.1.1.1`,
 * `a:99999`, `GET *`: its own empty text/plain 400), and CONNECT, which nobody answers (Node closes the connection).
 */
const NODE_SERVER_OWN = new Map<string, OwnAnswer>(
  ['api', 'native'].flatMap((prefix) =>
    (
      [
        ['a Host with a space', URL_REFUSED],
        ['no Host at all', NODE_REFUSED],
        ['a Host with a path', URL_REFUSED],
        // Hosts of legal characters that the URL parser still refuses.
        ...['%.', ']&', 'a:b', '999.1.1.1', '[::1', 'a:99999'].map(
          (host) => [`the Host ${host}, which no URL takes`, URL_REFUSED] as const,
        ),
        ['GET with the asterisk-form target', URL_REFUSED],
        ['POST with the asterisk-form target', URL_REFUSED],
        ['the unparseable method BREW', NODE_REFUSED],
        ['a lower-case method', NODE_REFUSED],
        ['a 200-character method', NODE_REFUSED],
        ['CONNECT to a host', { status: 0 }],
        ['a 32 KB header', { status: 431 }],
        ['a control character in a header value', NODE_REFUSED],
        ['a header name with a space', NODE_REFUSED],
        ['a Content-Length that is not a number', NODE_REFUSED],
        ['two different Content-Lengths', NODE_REFUSED],
        ['Content-Length and Transfer-Encoding together', NODE_REFUSED],
        ['an unknown Transfer-Encoding', NODE_REFUSED],
      ] as const
    ).map(([name, answer]) => [`${prefix}: ${name}`, answer] as const),
  ),
);

function expectRow(reply: RawReply, row: HonoRow): void {
  if (row.head === true) {
    expect(row.statuses, row.name).toContain(reply.status);
    expect(reply.body, row.name).toBe('');
  } else {
    expectProblem(reply, row.statuses, row.name);
  }
  for (const [name, value] of Object.entries(row.headers ?? {})) {
    expect(reply.headers.get(name), `${row.name}: ${name}`).toBe(value);
  }
  if (reply.status < 400 || row.head === true) return;
  const document = JSON.parse(reply.body) as { detail?: string };
  if (row.detail !== undefined) expect(document.detail, row.name).toBe(row.detail);
  if (reply.status >= 500) expect(document.detail ?? '', row.name).not.toContain('secret');
}

async function listening(server: Server): Promise<string> {
  if (!server.listening) await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

const servers: Array<[string, (app: Hono) => Server, ReadonlyMap<string, OwnAnswer>]> = [
  ['serve() from @fielding/node', (app) => serve(app.fetch, { port: 0 }), new Map()],
  [
    '@hono/node-server',
    (app) => honoServe({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }) as Server,
    NODE_SERVER_OWN,
  ],
  [
    '@hono/node-server on createNodeServer() from @fielding/node',
    (app) =>
      honoServe({
        fetch: app.fetch,
        port: 0,
        hostname: '127.0.0.1',
        createServer: ((_options: unknown, listener: RequestListener) =>
          createNodeServer(listener)) as typeof createServer,
      }) as Server,
    new Map(),
  ],
];

describe.each(servers)('hono on %s answers hostile requests', (_server, start, own) => {
  describe.each(['production', 'development'])('with NODE_ENV=%s', (nodeEnv) => {
    let origin = '';
    let server: Server;
    const saved = process.env.NODE_ENV;
    beforeAll(async () => {
      process.env.NODE_ENV = nodeEnv;
      server = start(buildApp());
      origin = await listening(server);
    });
    afterAll(async () => {
      process.env.NODE_ENV = saved;
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    });

    it.each(ROWS.map((row) => [row.name, row] as const))('%s', async (name, row) => {
      const reply = await sendRaw(origin, forOrigin(row, origin));
      const answer = own.get(name);
      if (answer === undefined) {
        expectRow(reply, row);
        return;
      }
      // The server's own answer: this status, no body, nothing of the error.
      expect(reply.status, name).toBe(answer.status);
      expect(reply.body, name).toBe('');
      expect(reply.headers.get('content-type'), name).toBe(answer.contentType);
    });

    it('still serves after the table', async () => {
      expect(await (await fetch(`${origin}/native/items/7`)).json()).toEqual({ id: '7' });
      expect(await (await fetch(`${origin}/api/items/7`)).json()).toEqual({ id: '7' });
    });
  });
});
