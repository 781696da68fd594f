// Fastify 5: the whole API registered as one encapsulated plugin through @fielding/fastify.
import type { AddressInfo } from 'node:net';
import { fielding } from '@fielding/fastify';
import Fastify from 'fastify';
import { DEFAULT_TIMEOUTS, nodeServerOptions, type StartServer } from './types.js';

export const startFastify: StartServer = async (
  handler,
  port,
  host = '127.0.0.1',
  timeouts = DEFAULT_TIMEOUTS,
) => {
  const options = nodeServerOptions(timeouts);
  // Fastify sets requestTimeout and keepAliveTimeout itself (its defaults: none and 72 s); the
  // header timeout and Node's checking interval go to http.createServer through `http`.
  const app = Fastify({
    requestTimeout: options.requestTimeout,
    keepAliveTimeout: options.keepAliveTimeout,
    http: options,
  });
  // Inside the plugin the body stays an unread stream: the Fielding handler parses it itself.
  await app.register(fielding(handler));
  await app.listen({ port, host });
  const { port: bound } = app.server.address() as AddressInfo;
  return { url: `http://${host}:${bound}`, close: () => app.close() };
};
