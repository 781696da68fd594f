// Two instances of one API — two Node HTTP servers (serve() of @fielding/node), each with its
// own rateLimit() middleware and its own store client — sharing one store. One client fires
// concurrent requests spread over both and counts how many were let through.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { compose } from '@fielding/core';
import { serve } from '@fielding/node';
import { parseRateLimit, rateLimit, type RateLimitStore } from '../../src/index.node.js';

/** What a run gave. */
export interface OvershootFigures {
  /** The quota of the one window the run falls in. */
  limit: number;
  /** Requests sent, half to each instance, `concurrency` at a time. */
  requests: number;
  /** 200s (requests let through), per instance and in all. */
  allowedA: number;
  allowedB: number;
  allowed: number;
  /** 429s. */
  refused: number;
  /** Any other status (a 500 would be a bug). */
  other: number;
  /** `allowed - limit`: how far the limit overshot (0 for an atomic shared store). */
  overshoot: number;
  /** `r` values of the 200s that were seen more than once (0 when every count was distinct). */
  repeatedRemaining: number;
  /** Wall time of the run, in ms. */
  ms: number;
}

function listening(server: Server): Promise<string> {
  return new Promise((resolve, reject) => {
    const ready = (): void => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    if (server.listening) ready();
    else server.once('listening', ready).once('error', reject);
  });
}

/**
 * Sends `requests` GETs from one client (one X-Forwarded-For address, as the proxy in front of
 * both instances would write it) alternately to two instances, `concurrency` at a time.
 */
export async function overshoot(
  makeStore: () => RateLimitStore,
  options: { limit?: number; requests?: number; concurrency?: number } = {},
): Promise<OvershootFigures> {
  const limit = options.limit ?? 100;
  const requests = options.requests ?? 400;
  const concurrency = options.concurrency ?? 32;
  // What is measured is the store's atomicity, not the timeout policy: on a loaded machine a
  // store call can take over the default second, and the default 'allow' then serves the
  // request uncounted (a documented fail-open, seen once as an overshoot of 1 under CI load).
  // A long timeout and 'deny' make a slow store wait, and a failing one show up as `other`.
  const limiter = (): ReturnType<typeof rateLimit> =>
    rateLimit({
      store: makeStore(),
      limit,
      window: 600,
      trustProxy: 'x-forwarded',
      storeTimeout: 60_000,
      onStoreError: 'deny',
    });
  const instance = (): Server =>
    serve(
      compose(limiter())(() => Response.json({ ok: true })),
      { port: 0 },
    );
  const servers = [instance(), instance()];
  const origins = await Promise.all(servers.map(listening));
  const client = `203.0.113.${Math.floor(Math.random() * 250) + 1}`;
  const allowed = [0, 0];
  const remaining = new Map<number, number>();
  let refused = 0;
  let other = 0;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < requests) {
      const index = next++;
      const response = await fetch(`${origins[index % 2] ?? ''}/blogs`, {
        headers: { 'x-forwarded-for': `198.51.100.9, ${client}` },
      });
      await response.arrayBuffer();
      if (response.status === 200) {
        allowed[index % 2] = (allowed[index % 2] ?? 0) + 1;
        const [limitField] = parseRateLimit(response.headers.get('ratelimit'));
        if (limitField !== undefined) {
          remaining.set(limitField.remaining, (remaining.get(limitField.remaining) ?? 0) + 1);
        }
      } else if (response.status === 429) refused += 1;
      else other += 1;
    }
  };
  const started = performance.now();
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
    for (const server of servers) server.closeAllConnections();
  }
  const [allowedA = 0, allowedB = 0] = allowed;
  return {
    limit,
    requests,
    allowedA,
    allowedB,
    allowed: allowedA + allowedB,
    refused,
    other,
    overshoot: allowedA + allowedB - limit,
    repeatedRemaining: [...remaining.values()].filter((times) => times > 1).length,
    ms: Math.round(performance.now() - started),
  };
}
