import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FetchHandler } from '@fielding/core';
import type { NodeServerOptions } from '@fielding/node';

/** A running server: where it listens and how to stop it. */
export interface RunningServer {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * How long a server waits for its clients, in milliseconds. Without these a client that drips a
 * byte at a time (a slow-loris) holds a connection for as long as it likes.
 */
export interface ServerTimeouts {
  /** The whole header section must arrive within this (Node's `headersTimeout`). */
  readonly headersMs: number;
  /** The whole request, body included, must arrive within this (`requestTimeout`). */
  readonly requestMs: number;
  /** An idle kept-alive connection is closed after this (`keepAliveTimeout`). */
  readonly keepAliveMs: number;
}

/** The defaults: HEADERS_TIMEOUT_MS, REQUEST_TIMEOUT_MS and KEEP_ALIVE_TIMEOUT_MS override them. */
export const DEFAULT_TIMEOUTS: ServerTimeouts = Object.freeze({
  headersMs: 10_000,
  requestMs: 30_000,
  keepAliveMs: 5_000,
});

/** The limits of `createNodeServer` (@fielding/node) for these timeouts. */
export function serverLimits(timeouts: ServerTimeouts): NodeServerOptions {
  return {
    headersTimeout: timeouts.headersMs,
    requestTimeout: timeouts.requestMs,
    keepAliveTimeout: timeouts.keepAliveMs,
  };
}

/** Listens on `port` of `host` and resolves with the URL and a `close` that drops connections. */
export function listening(server: Server, port: number, host: string): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
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
}

/** Serves one FetchHandler on a port (0 = any free port) of 127.0.0.1 or `host`. */
export type StartServer = (
  handler: FetchHandler,
  port: number,
  host?: string,
  timeouts?: ServerTimeouts,
) => Promise<RunningServer>;
