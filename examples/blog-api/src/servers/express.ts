// Express 5: the whole API mounted with one `app.use` through @fielding/express.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { toExpress } from '@fielding/express';
import express from 'express';
import { DEFAULT_TIMEOUTS, nodeServerOptions, type StartServer } from './types.js';

export const startExpress: StartServer = (
  handler,
  port,
  host = '127.0.0.1',
  timeouts = DEFAULT_TIMEOUTS,
) =>
  new Promise((resolve, reject) => {
    const app = express();
    app.disable('x-powered-by');
    // No body parser: the Fielding handler reads the raw body itself, with its own limits.
    app.use(toExpress(handler));
    // app.listen() would create the server without options: create it here, with the timeouts.
    const options = nodeServerOptions(timeouts);
    const server = createServer(options, app);
    server.keepAliveTimeout = options.keepAliveTimeout;
    server.once('error', reject);
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
