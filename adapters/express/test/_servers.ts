import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express5 from 'express';
import express4 from 'express-4';
import type { FetchHandler } from '@fielding/core';
import { mountFielding } from '../src/index.js';
import type { Mount } from './adapter-suite.js';

/** Both supported majors, for `describe.each`. */
export const EXPRESS_VERSIONS = [
  ['express 5', express5],
  ['express 4', express4],
] as const;

/** Listens on loopback, resolves with the origin. */
export async function listen(
  app: Parameters<typeof createServer>[1],
): Promise<{ origin: string; server: Server }> {
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, server };
}

/** Closes a server, dropping idle keep-alive connections first. */
export function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

/** The adapter-suite mount for one Express major: `app.use('/api', mountFielding(handler))`. */
export function mountExpress(express: typeof express5): Mount {
  return async (handler: FetchHandler) => {
    const app = express();
    app.use('/api', mountFielding(handler));
    const { origin, server } = await listen(app);
    return { url: `${origin}/api`, close: () => close(server) };
  };
}
