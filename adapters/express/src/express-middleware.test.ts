import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { Middleware } from '@fielding/core';
import { HttpError, isHttpError, PROBLEM_JSON, problemFromError } from '@fielding/problem-errors';
import { expressMiddleware, httpErrorHandler } from './index.js';
import { send } from '../test/adapter-suite.js';
import { close, EXPRESS_VERSIONS, listen } from '../test/_servers.js';
import { request as httpRequest } from 'node:http';

/** A shallow-ETag middleware: hashes what the handler wrote, answers 304 on a match. */
const shallowEtag: Middleware = async (request, next) => {
  const response = await next(request);
  if (request.method !== 'GET' || response.status !== 200 || response.body === null)
    return response;
  const bytes = new Uint8Array(await response.arrayBuffer());
  const tag = `"${createHash('sha1').update(bytes).digest('base64url')}"`;
  const headers = new Headers(response.headers);
  headers.set('ETag', tag);
  if (request.headers.get('if-none-match') === tag) {
    headers.delete('content-length');
    headers.delete('content-type');
    return new Response(null, { status: 304, headers });
  }
  return new Response(bytes, { status: response.status, headers });
};

/** Turns an HttpError from the handlers into problem+json, with the request path as instance. */
const problems: Middleware = async (request, next) => {
  try {
    return await next(request);
  } catch (error) {
    if (!isHttpError(error)) throw error;
    const response = problemFromError(error);
    response.headers.set('X-Instance', new URL(request.url).pathname);
    return response;
  }
};

const stamp: Middleware = async (request, next) => {
  const response = await next(request);
  response.headers.set('X-Stamped', 'yes');
  return response;
};

// Taken before anything is mounted: mounting or wrapping must never replace it.
const GLOBAL_RESPONSE = globalThis.Response;

// Every test ends: a socket with nothing to read for this long fails its test, rather than
// waiting for the test timeout (or, with a server left open, forever).
const SOCKET_TIMEOUT = 5_000;
const LIMITS = { timeout: 20_000 };

const tick = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

type ErrorHandler = (
  error: Error,
  req: unknown,
  res: { status(code: number): { send(body: string): void } },
  next: unknown,
) => void;
const expressErrors: ErrorHandler = (error, _req, res, _next) => {
  res.status(500).send(`express handled: ${error.message}`);
};

