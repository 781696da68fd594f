import { request as httpRequest, type IncomingMessage } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FetchHandler } from '@fielding/core';
import { installFastResponse } from '@fielding/node';
import { HttpError } from '@fielding/problem-errors';
import { mountFielding } from './index.js';
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

// Taken before anything is mounted: mounting or wrapping must never replace it.
const GLOBAL_RESPONSE = globalThis.Response;

const tick = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(EXPRESS_VERSIONS)('mount fielding on %s', (_name, express) => {
  const servers: Server[] = [];
  const start = async (app: ReturnType<typeof express>): Promise<string> => {
    const { origin, server } = await listen(app);
    servers.push(server);
    return origin;
  };
  afterEach(async () => {
    await Promise.all(servers.splice(0).map(close));
  });

  const forwarded = (headers: Record<string, string>) => ({
    'X-Forwarded-Proto': 'https',
    ...headers,
  });

  it('never takes the url from forwarding headers unless trusted, whatever trust proxy says', async () => {
    const app = express();
    app.set('trust proxy', true); // Express's own setting is not what the handler's URL uses
    app.use('/api', mountFielding(echo));
    const origin = await start(app);
    const reply = await send(`${origin}/api/x?q=1`, {
      headers: forwarded({ 'X-Forwarded-Host': 'evil.test', Forwarded: 'host=evil.test' }),
    });
    expect(JSON.parse(reply.body.toString()).url).toBe(`${origin}/api/x?q=1`);
  });

  // The client wrote everything before the values the trusted proxies appended.
  it.each([
    ['x-forwarded', 1, { 'X-Forwarded-Host': 'evil.test, api.example.com' }, 'api.example.com'],
    [
      'x-forwarded',
      2,
      { 'X-Forwarded-Host': 'evil.test, api.example.com, edge.internal' },
      'api.example.com',
    ],
    ['x-forwarded', 1, { 'X-Forwarded-Host': 'api.example.com' }, 'api.example.com'],
    [
      'x-forwarded',
      1,
      { 'X-Forwarded-Host': 'evil.test, api.example.com', 'X-Forwarded-Port': '8443' },
      'api.example.com:8443',
    ],
    [
      'forwarded',
      1,
      { Forwarded: 'host=evil.test;proto=https, host=api.example.com;proto=https' },
      'api.example.com',
    ],
  ] as const)(
    'with trustProxy %s and proxyHops %i, takes the host the proxy wrote from %j',
    async (trustProxy, proxyHops, headers, host) => {
      const app = express();
      app.use('/api', mountFielding(echo, { trustProxy, proxyHops }));
      const reply = await send(`${await start(app)}/api/x?q=1`, { headers: forwarded(headers) });
      expect(JSON.parse(reply.body.toString()).url).toBe(`https://${host}/api/x?q=1`);
    },
  );

  it('never replaces the global Response', async () => {
    const app = express();
    app.use(
      '/api',
      mountFielding(() => Response.json({ ok: true })),
    );
    const reply = await send(`${await start(app)}/api/x`);
    expect(JSON.parse(reply.body.toString())).toEqual({ ok: true });
    expect(globalThis.Response).toBe(GLOBAL_RESPONSE);
  });

  it('answers a host that makes no url with 400, without calling the handler', async () => {
    let called = false;
    const app = express();
    app.use(
      mountFielding(() => {
        called = true;
        return new Response('handler');
      }),
    );
    const reply = await sendRaw(
      await start(app),
      'GET /x HTTP/1.1\r\nHost: a@b\r\nConnection: close\r\n\r\n',
    );
    expectProblem(reply, [400], 'Host: a@b');
    expect(called).toBe(false);
  });

  it('mounts on one route with its parameters still in the url', async () => {
    const app = express();
    app.post('/items/:id', mountFielding(echo));
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
    app.use('/api', mountFielding(echo));
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
    app.use('/api', mountFielding(echo));
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
      mountFielding(
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
      mountFielding(
        () => {
          throw new Error('sync boom');
        },
        { onError },
      ),
    );
    app.get(
      '/async',
      mountFielding(
        async () => {
          throw new Error('async boom');
        },
        { onError },
      ),
    );
    app.get(
      '/stream',
      mountFielding(
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
    app.get('/sync', mountFielding((() => undefined) as unknown as FetchHandler, { onError }));
    app.get(
      '/async',
      mountFielding((async () => ({ status: 200 })) as unknown as FetchHandler, { onError }),
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
      mountFielding(
        () => {
          throw new HttpError(410);
        },
        { onError: (error) => void reported.push(error) },
      ),
    );
    app.get(
      '/broken-logger',
      mountFielding(
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
      mountFielding(() => {
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
      mountFielding((request) => Response.json({ url: request.url })),
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
        mountFielding(() => {
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
      mountFielding(
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
      mountFielding(async () => {
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
      mountFielding(async (request) => {
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
      mountFielding(async (request) => {
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

  // `new Request(request.url, request)` is the copy that works on every Node version (see the
  // node README's `toWebRequest`); `new Request(request, init)` throws on Node 24.
  it('gives a request that clones and copies by its url', async () => {
    const app = express();
    app.post(
      '/copy',
      mountFielding(async (request) => {
        const clone = request.clone();
        const copy = new Request(request.url, request);
        copy.headers.set('X-Extra', '1');
        return Response.json({
          isRequest: request instanceof Request,
          method: copy.method,
          url: copy.url === request.url,
          extra: copy.headers.get('x-extra'),
          body: await copy.text(),
          clone: [clone.method, await clone.text()],
          mode: request.mode,
        });
      }),
    );
    const reply = await send(`${await start(app)}/copy`, { method: 'POST', body: 'payload' });
    expect(JSON.parse(reply.body.toString())).toEqual({
      isRequest: true,
      method: 'POST',
      url: true,
      extra: '1',
      body: 'payload',
      clone: ['POST', 'payload'],
      mode: 'cors',
    });
  });

  it('lets a handler cancel the body it does not want', async () => {
    const app = express();
    app.put(
      '/first',
      mountFielding(async (request) => {
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

const payload = { title: 'Grüße aus Köln ✓', tags: ['rest', 'http'] };
const json = JSON.stringify(payload);
const bytes = new TextEncoder().encode('raw bytes \u00ff\u0100');

/** Resolves with the head and the chunks as they arrive. */
function open(
  url: string,
): Promise<{ res: IncomingMessage; chunks: string[]; ended: Promise<void> }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { agent: false });
    req.once('error', reject);
    req.once('response', (res) => {
      const chunks: string[] = [];
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => chunks.push(chunk));
      const ended = new Promise<void>((done) => res.once('end', done));
      resolve({ res, chunks, ended });
    });
    req.end();
  });
}

// The same writes with Node's own Response and with the light one the application may install.
describe.each([
  ["node's response", false],
  ['installFastResponse()', true],
] as const)('writing a response with %s', (_name, fast) => {
  let restore: (() => void) | undefined;
  beforeAll(() => {
    if (fast) restore = installFastResponse();
  });
  afterAll(() => restore?.());

  describe.each(EXPRESS_VERSIONS)('on %s', (_version, express) => {
    const servers: Server[] = [];
    const serve = async (handler: FetchHandler): Promise<string> => {
      const app = express();
      app.use('/api', mountFielding(handler));
      const { origin, server } = await listen(app);
      servers.push(server);
      return `${origin}/api`;
    };
    afterEach(async () => {
      await Promise.all(servers.splice(0).map(close));
    });

    it('writes a response.json body intact, in one write with its length', async () => {
      const url = await serve(() => Response.json(payload, { status: 201 }));
      const reply = await send(`${url}/x`);
      expect(reply.status).toBe(201);
      expect(reply.headers['content-type']).toBe('application/json');
      expect(reply.headers['content-length']).toBe(String(Buffer.byteLength(json)));
      expect(reply.headers['transfer-encoding']).toBeUndefined();
      expect(reply.body.toString('utf8')).toBe(json);
    });

    it('writes a byte body intact', async () => {
      const url = await serve(() => new Response(bytes));
      const reply = await send(`${url}/x`);
      expect(reply.headers['content-length']).toBe(String(bytes.byteLength));
      expect(new Uint8Array(reply.body)).toEqual(bytes);
    });

    it('answers head with no content, keeping a content-length the response gave', async () => {
      const url = await serve(
        () => new Response('short', { headers: { 'Content-Length': '1234' } }),
      );
      const reply = await send(`${url}/x`, { method: 'HEAD' });
      expect(reply.headers['content-length']).toBe('1234');
      expect(reply.body.byteLength).toBe(0);
    });

    it('replaces a wrong content-length with the length of the body', async () => {
      const url = await serve(() => new Response('hello', { headers: { 'Content-Length': '99' } }));
      const reply = await send(`${url}/x`);
      expect(reply.headers['content-length']).toBe('5');
      expect(reply.body.toString()).toBe('hello');
    });

    it('answers an error writing the head with a 500 problem and reports it', async () => {
      const app = express();
      app.use((_req, res, next) => {
        const writeHead = res.writeHead;
        let failed = false;
        // A broken earlier middleware: its patched writeHead throws once.
        res.writeHead = function (this: typeof res, ...args: unknown[]) {
          if (!failed) {
            failed = true;
            throw new Error('writeHead broke');
          }
          return (writeHead as (...a: unknown[]) => typeof res).apply(this, args);
        } as typeof res.writeHead;
        next();
      });
      const reported: unknown[] = [];
      app.use(
        '/api',
        mountFielding(() => Response.json(payload), {
          onError: (error) => void reported.push(error),
        }),
      );
      const { origin, server } = await listen(app);
      servers.push(server);
      const reply = await send(`${origin}/api/x`);
      expect(reply.status).toBe(500);
      expect(reply.headers['content-type']).toBe('application/problem+json');
      expect(reply.body.toString()).not.toContain('writeHead broke');
      expect((reported[0] as Error).message).toBe('writeHead broke');
    });

    it('streams a stream body chunk by chunk', async () => {
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      const url = await serve(
        () =>
          new Response(
            new ReadableStream<Uint8Array>({
              async start(controller) {
                controller.enqueue(new TextEncoder().encode('first '));
                // The rest is produced only after the client has the first chunk.
                await released;
                controller.enqueue(new TextEncoder().encode('second'));
                controller.close();
              },
            }),
          ),
      );
      const { res, chunks, ended } = await open(`${url}/x`);
      expect(res.headers['transfer-encoding']).toBe('chunked');
      expect(res.headers['content-length']).toBeUndefined();
      await vi.waitFor(() => expect(chunks).toEqual(['first ']));
      release();
      await ended;
      expect(chunks.join('')).toBe('first second');
    });
  });
});

describe('with installFastResponse()', () => {
  let restore: (() => void) | undefined;
  beforeAll(() => {
    restore = installFastResponse();
  });
  afterAll(() => restore?.());

  it('sends a string body without reading its stream, and tells head its length', async () => {
    const sent: Response[] = [];
    const app = EXPRESS_VERSIONS[0][1]();
    app.use(
      '/api',
      mountFielding(() => {
        const response = Response.json(payload);
        sent.push(response);
        return response;
      }),
    );
    const { origin, server } = await listen(app);
    try {
      const reply = await send(`${origin}/api/x`);
      const head = await send(`${origin}/api/x`, { method: 'HEAD' });
      expect(reply.body.toString()).toBe(json);
      expect(head.headers['content-length']).toBe(String(Buffer.byteLength(json)));
      expect(head.body.byteLength).toBe(0);
      // The stream was never locked or read: the Response is as the handler left it.
      expect(sent.map((response) => [response.bodyUsed, response.body?.locked])).toEqual([
        [false, false],
        [false, false],
      ]);
    } finally {
      await close(server);
    }
  });
});
