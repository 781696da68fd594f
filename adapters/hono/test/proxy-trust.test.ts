// Proxy trust is the server's: Hono takes the request URL from it, and the adapter builds no URL
// of its own. Served by @fielding/node, a forged X-Forwarded-Host or Forwarded never reaches
// the URL a mounted handler, a Hono route or a Fielding middleware sees — unless `trustProxy`
// names that header, and then only the value the proxy appended (requestOrigin of core).
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve as honoServe } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import type { ProxyTrustOptions } from '@fielding/core';
import { serve } from '@fielding/node';
import { honoMiddleware, mountFielding } from '../src/index.js';
import { send } from './adapter-suite.js';

/** Where each side of the adapter sees the request: the URLs it would build links from. */
function buildApp(): Hono {
  const app = new Hono();
  app.use(
    honoMiddleware(async (request, next) => {
      const response = await next(request);
      response.headers.set('X-Middleware-Url', request.url);
      return response;
    }),
  );
  app.get('/native/blogs/7', (c) => c.json({ url: c.req.url }));
  mountFielding(app, '/api', (request) =>
    Response.json(
      { url: request.url },
      { status: 201, headers: { Location: new URL('/api/blogs/8', request.url).href } },
    ),
  );
  return app;
}

// What the client forged, then what the proxy appended: each header names another host, so a
// row shows which header (and which of its values) the URL came from.
const FORGED = {
  'X-Forwarded-Host': 'evil.test, xf.example',
  'X-Forwarded-Proto': 'https',
  Forwarded: 'host=forged.test;proto=https, host=fwd.example;proto=https',
};

type Start = (app: Hono) => Server;

const servers: Array<[string, Start, string]> = [
  ['serve() from @fielding/node', (app) => serve(app.fetch, { port: 0 }), 'http://api.internal'],
  ...(
    [
      [{ trustProxy: 'x-forwarded' }, 'https://xf.example'],
      [{ trustProxy: 'forwarded' }, 'https://fwd.example'],
      [{ trustProxy: 'x-forwarded', proxyHops: 2 }, 'https://evil.test'],
      [{ trustProxy: false }, 'http://api.internal'],
    ] as Array<[ProxyTrustOptions, string]>
  ).map(([trust, origin]): [string, Start, string] => [
    `serve() from @fielding/node with ${JSON.stringify(trust)}`,
    (app) => serve(app.fetch, { port: 0, ...trust }),
    origin,
  ]),
  [
    '@hono/node-server (it reads no proxy header)',
    (app) => honoServe({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }) as Server,
    'http://api.internal',
  ],
];

describe.each(servers)('hono on %s', (_name, start, origin) => {
  let server: Server;
  let base = '';
  beforeAll(async () => {
    server = start(buildApp());
    if (!server.listening) await once(server, 'listening');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it(`gives a mounted handler ${origin} as the origin`, async () => {
    const reply = await send(`${base}/api/blogs`, {
      method: 'POST',
      headers: { Host: 'api.internal', ...FORGED },
    });
    expect(reply.status).toBe(201);
    expect(JSON.parse(reply.body.toString())).toEqual({ url: `${origin}/api/blogs` });
    expect(reply.headers.location).toBe(`${origin}/api/blogs/8`);
    expect(reply.headers['x-middleware-url']).toBe(`${origin}/api/blogs`);
  });

  it(`gives a hono route ${origin} as the origin`, async () => {
    const reply = await send(`${base}/native/blogs/7`, {
      headers: { Host: 'api.internal', ...FORGED },
    });
    expect(JSON.parse(reply.body.toString())).toEqual({ url: `${origin}/native/blogs/7` });
    expect(reply.headers['x-middleware-url']).toBe(`${origin}/native/blogs/7`);
  });

  it('takes the Host when no proxy header came', async () => {
    const reply = await send(`${base}/api/blogs`, {
      method: 'POST',
      headers: { Host: 'api.internal' },
    });
    expect(reply.headers.location).toBe('http://api.internal/api/blogs/8');
  });
});
