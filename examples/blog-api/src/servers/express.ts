// Express 5: the whole API mounted with one `app.use` through @fielding/express.
import type { AddressInfo } from 'node:net';
import { toExpress } from '@fielding/express';
import express from 'express';
import type { StartServer } from './types.js';

export const startExpress: StartServer = (handler, port, host = '127.0.0.1') =>
  new Promise((resolve, reject) => {
    const app = express();
    app.disable('x-powered-by');
    // No body parser: the Fielding handler reads the raw body itself, with its own limits.
    app.use(toExpress(handler));
    const server = app.listen(port, host, (error?: Error) => {
      if (error) return reject(error);
      const { port: bound } = server.address() as AddressInfo;
      resolve({
        url: `http://${host}:${bound}`,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
