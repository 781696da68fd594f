import { request as httpRequest } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { FetchHandler } from '@fielding/core';
import { HttpError } from '@fielding/problem-errors';
import { toExpress } from './index.js';
import { _setLazyRequests as setLazyRequests } from '../../node/src/web-request.js';
import { send } from '../test/adapter-suite.js';
import { expectProblem, sendRaw } from '../../../test-utils/hostile-http.js';
import { close, EXPRESS_VERSIONS, listen } from '../test/_servers.js';
import type { Server } from 'node:http';

const echo: FetchHandler = async (request) =>
  Response.json({
    url: request.url,
    contentLength: request.headers.get('content-length'),
    body: request.body === null ? null : await request.text(),
  });

const tick = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(EXPRESS_VERSIONS)('to express on %s', (_name, express) => {
  const servers: Server[] = [];
  const start = async (app: ReturnType<typeof express>): Promise<string> => {
    const { origin, server } = await listen(app);
    servers.push(server);
    return origin;
  };
  afterEach(async () => {
    await Promise.all(servers.splice(0).map(close));
  });

  it('builds the url from trusted forwarding headers only when trust proxy allows it', async () => {
    const trusting = express();
    trusting.set('trust proxy', true);
    trusting.use('/api', toExpress(echo));
    const plain = express();
    plain.use('/api', toExpress(echo));
    const headers = {
      'X-Forwarded-Proto': 'https',
      'X-Forwarded-Host': 'api.example.com:8443, proxy.local',
    };
    const trusted = JSON.parse(
      (await send(`${await start(trusting)}/api/x?q=1`, { headers })).body.toString(),
    );
    const origin = await start(plain);
    const untrusted = JSON.parse((await send(`${origin}/api/x?q=1`, { headers })).body.toString());
    expect(trusted.url).toBe('https://api.example.com:8443/api/x?q=1');
    expect(untrusted.url).toBe(`${origin}/api/x?q=1`);
  });

  it('mounts on one route with its parameters still in the url', async () => {
    const app = express();
    app.post('/items/:id', toExpress(echo));
    const origin = await start(app);
    const reply = await send(`${origin}/items/42`, { method: 'POST', body: 'hi' });
    expect(JSON.parse(reply.body.toString())).toEqual({
      url: `${origin}/items/42`,
      contentLength: '2',
      body: 'hi',
    });
  });

  it.each([
    ['json', () => express.json(), 'application/json', '{"a": [1, 2]}', '{"a":[1,2]}'],
    ['text', () => express.text(), 'text/plain', 'plain words', 'plain words'],
    [
      'raw',
      () => express.raw({ type: '*/*' }),
      'application/octet-stream',
      'raw bytes',
      'raw bytes',
    ],
    [
      'urlencoded',
      () => express.urlencoded({ extended: false }),
      'application/x-www-form-urlencoded',
      'a=1&b=2&b=3',
      'a=1&b=2&b=3',
    ],
  ])('re-serialises what express.%s() parsed', async (_kind, parser, type, sent, seen) => {
    const app = express();
    app.use(parser());
    app.use('/api', toExpress(echo));
    const reply = await send(`${await start(app)}/api/x`, {
      method: 'POST',
      headers: { 'Content-Type': type },
      body: sent,
    });
    const body = JSON.parse(reply.body.toString());
    expect(body.body).toBe(seen);
    expect(body.contentLength).toBe(String(Buffer.byteLength(seen)));
  });

  it('streams the body itself when the body parser skipped the content type', async () => {
    const app = express();
    app.use(express.json());
    app.use('/api', toExpress(echo));
    const reply = await send(`${await start(app)}/api/x`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/csv' },
      body: 'a,b',
    });
    expect(JSON.parse(reply.body.toString()).body).toBe('a,b');
  });

  it('keeps headers and cookies set by earlier express middleware', async () => {
    const app = express();
    app.use((_req, res, next) => {
      res.setHeader('X-Early', 'yes');
      res.append('Set-Cookie', 'session=1');
      next();
    });
    app.use(
      '/api',
      toExpress(
        () =>
          new Response('ok', { headers: { 'Set-Cookie': 'theme=dark', 'X-Early': 'overridden' } }),
      ),
    );
    const reply = await send(`${await start(app)}/api/x`);
    expect(reply.headers['set-cookie']).toEqual(['session=1', 'theme=dark']);
    expect(reply.headers['x-early']).toBe('overridden');
  });

  it('answers other errors with a bare 500 problem and reports them to onError', async () => {
    const reported: string[] = [];
    const onError = (error: unknown): void => {
      reported.push(error instanceof Error ? error.message : String(error));
    };
    const app = express();
    app.get(
      '/sync',
      toExpress(
        () => {
          throw new Error('sync boom');
        },
        { onError },
      ),
    );
    app.get(
      '/async',
      toExpress(
        async () => {
          throw new Error('async boom');
        },
        { onError },
      ),
    );
    app.get(
      '/stream',
      toExpress(
        () => new Response(new ReadableStream({ pull: (c) => c.error(new Error('stream boom')) })),
        { onError },
      ),
    );
    // Never reached: an error handler of the app cannot print the stack of these.
    app.use((_error: Error, _req: unknown, res: { end(body: string): void }, _next: unknown) => {
      res.end('express handled it');
    });
    const origin = await start(app);
    for (const path of ['/sync', '/async', '/stream']) {
      const reply = await send(`${origin}${path}`);
      expect(reply.status).toBe(500);
      expect(reply.headers['content-type']).toBe('application/problem+json');
      expect(JSON.parse(reply.body.toString())).toEqual({
        type: 'about:blank',
        title: 'Internal Server Error',
        status: 500,
        detail: 'The server could not complete the request.',
        instance: path,
      });
    }
    expect(reported).toEqual(['sync boom', 'async boom', 'stream boom']);
  });

  it('answers a handler that returns no response with a 500 problem', async () => {
    const reported: unknown[] = [];
    const onError = (error: unknown): void => void reported.push(error);
    const app = express();
    app.get('/sync', toExpress((() => undefined) as unknown as FetchHandler, { onError }));
    app.get(
      '/async',
      toExpress((async () => ({ status: 200 })) as unknown as FetchHandler, { onError }),
    );
    const origin = await start(app);
    expect((await send(`${origin}/sync`)).status).toBe(500);
    expect((await send(`${origin}/async`)).status).toBe(500);
    expect(reported.map((error) => (error as Error).constructor.name)).toEqual([
      'TypeError',
      'TypeError',
    ]);
    // The process is still serving.
    expect((await send(`${origin}/sync`)).status).toBe(500);
  });

  it('does not report http errors, and survives an onError that throws', async () => {
    const reported: unknown[] = [];
    const app = express();
    app.get(
      '/gone',
      toExpress(
        () => {
          throw new HttpError(410);
        },
        { onError: (error) => void reported.push(error) },
      ),
    );
    app.get(
      '/broken-logger',
      toExpress(
        () => {
          throw new Error('boom');
        },
        {
          onError: () => {
            throw new Error('logger down');
          },
        },
      ),
    );
    const origin = await start(app);
    expect((await send(`${origin}/gone`)).status).toBe(410);
    expect(reported).toEqual([]);
    const broken = await send(`${origin}/broken-logger`);
    expect(broken.status).toBe(500);
    expect(broken.body.toString()).not.toContain('logger down');
  });

  it('passes OPTIONS * on when mounted at the root: it asks about the server', async () => {
    let called = false;
    const app = express();
    app.use(
      toExpress(() => {
        called = true;
        return new Response('handler');
      }),
    );
    app.use((_req, res) => {
      res.status(204).set('Allow', 'GET').end();
    });
    const origin = await start(app);
    const reply = await sendRaw(
      origin,
      'OPTIONS * HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n',
    );
    expect(reply.status).toBe(204);
    expect(called).toBe(false);
  });

  it('takes the URL of an absolute-form target from the target (RFC 9112 §3.2.2)', async () => {
    const app = express();
    app.use(
      '/api',
      toExpress((request) => Response.json({ url: request.url })),
    );
    const origin = await start(app);
    const reply = await sendRaw(
      origin,
      'GET http://example.test/api/items?a=1 HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n',
    );
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toEqual({ url: 'http://example.test/api/items?a=1' });
  });

  it.each(['ftp://example.test/items', 'ftp://example.test/'])(
    'answers the target %s, which makes no http URL, with 400',
    async (target) => {
      let called = false;
      const app = express();
      app.use(
        toExpress(() => {
          called = true;
          return new Response('handler');
        }),
      );
      const origin = await start(app);
      const reply = await sendRaw(
        origin,
        `GET ${target} HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n`,
      );
      expectProblem(reply, [400], target);
      expect(called).toBe(false);
    },
  );

  it('answers a stream failing with an http error before its first byte as problem+json', async () => {
    const app = express();
    app.get(
      '/x',
      toExpress(
        () => new Response(new ReadableStream({ pull: (c) => c.error(new HttpError(503)) })),
      ),
    );
    const reply = await send(`${await start(app)}/x`);
    expect(reply.status).toBe(503);
    expect(reply.headers['content-type']).toBe('application/problem+json');
  });

  it('does not write a second response when express already answered', async () => {
    const app = express();
    app.use((_req, res, next) => {
      setTimeout(() => res.status(503).end('timed out'), 10);
      next();
    });
    let cancelled = false;
    app.get(
      '/slow',
      toExpress(async () => {
        await tick(60);
        return new Response(new ReadableStream({ cancel: () => void (cancelled = true) }));
      }),
    );
    const reply = await send(`${await start(app)}/slow`);
    expect(reply.status).toBe(503);
    expect(reply.body.toString()).toBe('timed out');
    await tick(80);
    expect(cancelled).toBe(true);
  });

  it('gives an aborted signal to a handler that asks after the client left', async () => {
    let aborted: boolean | undefined;
    const app = express();
    app.get(
      '/late',
      toExpress(async (request) => {
        await tick(100);
        aborted = request.signal.aborted;
        return new Response('too late');
      }),
    );
    const origin = await start(app);
    const req = httpRequest(`${origin}/late`, { agent: false });
    req.once('error', () => undefined);
    req.end();
    await tick(30);
    req.destroy();
    await tick(150);
    expect(aborted).toBe(true);
  });

  it('errors the body stream when the client aborts an upload', async () => {
    let failure: unknown;
    const app = express();
    app.put(
      '/upload',
      toExpress(async (request) => {
        try {
          await request.arrayBuffer();
        } catch (error) {
          failure = error;
        }
        return new Response(null, { status: 204 });
      }),
    );
    const origin = await start(app);
    const req = httpRequest(`${origin}/upload`, {
      method: 'PUT',
      agent: false,
      headers: { 'Content-Length': 1000 },
    });
    req.once('error', () => undefined);
    req.write('only part of it');
    await tick(50);
    req.destroy();
    await tick(100);
    expect(failure).toBeInstanceOf(Error);
  });

  it.each([
    ['lazy', undefined],
    ['eager', false],
  ] as const)('gives a %s request that another request can copy', async (_kind, lazy) => {
    setLazyRequests(lazy);
    const app = express();
    app.post(
      '/copy',
      toExpress(async (request) => {
        const clone = request.clone();
        const copy = new Request(request, { headers: { 'X-Extra': '1' } });
        return Response.json({
          isRequest: request instanceof Request,
          method: copy.method,
          url: copy.url === request.url,
          extra: copy.headers.get('x-extra'),
          body: await copy.text(),
          clone: clone.method,
          mode: request.mode,
        });
      }),
    );
    try {
      const reply = await send(`${await start(app)}/copy`, { method: 'POST', body: 'payload' });
      expect(JSON.parse(reply.body.toString())).toEqual({
        isRequest: true,
        method: 'POST',
        url: true,
        extra: '1',
        body: 'payload',
        clone: 'POST',
        mode: 'cors',
      });
    } finally {
      setLazyRequests(undefined);
    }
  });

  it('lets a handler cancel the body it does not want', async () => {
    const app = express();
    app.put(
      '/first',
      toExpress(async (request) => {
        const reader = request.body!.getReader();
        const { value } = await reader.read();
        await reader.cancel();
        return new Response(`first ${value?.byteLength ?? 0} bytes`);
      }),
    );
    const reply = await send(`${await start(app)}/first`, { method: 'PUT', body: 'x'.repeat(10) });
    expect(reply.body.toString()).toBe('first 10 bytes');
  });
});
