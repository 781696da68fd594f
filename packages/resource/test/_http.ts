// Test helper: serves a fetch handler with serve() of @fielding/node on a free loopback port and
// calls it with the global fetch(), so every rule is checked over real HTTP.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll } from 'vitest';
import type { FetchHandler } from '@fielding/core';
import { serve } from '@fielding/node';

/** One answer, read whole. */
export interface Sent {
  response: Response;
  status: number;
  headers: Headers;
  text: string;
  json: <T = Record<string, unknown>>() => T;
}

/** Sends one request to the server under test. */
export type Send = (
  method: string,
  path: string,
  init?: { headers?: Record<string, string>; body?: string },
) => Promise<Sent>;

export const JSON_BODY = { 'Content-Type': 'application/json' } as const;
export const MERGE_BODY = { 'Content-Type': 'application/merge-patch+json' } as const;
export const PATCH_BODY = { 'Content-Type': 'application/json-patch+json' } as const;

/** Starts `handler` on a free port; resolves with its origin and a function that stops it. */
export async function listen(
  handler: FetchHandler,
): Promise<{ origin: string; server: Server; close: () => Promise<void> }> {
  const server = serve(handler, { port: 0, hostname: '127.0.0.1' });
  if (!server.listening) await new Promise<void>((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    server,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A client of the server at `origin`. */
export function clientOf(origin: () => string): Send {
  return async (method, path, init = {}) => {
    const response = await fetch(`${origin()}${path}`, {
      method,
      ...(init.headers !== undefined && { headers: init.headers }),
      ...(init.body !== undefined && { body: init.body }),
    });
    const text = await response.text();
    return {
      response,
      status: response.status,
      headers: response.headers,
      text,
      json: <T>() => JSON.parse(text) as T,
    };
  };
}

/**
 * Serves the handler `current()` returns (looked up per request, so a test file can swap in a
 * fresh fixture before each test) for the tests of one file.
 */
export function useServer(current: () => FetchHandler): {
  send: Send;
  origin: () => string;
  server: () => Server;
} {
  let started: Awaited<ReturnType<typeof listen>> | undefined;
  beforeAll(async () => {
    started = await listen((request) => current()(request));
  });
  afterAll(async () => {
    await started?.close();
  });
  const origin = (): string => {
    if (started === undefined) throw new Error('the server is not started yet');
    return started.origin;
  };
  return {
    send: clientOf(origin),
    origin,
    server: () => {
      if (started === undefined) throw new Error('the server is not started yet');
      return started.server;
    },
  };
}
