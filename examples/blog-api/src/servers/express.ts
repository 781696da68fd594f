// Express 5: the whole API mounted with one `app.use` through @fielding/express, on
// createNodeServer (@fielding/node) so that every answer a client can provoke is problem+json.
import { httpErrorHandler, mountFielding, notFoundHandler } from '@fielding/express';
import { createNodeServer } from '@fielding/node';
import express from 'express';
import { DEFAULT_TIMEOUTS, listening, serverLimits, type StartServer } from './types.js';

export const startExpress: StartServer = (
  handler,
  port,
  host = '127.0.0.1',
  timeouts = DEFAULT_TIMEOUTS,
) => {
  const app = express();
  app.disable('x-powered-by');
  // No body parser: the Fielding handler reads the raw body itself, with its own limits.
  app.use(mountFielding(handler));
  app.use(notFoundHandler());
  app.use(httpErrorHandler());
  return listening(createNodeServer(app, serverLimits(timeouts)), port, host);
};