describe.each(EXPRESS_VERSIONS)('express middleware on %s', LIMITS, (_name, express) => {
  const servers: Server[] = [];
  const start = async (app: ReturnType<typeof express>): Promise<string> => {
    const { origin, server } = await listen(app);
    servers.push(server);
    return origin;
  };
  afterEach(async () => {
    await Promise.all(servers.splice(0).map(close));
  });

  it('lets a shallow etag middleware answer 304 for a res.json route', async () => {
    const app = express();
    app.set('etag', false);
    app.use(expressMiddleware(shallowEtag));
    app.get('/blogs/7', (_req, res) => {
      res.status(200).json({ id: 7, title: 'Hello' });
    });
    const origin = await start(app);
    const first = await send(`${origin}/blogs/7`);
    expect(first.status).toBe(200);
    expect(JSON.parse(first.body.toString())).toEqual({ id: 7, title: 'Hello' });
    expect(first.headers['content-type']).toMatch(/^application\/json/);
    const tag = first.headers.etag!;
    const second = await send(`${origin}/blogs/7`, { headers: { 'If-None-Match': tag } });
    expect(second.status).toBe(304);
    expect(second.headers.etag).toBe(tag);
    expect(second.body.byteLength).toBe(0);
  });

  it.each([
    [
      'thrown',
      (() => {
        throw new HttpError(404, { detail: 'No blog 9.' });
      }) as () => void,
    ],
    [
      'rejected',
      async () => {
        await tick(1);
        throw new HttpError(404, { detail: 'No blog 9.' });
      },
    ],
    [
      'passed to next',
      (_req: unknown, _res: unknown, next: (error?: unknown) => void) =>
        next(new HttpError(404, { detail: 'No blog 9.' })),
    ],
  ])('turns an http error %s by a handler into problem+json', async (_how, handler) => {
    const app = express();
    app.use('/blogs/:id', expressMiddleware(problems, { handlers: [handler] }));
    const reply = await send(`${await start(app)}/blogs/9`);
    expect(reply.status).toBe(404);
    expect(reply.headers['content-type']).toBe(PROBLEM_JSON);
    expect(reply.headers['x-instance']).toBe('/blogs/9');
    expect(JSON.parse(reply.body.toString())).toMatchObject({ status: 404, detail: 'No blog 9.' });
  });

  it('answers an http error the middleware does not catch as problem+json', async () => {
    const app = express();
    app.use(
      expressMiddleware(stamp, {
        handlers: [
          () => {
            throw new HttpError(410);
          },
        ],
      }),
    );
    const reply = await send(`${await start(app)}/gone`);
    expect(reply.status).toBe(410);
    expect(reply.headers['content-type']).toBe(PROBLEM_JSON);
    expect(reply.headers['x-stamped']).toBeUndefined();
  });

  it('hands other errors to the express error handlers', async () => {
    const app = express();
    app.use(
      expressMiddleware(problems, {
        handlers: [
          () => {
            throw new Error('database down');
          },
        ],
      }),
    );
    app.use(expressErrors);
    const reply = await send(`${await start(app)}/x`);
    expect(reply.status).toBe(500);
    expect(reply.body.toString()).toBe('express handled: database down');
  });

  it('runs routers given as handlers and leaves express its own 404 by default', async () => {
    const router = express.Router();
    router.get('/hello', (_req, res) => {
      res.send('hi');
    });
    const app = express();
    app.use(expressMiddleware(stamp, { handlers: [router] }));
    const origin = await start(app);
    const found = await send(`${origin}/hello`);
    expect(found.body.toString()).toBe('hi');
    expect(found.headers['x-stamped']).toBe('yes');
    const missing = await send(`${origin}/nothing`);
    expect(missing.status).toBe(404);
    expect(missing.headers['content-type']).toMatch(/^text\/html/);
    expect(missing.body.toString()).toContain('Cannot GET /nothing');
    expect(missing.headers['x-stamped']).toBe('yes');
  });

  it('answers a fall-through with a 404 problem when asked to', async () => {
    const router = express.Router();
    const app = express();
    app.use(
      expressMiddleware(stamp, {
        handlers: [router, (_req, _res, next) => next('route')],
        notFound: 'problem',
      }),
    );
    const reply = await send(`${await start(app)}/nothing`);
    expect(reply.status).toBe(404);
    expect(reply.headers['content-type']).toBe(PROBLEM_JSON);
    expect(JSON.parse(reply.body.toString()).detail).toBe('No handler for GET /nothing.');
  });

  it('wraps the rest of the express stack when given no handlers', async () => {
    const app = express();
    app.use(expressMiddleware(stamp));
    app.get('/text', (_req, res) => {
      res.type('text').send('plain');
    });
    app.get('/moved', (_req, res) => {
      res.redirect(301, '/text');
    });
    const origin = await start(app);
    const text = await send(`${origin}/text`);
    expect(text.body.toString()).toBe('plain');
    expect(text.headers['x-stamped']).toBe('yes');
    expect(text.headers['x-powered-by']).toBe('Express');
    const moved = await send(`${origin}/moved`);
    expect(moved.status).toBe(301);
    expect(moved.headers.location).toBe('/text');
    expect(moved.headers['x-stamped']).toBe('yes');
    const head = await send(`${origin}/text`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe('5');
    expect(head.body.byteLength).toBe(0);
  });

  it('captures writeHead, write with encodings and end with a callback', async () => {
    let ended = false;
    const app = express();
    app.use(expressMiddleware(stamp));
    app.get('/raw', (_req, res) => {
      res.writeHead(202, 'Taken', { 'Content-Type': 'text/plain', 'X-Raw': ['a', 'b'] });
      res.write('68656c6c6f', 'hex');
      res.write(Buffer.from(' '), () => undefined);
      res.end('world', 'utf8', () => {
        ended = true;
      });
    });
    const reply = await send(`${await start(app)}/raw`);
    expect(reply.status).toBe(202);
    expect(reply.statusMessage).toBe('Taken');
    expect(reply.headers['x-raw']).toBe('a, b');
    expect(reply.headers['x-stamped']).toBe('yes');
    expect(reply.body.toString()).toBe('hello world');
    await tick(10);
    expect(ended).toBe(true);
  });

  it('streams what a handler writes, chunk by chunk', async () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const app = express();
    app.use(expressMiddleware(stamp));
    app.get('/events', async (_req, res) => {
      res.setHeader('Content-Type', 'text/event-stream');
      res.write('data: one\n\n');
      await released;
      res.end('data: two\n\n');
    });
    const origin = await start(app);
    const text = await new Promise<string>((resolve, reject) => {
      const req = httpRequest(`${origin}/events`, { agent: false });
      req.setTimeout(SOCKET_TIMEOUT, () => req.destroy(new Error('No answer in time.')));
      req.once('error', reject);
      req.once('response', (res) => {
        expect(res.headers['x-stamped']).toBe('yes');
        let all = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          all += chunk;
          if (all === 'data: one\n\n') release();
        });
        res.once('end', () => resolve(all));
      });
      req.end();
    });
    expect(text).toBe('data: one\n\ndata: two\n\n');
  });

  it('keeps backpressure when a handler pipes 50 mb into res', async () => {
    const total = 50 * 1024 * 1024;
    const chunk = Buffer.alloc(64 * 1024, 98);
    let produced = 0;
    const app = express();
    app.use(expressMiddleware(stamp));
    app.get('/big', (_req, res) => {
      res.setHeader('Content-Type', 'application/octet-stream');
      Readable.from(
        (function* () {
          while (produced < total) {
            produced += chunk.byteLength;
            yield chunk;
          }
        })(),
      ).pipe(res);
    });
    const origin = await start(app);
    let received = 0;
    let maxAhead = 0;
    await new Promise<void>((resolve, reject) => {
      const req = httpRequest(`${origin}/big`, { agent: false });
      req.setTimeout(SOCKET_TIMEOUT, () => req.destroy(new Error('No answer in time.')));
      req.once('error', reject);
      req.once('response', (res) => {
        res.pause();
        setTimeout(() => {
          res.on('data', (data: Buffer) => {
            received += data.byteLength;
            maxAhead = Math.max(maxAhead, produced - received);
          });
          res.once('end', resolve);
          res.resume();
        }, 200);
      });
      req.end();
    });
    expect(received).toBe(total);
    expect(maxAhead).toBeLessThan(8 * 1024 * 1024);
  });

  it('keeps earlier headers when the middleware answers by itself', async () => {
    const app = express();
    app.use((_req, res, next) => {
      res.setHeader('Access-Control-Allow-Origin', '*');
      next();
    });
    app.use(expressMiddleware(() => new Response('short-circuit', { status: 418 })));
    const reply = await send(`${await start(app)}/x`);
    expect(reply.status).toBe(418);
    expect(reply.headers['access-control-allow-origin']).toBe('*');
    expect(reply.body.toString()).toBe('short-circuit');
  });

  it('keeps earlier headers but not the handler ones on a replacement response', async () => {
    const app = express();
    app.use((_req, res, next) => {
      res.setHeader('Access-Control-Allow-Origin', '*');
      next();
    });
    app.use(
      expressMiddleware(async (request, next) => {
        await next(request);
        return new Response('replaced');
      }),
    );
    app.get('/x', (_req, res) => {
      res.setHeader('X-Handler', 'yes');
      res.send('original');
    });
    const reply = await send(`${await start(app)}/x`);
    expect(reply.body.toString()).toBe('replaced');
    expect(reply.headers['access-control-allow-origin']).toBe('*');
    expect(reply.headers['x-handler']).toBeUndefined();
  });

  it('rejects next with a rebuilt request and leaves req as it was', async () => {
    const seen: string[] = [];
    let ran = false;
    const app = express();
    app.use(
      expressMiddleware(async (request, next) => {
        const headers = new Headers(request.headers);
        headers.set('X-User', 'ada');
        try {
          return await next(new Request(request.url, { method: 'POST', headers }));
        } catch (error) {
          seen.push((error as Error).name, (error as Error).message);
        }
        // The request as received still runs the handlers, which never saw the rebuilt one.
        return next(request);
      }),
    );
    app.all('/me', (req, res) => {
      ran = true;
      res.send(`${req.method} user ${req.get('x-user') ?? 'none'}`);
    });
    const reply = await send(`${await start(app)}/me`);
    expect(ran).toBe(true);
    expect(reply.body.toString()).toBe('GET user none');
    expect(seen[0]).toBe('TypeError');
    expect(seen[1]).toMatch(/another Request.*call next\(request\)/);
  });

  // The handlers read the body from req; once the middleware has read it there is nothing left
  // (Express 5's json parser would silently see no body, a raw reader would wait forever).
  it.each([
    ['express.json()', 'application/json', '{"a":1}'],
    ['a raw reader', 'text/plain', 'hello'],
  ])(
    'rejects next once the middleware read a body the handlers need (%s)',
    async (_reader, type, body) => {
      const seen: string[] = [];
      let ran = false;
      const app = express();
      app.use(
        expressMiddleware(async (request, next) => {
          seen.push(await request.text());
          try {
            return await next(request);
          } catch (error) {
            seen.push((error as Error).name, (error as Error).message);
            return new Response('refused', { status: 409 });
          }
        }),
      );
      app.post('/x', express.json(), (req, res) => {
        ran = true;
        if (req.body !== undefined && Object.keys(req.body as object).length > 0)
          res.json(req.body);
        else req.pipe(res);
      });
      const reply = await send(`${await start(app)}/x`, {
        method: 'POST',
        headers: { 'Content-Type': type },
        body,
      });
      expect(reply.status).toBe(409);
      expect(ran).toBe(false);
      expect(seen[0]).toBe(body);
      expect(seen[1]).toBe('TypeError');
      expect(seen[2]).toMatch(/read the request body/);
    },
  );

  it('lets the middleware read a body a parser read before it, and the handlers still have it', async () => {
    let seen: unknown;
    const app = express();
    app.use(express.json());
    app.use(
      expressMiddleware(async (request, next) => {
        seen = await request.json();
        return next(request);
      }),
    );
    app.post('/x', (req, res) => {
      res.json({ handler: req.body as unknown });
    });
    const reply = await send(`${await start(app)}/x`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"a":1}',
    });
    expect(seen).toEqual({ a: 1 });
    expect(JSON.parse(reply.body.toString())).toEqual({ handler: { a: 1 } });
  });

  it('shows the middleware the request, but not its in-place edits to the handlers', async () => {
    let seen: unknown;
    const app = express();
    const wrapped = express.Router();
    wrapped.use(
      expressMiddleware((request, next) => {
        seen = {
          method: request.method,
          url: request.url,
          headers: [...request.headers].filter(([name]) => name.startsWith('x-')),
        };
        request.headers.set('X-User', 'ada');
        return next(request);
      }),
    );
    wrapped.get('/me', (req, res) => {
      res.send(`user ${req.get('x-user') ?? 'none'}`);
    });
    app.use('/api', wrapped);
    const origin = await start(app);
    const reply = await send(`${origin}/api/me?full=1`, {
      headers: { 'X-B': '2', 'X-A': '1' },
    });
    expect(reply.body.toString()).toBe('user none');
    expect(seen).toEqual({
      method: 'GET',
      url: `${origin}/api/me?full=1`,
      headers: [
        ['x-a', '1'],
        ['x-b', '2'],
      ],
    });
  });

  it.each([
    [{}, { 'X-Forwarded-Host': 'evil.test' }, 'http://ORIGIN'],
    [
      { trustProxy: 'x-forwarded' },
      { 'X-Forwarded-Host': 'evil.test, api.example.com', 'X-Forwarded-Proto': 'https' },
      'https://api.example.com',
    ],
    [
      { trustProxy: 'x-forwarded', proxyHops: 2 },
      { 'X-Forwarded-Host': 'evil.test, api.example.com, edge.internal' },
      'http://api.example.com',
    ],
  ] as const)(
    'gives the middleware a url with options %j from %j: %s',
    async (options, headers, expected) => {
      let url = '';
      const app = express();
      app.set('trust proxy', true);
      app.use(
        expressMiddleware((request, next) => {
          url = request.url;
          return next(request);
        }, options),
      );
      app.get('/x', (_req, res) => {
        res.send('ok');
      });
      const origin = await start(app);
      await send(`${origin}/x`, { headers });
      expect(url).toBe(`${expected.replace('http://ORIGIN', origin)}/x`);
    },
  );

  it('never replaces the global Response', async () => {
    const app = express();
    app.use(expressMiddleware(() => Response.json({ short: 'circuit' })));
    const reply = await send(`${await start(app)}/x`);
    expect(JSON.parse(reply.body.toString())).toEqual({ short: 'circuit' });
    expect(globalThis.Response).toBe(GLOBAL_RESPONSE);
  });

  it('writes a captured res.json body in one write with its length', async () => {
    const app = express();
    app.use(expressMiddleware(stamp));
    app.get('/native', (_req, res) => {
      res.json({ title: 'Grüße ✓' });
    });
    const reply = await send(`${await start(app)}/native`);
    const json = JSON.stringify({ title: 'Grüße ✓' });
    expect(reply.headers['x-stamped']).toBe('yes');
    expect(reply.headers['content-length']).toBe(String(Buffer.byteLength(json)));
    expect(reply.headers['transfer-encoding']).toBeUndefined();
    expect(reply.body.toString('utf8')).toBe(json);
  });

  it('refuses a second call of next', async () => {
    const app = express();
    app.use(
      expressMiddleware(async (request, next) => {
        const first = await next(request);
        try {
          await next(request);
        } catch (error) {
          first.headers.set('X-Second', (error as Error).name);
        }
        return first;
      }),
    );
    app.get('/x', (_req, res) => {
      res.send('once');
    });
    const reply = await send(`${await start(app)}/x`);
    expect(reply.body.toString()).toBe('once');
    expect(reply.headers['x-second']).toBe('TypeError');
  });

  it('gives express the error a middleware throws after capturing', async () => {
    const app = express();
    app.use(
      expressMiddleware(async (request, next) => {
        await next(request);
        throw new Error('middleware broke');
      }),
    );
    app.get('/x', (_req, res) => {
      res.send('captured');
    });
    app.use(expressErrors);
    const reply = await send(`${await start(app)}/x`);
    expect(reply.status).toBe(500);
    expect(reply.body.toString()).toBe('express handled: middleware broke');
  });

  it('cuts the connection when a streaming handler fails mid-way', async () => {
    const app = express();
    app.use(
      expressMiddleware(stamp, {
        handlers: [
          async (_req, res) => {
            res.write('partial');
            await tick(20);
            throw new Error('handler broke mid-stream');
          },
        ],
      }),
    );
    const origin = await start(app);
    const outcome = await new Promise<string>((resolve) => {
      const req = httpRequest(`${origin}/x`, { agent: false });
      req.setTimeout(SOCKET_TIMEOUT, () => {
        resolve('timed out');
        req.destroy();
      });
      req.once('error', () => resolve('aborted'));
      req.once('response', (res) => {
        res.resume();
        res.once('error', () => resolve('aborted'));
        res.once('end', () => resolve(res.complete ? 'complete' : 'aborted'));
      });
      req.end();
    });
    expect(outcome).toBe('aborted');
  });

  it('cuts the connection when the middleware fails while the handler still streams', async () => {
    const app = express();
    app.use(
      expressMiddleware(async (request, next) => {
        await next(request);
        throw new Error('gave up');
      }),
    );
    app.get('/x', (_req, res) => {
      res.write('never finished');
    });
    const origin = await start(app);
    const outcome = await new Promise<string>((resolve) => {
      const req = httpRequest(`${origin}/x`, { agent: false });
      req.setTimeout(SOCKET_TIMEOUT, () => {
        resolve('timed out');
        req.destroy();
      });
      req.once('error', () => resolve('closed'));
      req.once('response', () => resolve('answered'));
      req.end();
    });
    expect(outcome).toBe('closed');
  });
});

