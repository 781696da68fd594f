// The edge of the API (issue 20): bearer tokens for writes, Idempotency-Key on POST, rate limits,
// CORS and security headers. The stores are chosen by src/start.ts from the environment.
import { bearerAuth, claimsOf, type JwtVerifierOptions } from '@fielding/auth';
import type { Middleware } from '@fielding/core';
import { remoteAddress } from '@fielding/node';
import {
  idempotency,
  postgresStore as idempotencyPostgresStore,
  type IdempotencyStore,
} from '@fielding/idempotency';
import { memoryStore, rateLimit, type RateLimitStore } from '@fielding/rate-limit';
import { cors, securityHeaders } from '@fielding/security';
import type { Queryable } from './storage/database.js';

/** Methods that never need a token (RFC 9110 §9.2.1 safe methods). */
const SAFE_METHODS: readonly string[] = ['GET', 'HEAD', 'OPTIONS'];

/** The scope a token must grant for an unsafe method. */
export const WRITE_SCOPE = 'write';

/** How requests are limited: `limit` requests per `window` seconds per client. */
export interface RateLimitSettings {
  readonly store: RateLimitStore;
  readonly limit: number;
  readonly window: number;
  /**
   * Which proxy header names the client. Without one the example cannot see the socket address
   * through a Web `Request`, so every client shares one counter (documented in the README).
   */
  readonly trustProxy?: 'x-forwarded' | 'forwarded' | undefined;
}

/** Everything the edge needs; each part has a default that keeps the quick start working. */
export interface EdgeOptions {
  /** Bearer-token verification (a secret or a JWKS URL); absent: writes stay open. */
  readonly auth?: JwtVerifierOptions | undefined;
  /** Where Idempotency-Key records live. Default: the example's own database. */
  readonly idempotencyStore?: IdempotencyStore | undefined;
  /** Default: 1,000 requests per 60 s in this process's memory. */
  readonly rateLimit?: RateLimitSettings | undefined;
  /** Origins a browser client may call the API from (CORS). Default: none. */
  readonly corsOrigins?: readonly string[] | undefined;
}

export const DEFAULT_RATE_LIMIT = 1_000;
export const DEFAULT_RATE_LIMIT_WINDOW = 60;

/** Only the API is limited: /health, /metrics and the documentation stay reachable. */
const isApi = (request: Request): boolean => new URL(request.url).pathname.startsWith('/api');

/** Runs `middleware` for API requests only. */
function forApi(middleware: Middleware): Middleware {
  return function apiOnly(request, next) {
    return isApi(request) ? middleware(request, next) : next(request);
  };
}

/** The edge layers outside problemDetails: their answers (429, CORS, headers) cover problems too. */
export function outerEdge(options: EdgeOptions): Middleware[] {
  const limits = options.rateLimit ?? {
    store: memoryStore(),
    limit: DEFAULT_RATE_LIMIT,
    window: DEFAULT_RATE_LIMIT_WINDOW,
  };
  const origins = options.corsOrigins ?? [];
  return [
    securityHeaders(),
    ...(origins.length > 0 ? [cors({ origins })] : []),
    forApi(
      rateLimit({
        store: limits.store,
        limit: limits.limit,
        window: limits.window,
        // The client is the address the trusted proxy reports, else the socket's peer (known
        // for requests @fielding/node builds: node, Express, Fastify); a request that names
        // neither (Hono's own server) counts with every other such request.
        ...(limits.trustProxy ? { trustProxy: limits.trustProxy } : {}),
        remoteAddress,
      }),
    ),
  ];
}

/** The edge layers inside problemDetails: authentication, then idempotency of POSTs. */
export function innerEdge(options: EdgeOptions, db: Queryable): Middleware[] {
  const store = options.idempotencyStore ?? databaseIdempotencyStore(db);
  return [
    ...(options.auth
      ? [
          bearerAuth({
            ...options.auth,
            scopes: (request) => (SAFE_METHODS.includes(request.method) ? [] : [WRITE_SCOPE]),
            optional: true,
          }),
        ]
      : []),
    idempotency({
      store,
      methods: ['POST'],
      // One client's key never replays another's response (the draft's composite key).
      scope: (request) => claimsOf(request)?.sub,
    }),
  ];
}

/** The example's database as the `pool` the idempotency store takes. */
/**
 * The Idempotency-Key store in the example's own database, with `prune()` for the expired keys.
 */
export function databaseIdempotencyStore(
  db: Queryable,
): ReturnType<typeof idempotencyPostgresStore> {
  return idempotencyPostgresStore({ pool: queryPool(db) });
}

function queryPool(db: Queryable): {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
} {
  return { query: (text, values) => db.query<unknown>(text, values ?? []) };
}
