// Hono on @hono/node-server: the whole API mounted at the root through @fielding/hono.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mountFielding } from '@fielding/hono';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { DEFAULT_TIMEOUTS, nodeServerOptions, type StartServer } from './types.js';

export const startHono: StartServer = (
  handler,
  port,
  host = '127.0.0.1',
  timeouts = DEFAULT_TIMEOUTS,
) =>
  new Promise((resolve) => {
    const app = new Hono();
    // The handler sees Hono's original request: full URL, lazy body, disconnect signal.
    mountFielding(app, '/', handler);
    const options = nodeServerOptions(timeouts);
    const server = serve(
      { fetch: app.fetch, port, hostname: host, serverOptions: options },
      (info: AddressInfo) => {
        resolve({
          url: `http://${host}:${info.port}`,
          close: () => new Promise((done) => server.close(() => done())),
        });
      },
    ) as Server;
    server.keepAliveTimeout = options.keepAliveTimeout;
  });
