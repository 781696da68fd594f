// Plain Node: node:http through @fielding/node's toNodeListener — measured about 3× faster than
// @hono/node-server and whatwg-node for this kind of handler (adapters/node/bench).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { toNodeListener } from '@fielding/node';
import { DEFAULT_TIMEOUTS, nodeServerOptions, type StartServer } from './types.js';

export const startNode: StartServer = (
  handler,
  port,
  host = '127.0.0.1',
  timeouts = DEFAULT_TIMEOUTS,
) =>
  new Promise((resolve) => {
    const options = nodeServerOptions(timeouts);
    const server = createServer(options, toNodeListener(handler));
    server.keepAliveTimeout = options.keepAliveTimeout;
    server.listen(port, host, () => {
      const { port: bound } = server.address() as AddressInfo;
      resolve({
        url: `http://${host}:${bound}`,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
