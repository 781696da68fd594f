import type { FetchHandler } from '@fielding/core';

/** A running server: where it listens and how to stop it. */
export interface RunningServer {
  readonly url: string;
  close(): Promise<void>;
}

/** Serves one FetchHandler on a port (0 = any free port) of 127.0.0.1 or `host`. */
export type StartServer = (
  handler: FetchHandler,
  port: number,
  host?: string,
) => Promise<RunningServer>;
