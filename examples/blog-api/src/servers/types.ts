import type { FetchHandler } from '@fielding/core';

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

/**
 * The options of Node's `http.createServer` for these timeouts. Node checks them every
 * `connectionsCheckingInterval` (30 s by default, far too coarse for a 10 s limit), so the
 * interval follows the shortest timeout.
 */
export function nodeServerOptions(timeouts: ServerTimeouts): {
  headersTimeout: number;
  requestTimeout: number;
  keepAliveTimeout: number;
  connectionsCheckingInterval: number;
} {
  return {
    headersTimeout: timeouts.headersMs,
    requestTimeout: timeouts.requestMs,
    keepAliveTimeout: timeouts.keepAliveMs,
    connectionsCheckingInterval: Math.max(
      50,
      Math.min(1_000, Math.floor(Math.min(timeouts.headersMs, timeouts.requestMs) / 4)),
    ),
  };
}

/** Serves one FetchHandler on a port (0 = any free port) of 127.0.0.1 or `host`. */
export type StartServer = (
  handler: FetchHandler,
  port: number,
  host?: string,
  timeouts?: ServerTimeouts,
) => Promise<RunningServer>;
