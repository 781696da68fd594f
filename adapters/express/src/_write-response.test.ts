import { request as httpRequest, type IncomingMessage } from 'node:http';
import type { Server } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type * as Core from '@fielding/core';
import type { FetchHandler } from '@fielding/core';
import { expressMiddleware, toExpress } from './index.js';
import { send } from '../test/adapter-suite.js';
import { close, EXPRESS_VERSIONS, listen } from '../test/_servers.js';

// `bodySource` answers from undici's internal state; switching it off here shows that both
// paths (the source in one `end`, the stream read) put the same bytes on the wire.
const fast = vi.hoisted(() => ({ on: true, calls: 0 }));
vi.mock('@fielding/core', async (importOriginal) => {
  const core = await importOriginal<typeof Core>();
  return {
    ...core,
    bodySource(response: Response) {
      fast.calls++;
      return fast.on ? core.bodySource(response) : undefined;
    },
  };
});

const payload = { title: 'Grüße aus Köln ✓', tags: ['rest', 'http'] };
const json = JSON.stringify(payload);
const bytes = new TextEncoder().encode('raw bytes \u00ff\u0100');

/** Resolves with the head and a promise of each chunk as it arrives. */
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

describe.each(EXPRESS_VERSIONS)('writing a response on %s', (_name, express) => {
  const servers: Server[] = [];
  const serve = async (handler: FetchHandler): Promise<string> => {
    const app = express();
    app.use('/api', toExpress(handler));
    const { origin, server } = await listen(app);
    servers.push(server);
    return `${origin}/api`;
  };
  afterEach(async () => {
    fast.on = true;
    await Promise.all(servers.splice(0).map(close));
  });

  it.each([
    ['from its source', true],
    ['from its stream', false],
  ] as const)('writes a response.json body intact %s', async (_path, on) => {
    fast.on = on;
    const url = await serve(() => Response.json(payload, { status: 201 }));
    const reply = await send(`${url}/x`);
    expect(reply.status).toBe(201);
    expect(reply.headers['content-type']).toBe('application/json');
    expect(reply.headers['content-length']).toBe(String(Buffer.byteLength(json)));
    expect(reply.headers['transfer-encoding']).toBeUndefined();
    expect(reply.body.toString('utf8')).toBe(json);
  });

  it.each([
    ['from its source', true],
    ['from its stream', false],
  ] as const)('writes a byte body intact %s', async (_path, on) => {
    fast.on = on;
    const url = await serve(() => new Response(bytes));
    const reply = await send(`${url}/x`);
    expect(reply.headers['content-length']).toBe(String(bytes.byteLength));
    expect(new Uint8Array(reply.body)).toEqual(bytes);
  });

  it('sends a string or byte source without reading the response stream', async () => {
    const sent: Response[] = [];
    const url = await serve((request) => {
      const response = request.url.endsWith('/bytes')
        ? new Response(bytes)
        : new Response('plain text', { headers: { 'Content-Type': 'text/plain' } });
      sent.push(response);
      return response;
    });
    const calls = fast.calls;
    const text = await send(`${url}/text`);
    const raw = await send(`${url}/bytes`);
    expect(fast.calls - calls).toBe(2);
    expect(text.body.toString()).toBe('plain text');
    expect(text.headers['content-length']).toBe('10');
    expect(new Uint8Array(raw.body)).toEqual(bytes);
    // The stream was never locked or read: the Response is as the handler left it.
    expect(sent.map((response) => [response.bodyUsed, response.body?.locked])).toEqual([
      [false, false],
      [false, false],
    ]);
    expect(await sent[0]!.text()).toBe('plain text');
  });

  it('answers head for a sourced body with its length and no content', async () => {
    const url = await serve(() => Response.json(payload));
    const reply = await send(`${url}/x`, { method: 'HEAD' });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-length']).toBe(String(Buffer.byteLength(json)));
    expect(reply.body.byteLength).toBe(0);
  });

  it('keeps a content-length the response gave for head', async () => {
    const url = await serve(() => new Response('short', { headers: { 'Content-Length': '1234' } }));
    const reply = await send(`${url}/x`, { method: 'HEAD' });
    expect(reply.headers['content-length']).toBe('1234');
    expect(reply.body.byteLength).toBe(0);
  });

  it('replaces a wrong content-length with the length of the source', async () => {
    const url = await serve(() => new Response('hello', { headers: { 'Content-Length': '99' } }));
    const reply = await send(`${url}/x`);
    expect(reply.headers['content-length']).toBe('5');
    expect(reply.body.toString()).toBe('hello');
  });

  it.each([
    ['from its source', true],
    ['from its stream', false],
  ] as const)(
    'answers an error writing the head %s with a 500 problem and reports it',
    async (_path, on) => {
      fast.on = on;
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
        toExpress(() => Response.json(payload), {
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
    },
  );

  it('still streams a stream body chunk by chunk', async () => {
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

  it('writes a captured express body through the same path', async () => {
    const app = express();
    app.use(
      expressMiddleware(async (request, next) => {
        const response = await next(request);
        response.headers.set('X-Wrapped', '1');
        return response;
      }),
    );
    app.get('/native', (_req, res) => {
      res.json(payload);
    });
    const { origin, server } = await listen(app);
    servers.push(server);
    const calls = fast.calls;
    const reply = await send(`${origin}/native`);
    expect(fast.calls).toBeGreaterThan(calls);
    expect(reply.headers['x-wrapped']).toBe('1');
    expect(reply.headers['content-length']).toBe(String(Buffer.byteLength(json)));
    expect(JSON.parse(reply.body.toString('utf8'))).toEqual(payload);
  });
});