describe.each(EXPRESS_VERSIONS)('http error handler on %s', LIMITS, (_name, express) => {
  it('answers http errors as they say and other errors as a bare 500', async () => {
    const logged: string[] = [];
    const app = express();
    app.get('/teapot', () => {
      throw new HttpError(418, { detail: 'Short and stout.' });
    });
    app.get('/other', () => {
      throw new Error('not ours');
    });
    // The Express way to log: an error middleware before it that passes the error on.
    app.use((error: Error, _req: unknown, _res: unknown, next: (error: unknown) => void) => {
      logged.push(error.message);
      next(error);
    });
    app.use(httpErrorHandler());
    app.use(expressErrors);
    const { origin, server } = await listen(app);
    try {
      const teapot = await send(`${origin}/teapot`);
      expect(teapot.status).toBe(418);
      expect(teapot.headers['content-type']).toBe(PROBLEM_JSON);
      expect(JSON.parse(teapot.body.toString())).toEqual({
        type: 'about:blank',
        title: 'Client Error',
        status: 418,
        detail: 'Short and stout.',
        instance: '/teapot',
      });
      const other = await send(`${origin}/other`);
      expect(other.status).toBe(500);
      expect(other.headers['content-type']).toBe(PROBLEM_JSON);
      expect(other.body.toString()).not.toContain('not ours');
      expect(logged).toEqual(['418 Client Error: Short and stout.', 'not ours']);
    } finally {
      await close(server);
    }
  });
});
