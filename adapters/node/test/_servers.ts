import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FetchHandler } from '@fielding/core';
import { toNodeListener, type NodeListenerOptions } from '../src/index.js';
import type { Mount } from './adapter-suite.js';

/** Listens on loopback, resolves with the origin and a `close` that drops idle connections. */
export async function listen(
  listener: RequestListener,
): Promise<{ origin: string; server: Server; close: () => Promise<void> }> {
  const server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const close = (): Promise<void> => {
    server.closeAllConnections();
    return new Promise((resolve) => server.close(() => resolve()));
  };
  return { origin: `http://127.0.0.1:${port}`, server, close };
}

/** The adapter-suite mount: the handler serves the whole server (it sees `/api/…` itself). */
export function mountNode(options: NodeListenerOptions = {}): Mount {
  return async (handler: FetchHandler) => {
    const { origin, close } = await listen(toNodeListener(handler, options));
    return { url: `${origin}/api`, close };
  };
}
