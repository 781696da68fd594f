// Hostile requests over a raw socket against what @fielding/node starts: every answer a client
// can provoke — from Node's parser, the target check, the router or the handler — is an RFC
// 9457 problem with the right status, whatever NODE_ENV says, and never leaks internals.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRouter } from '@fielding/core';
import { HttpError } from '@fielding/problem-errors';
import {
  expectProblem,
  forOrigin,
  hostileRequests,
  sendRaw,
} from '../../../test-utils/hostile-http.js';
import { createNodeServer, serve, toNodeListener } from '../src/index.js';

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

async function listening(server: Server): Promise<{ origin: string; server: Server }> {
  if (!server.listening)
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  else await new Promise((resolve) => setImmediate(resolve));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, server };
}

const servers: Array<[string, () => Server]> = [
  ['serve()', () => serve(api.fetch, { port: 0 })],
  ['createNodeServer(toNodeListener())', () => createNodeServer(toNodeListener(api.fetch))],
];

describe.each(servers)('%s answers hostile requests with problems', (_name, start) => {
  let origin = '';
  let server: Server;
  beforeAll(async () => {
    ({ origin, server } = await listening(start()));
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it.each(hostileRequests('/api/items/1', '/api/items').map((row) => [row.name, row] as const))(
    '%s',
    async (name, row) => {
      expectProblem(await sendRaw(origin, forOrigin(row, origin)), row.statuses, name);
    },
  );

  it('answers OPTIONS * for the server itself with 204', async () => {
    const host = new URL(origin).host;
    const reply = await sendRaw(
      origin,
      `OPTIONS * HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`,
    );
    expect(reply.status).toBe(204);
    expect(reply.headers.get('allow')).toContain('GET');
  });

  it('still serves after the table', async () => {
    const response = await fetch(`${origin}/api/items/7`);
    expect(await response.json()).toEqual({ id: '7' });
  });
});

describe('createNodeServer around a framework-style listener', () => {
  let origin = '';
  let server: Server;
  beforeAll(async () => {
    // A listener that would answer anything with text: the server's checks must answer first.
    ({ origin, server } = await listening(
      createNodeServer((_req, res) => res.end('listener ran')),
    ));
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it.each([
    ['a Host with a space', 'GET / HTTP/1.1\r\nHost: a b\r\n\r\n'],
    ['no Host on HTTP/1.1', 'GET / HTTP/1.1\r\n\r\n'],
    ['two Hosts', 'GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n'],
    ['a bad escape', 'GET /%zz HTTP/1.1\r\nHost: a\r\n\r\n'],
    ['GET *', 'GET * HTTP/1.1\r\nHost: a\r\n\r\n'],
  ])('answers %s with 400 before the listener runs', async (name, raw) => {
    const reply = await sendRaw(origin, raw);
    expectProblem(reply, [400], name);
    expect(reply.body).not.toContain('listener ran');
  });

  it('lets HTTP/1.0 omit Host', async () => {
    expect((await sendRaw(origin, 'GET / HTTP/1.0\r\n\r\n')).body).toBe('listener ran');
  });
});

describe('limits', () => {
  it('cuts off a client that drips its headers, with a 408 problem', async () => {
    const server = createNodeServer(toNodeListener(api.fetch), {
      headersTimeout: 300,
      requestTimeout: 300,
    });
    const { origin } = await listening(server);
    const { hostname, port } = new URL(origin);
    const { connect } = await import('node:net');
    const started = Date.now();
    const reply = await new Promise<string>((resolve) => {
      const socket = connect(Number(port), hostname, () =>
        socket.write('GET /api/items/1 HTTP/1.1\r\nHost: a\r\n'),
      );
      const drip = setInterval(() => socket.writable && socket.write('X-Drip: 1\r\n'), 50);
      let text = '';
      socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
      socket.on('close', () => {
        clearInterval(drip);
        resolve(text);
      });
    });
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(reply).toMatch(/^HTTP\/1\.1 408 /);
    expect(reply).toContain('application/problem+json');
    await new Promise((resolve) => server.close(resolve));
  });

  it('sets the documented timeouts on the server', () => {
    const server = createNodeServer(() => undefined);
    expect([server.headersTimeout, server.requestTimeout, server.keepAliveTimeout]).toEqual([
      10_000, 30_000, 5_000,
    ]);
    const own = createNodeServer(() => undefined, { requestTimeout: 1_000, keepAliveTimeout: 100 });
    expect([own.requestTimeout, own.keepAliveTimeout]).toEqual([1_000, 100]);
  });

  it('leaves a plain node:http server to Node, for comparison', () => {
    expect(createServer().requestTimeout).toBe(300_000);
  });
});
