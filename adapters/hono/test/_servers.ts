import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import type { FetchHandler } from '@fielding/core';
import { serve as fieldingServe, type ServeOptions } from '@fielding/node';
import { honoMiddleware, mountFielding } from '../src/index.js';
import type { Mount } from './adapter-suite.js';

/** Serves a Hono app with `@hono/node-server` on loopback, resolves with the origin. */
export async function listen(app: {
  fetch: (request: Request) => Response | Promise<Response>;
}): Promise<{ origin: string; server: Server }> {
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
      resolve({ origin: `http://127.0.0.1:${(info as AddressInfo).port}`, server });
    }) as Server;
  });
}

/** Closes a server, dropping idle keep-alive connections first. */
export function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

/** The adapter-suite mount: `mountFielding(app, '/api', handler)` on @hono/node-server. */
export const mountHono: Mount = async (handler: FetchHandler) => {
  const app = new Hono();
  mountFielding(app, '/api', handler);
  const { origin, server } = await listen(app);
  return { url: `${origin}/api`, close: () => close(server) };
};

/**
 * The same mount behind a pass-through Fielding middleware (`app.use(honoMiddleware(…))`): what
 * streams and aborts through `mountFielding` must do the same through `honoMiddleware`.
 */
export const mountHonoBehindMiddleware: Mount = async (handler: FetchHandler) => {
  const app = new Hono();
  app.use(honoMiddleware((request, next) => next(request)));
  mountFielding(app, '/api', handler);
  const { origin, server } = await listen(app);
  return { url: `${origin}/api`, close: () => close(server) };
};

/**
 * The adapter-suite mount on `@fielding/node`'s `serve()` instead of @hono/node-server, with or
 * without a pass-through `honoMiddleware`. Hono hands the handler's `Response` through as it
 * is, so the writer is @fielding/node's and the exact traits apply.
 */
export function mountOnFieldingNode(options: ServeOptions, withMiddleware: boolean): Mount {
  return async (handler: FetchHandler) => {
    const app = new Hono();
    if (withMiddleware) app.use(honoMiddleware((request, next) => next(request)));
    mountFielding(app, '/api', handler);
    const server = fieldingServe(app.fetch, { ...options, port: 0 });
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    return { url: `http://127.0.0.1:${port}/api`, close: () => close(server) };
  };
}
