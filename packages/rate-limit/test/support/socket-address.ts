// A Web Request made by @fielding/node carries no socket address, so a fetch handler cannot
// tell clients apart by it. This listener is what @fielding/node could offer: the request of
// toWebRequest(), with the socket's remoteAddress kept beside it for `remoteAddress`.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { FetchHandler } from '@fielding/core';
import { createNodeServer, toWebRequest, writeResponse } from '@fielding/node';
import { problem } from '@fielding/problem-errors';

const addresses = new WeakMap<Request, string>();

/** The socket address of a request served by {@link serveWithAddress}. */
export const socketAddress = (request: Request): string | undefined => addresses.get(request);

/** Serves `handler` on a free loopback port, remembering each request's socket address. */
export function serveWithAddress(handler: FetchHandler): Server {
  const listener = (req: IncomingMessage, res: ServerResponse): void => {
    const request = toWebRequest(req, res);
    if (req.socket.remoteAddress !== undefined) addresses.set(request, req.socket.remoteAddress);
    Promise.resolve()
      .then(() => handler(request))
      .catch(() => problem({ status: 500 }))
      .then((response) => writeResponse(response, req, res))
      .catch(() => res.destroy());
  };
  return createNodeServer(listener).listen(0, '127.0.0.1');
}
