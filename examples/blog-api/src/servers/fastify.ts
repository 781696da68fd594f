// Fastify 5: the whole API registered as one encapsulated plugin through @fielding/fastify, on
// createNodeServer (problemServerOptions) with the adapter's error and not-found handlers.
import type { AddressInfo } from 'node:net';
import {
  httpErrorHandler,
  mountFielding,
  notFoundHandler,
  problemServerOptions,
} from '@fielding/fastify';
import Fastify from 'fastify';
import { DEFAULT_TIMEOUTS, serverLimits, type StartServer } from './types.js';

export const startFastify: StartServer = async (
  handler,
  port,
  host = '127.0.0.1',
  timeouts = DEFAULT_TIMEOUTS,
) => {
  const app = Fastify(problemServerOptions(serverLimits(timeouts)));
  app.setErrorHandler(httpErrorHandler());
  app.setNotFoundHandler(notFoundHandler());
  // Inside the plugin the body stays an unread stream: the Fielding handler parses it itself.
  await app.register(mountFielding(handler));
  await app.listen({ port, host });
  const { port: bound } = app.server.address() as AddressInfo;
  return { url: `http://${host}:${bound}`, close: () => app.close() };
};
