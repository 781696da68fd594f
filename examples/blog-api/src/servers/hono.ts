// Hono: the whole API mounted at the root through @fielding/hono, with the adapter's error and
// not-found handlers, served by @fielding/node (the server the Hono adapter recommends): every
// answer a client can provoke is problem+json, and a body refused half-way is answered before
// the connection closes (@hono/node-server resets it, so the client may never read the 413).
import { httpErrorHandler, mountFielding, notFoundHandler } from '@fielding/hono';
import { createNodeServer, toNodeListener } from '@fielding/node';
import { Hono } from 'hono';
import { DEFAULT_TIMEOUTS, listening, serverLimits, type StartServer } from './types.js';

export const startHono: StartServer = (
  handler,
  port,
  host = '127.0.0.1',
  timeouts = DEFAULT_TIMEOUTS,
) => {
  const app = new Hono();
  // The handler sees Hono's original request: full URL, lazy body, disconnect signal.
  mountFielding(app, '/', handler);
  app.onError(httpErrorHandler());
  app.notFound(notFoundHandler(app));
  return listening(createNodeServer(toNodeListener(app.fetch), serverLimits(timeouts)), port, host);
};
