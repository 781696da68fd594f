// Hono served by @fielding/node's toNodeListener instead of @hono/node-server (its own file:
// both swap the global Response, and each test file runs in its own worker). Hono passes the
// Response through as it is, so the writer is @fielding/node's: the exact traits apply.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Hono } from 'hono';
import type { FetchHandler } from '@fielding/core';
import { toNodeListener } from '@fielding/node';
import { honoMiddleware, mountFielding } from '../src/index.js';
import { runAdapterSuite, type Mount } from './adapter-suite.js';

function mountOnNode(withMiddleware: boolean): Mount {
  return async (handler: FetchHandler) => {
    const app = new Hono();
    if (withMiddleware) app.use(honoMiddleware((request, next) => next(request)));
    mountFielding(app, '/api', handler);
    const server = createServer(toNodeListener(app.fetch, { fastResponse: true }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return {
      url: `http://127.0.0.1:${port}/api`,
      close: () => {
        server.closeAllConnections();
        return new Promise((resolve) => server.close(() => resolve()));
      },
    };
  };
}

runAdapterSuite('hono 4 on @fielding/node', mountOnNode(false));
runAdapterSuite('hono 4 behind honoMiddleware on @fielding/node', mountOnNode(true));
