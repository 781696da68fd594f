// Plain Node: node:http through @hono/node-server, a maintained Request/Response bridge.
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { StartServer } from './types.js';

export const startNode: StartServer = (handler, port, host = '127.0.0.1') =>
  new Promise((resolve) => {
    const server = serve({ fetch: handler, port, hostname: host }, (info: AddressInfo) => {
      resolve({
        url: `http://${host}:${info.port}`,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
