import { editableResponse, formatRetryAfter, type Middleware } from '@fielding/core';
import { problem } from '@fielding/problem-errors';
import { addressNetwork } from './_ip.js';
import { clientAddressOf, type ClientAddressOptions } from './client-address.js';
import { evaluateFixedWindow, type RateLimitDecision } from './fixed-window.js';
import { QUOTA_EXCEEDED_TYPE, TEMPORARY_REDUCED_CAPACITY_TYPE } from './problem-types.js';
import { formatRateLimit, formatRateLimitPolicy } from './ratelimit-fields.js';
import type { RateLimitStore } from './store.js';

/**
 * Options of {@link rateLimit}.
 *
 * @example
 * ```ts
 * import { memoryStore, type RateLimitOptions } from '@fielding/rate-limit';
 *
 * // 1,000 requests a day per API key; requests without one are not limited here.
 * const perKey: RateLimitOptions = {
 *   store: memoryStore(),
 *   limit: 1_000,
 *   window: 86_400,
 *   policyName: 'daily',
 *   key: (request) => request.headers.get('x-api-key') ?? undefined,
 * };
 * ```
 */
export interface RateLimitOptions extends ClientAddressOptions {
  /** Where the counters live: {@link memoryStore}, {@link postgresStore}, {@link redisStore}. */
  readonly store: RateLimitStore;
  /** The quota: units (requests, by default) per window per client (`q`). */
  readonly limit: number;
  /** The window, in whole seconds (`w`). */
  readonly window: number;
  /**
   * Who the client is: a string per client — the authenticated subject, an API key's id — or
   * `undefined` to leave the request unlimited. Default: the client's address
   * ({@link clientAddress} with `trustProxy`, `proxyHops`, `remoteAddress`), IPv6 by network.
   */
  readonly key?: (request: Request) => string | undefined | Promise<string | undefined>;
  /** The policy's name in the fields, e.g. `'burst'`; letters, digits, `_.~-`. Default: `'default'`. */
  readonly policyName?: string;
  /** Units a request uses: a non-negative integer, or a function of the request. Default: `1`. */
  readonly cost?: number | ((request: Request) => number);
  /**
   * Prefix length by which IPv6 clients are counted with the default key: one subscriber gets
   * a whole /64 (or more), and would otherwise have 2^64 addresses to rotate through. `128`
   * counts each address. Default: `64`.
   */
  readonly ipv6Subnet?: number;
  /**
   * What to do when the store fails or does not answer within `storeTimeout`: `'allow'` serves
   * the request without the `RateLimit` field (an outage of the store does not take the API
   * down with it); `'deny'` answers `503` problem+json with `Retry-After`. Default: `'allow'`.
   */
  readonly onStoreError?: 'allow' | 'deny';
  /** Milliseconds to wait for the store before `onStoreError` applies. Default: `1000`. */
  readonly storeTimeout?: number;
  /** Hears store failures (and timeouts), to log them; the client never sees them. */
  readonly onError?: (error: unknown, request: Request) => void;
}

const POLICY_NAME = /^[\w.~-]{1,64}$/;
/** Client keys longer than this are stored as their SHA-256: bounded store keys. */
const MAX_KEY = 200;
const encoder = new TextEncoder();

async function hashed(key: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(key)));
  return `sha256:${btoa(String.fromCharCode(...digest))}`;
}

class StoreTimeout extends Error {
  override name = 'StoreTimeoutError' as const;
}

const PENDING = Symbol('pending');

/**
 * The store's answer, or a `StoreTimeout` after `ms`. A store that has answered by the next
 * microtask (memoryStore) costs no timer; only one still waiting gets one.
 */
async function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  // The store's own answer, if it comes late, is dropped: never an unhandled rejection.
  promise.catch(() => undefined);
  const early = await Promise.race([promise, Promise.resolve(PENDING)]);
  if (early !== PENDING) return early as T;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new StoreTimeout(`rateLimit: the store did not answer within ${ms} ms`)),
      ms,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function positiveInteger(value: number, what: string): void {
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(`rateLimit: ${what} must be a positive integer, not ${value}.`);
  }
}

function checkCost(cost: number): number {
  if (!Number.isInteger(cost) || cost < 0) {
    throw new RangeError(`rateLimit: a cost must be a non-negative integer, not ${cost}.`);
  }
  return cost;
}

/**
 * Middleware that limits each client to `limit` units per `window` seconds, counted in a
 * fixed window per client in `store` (shared by every instance with PostgreSQL or Redis). Every
 * response it passes gets `RateLimit-Policy` and `RateLimit`; over the quota it answers `429`
 * problem+json (type `quota-exceeded`) with `Retry-After` at the window's end. A store that
 * fails never makes a `500`: see `onStoreError`. A Web `Request` carries no socket address, so
 * without `key` the client must be named by `trustProxy` or `remoteAddress` (checked here).
 *
 * @param options - the store, quota, window, and how to tell clients apart
 * @returns the middleware
 * @throws RangeError or TypeError for options out of range, or no way to tell clients apart
 *
 * @example
 * ```ts
 * import { compose } from '@fielding/core';
 * import { memoryStore, rateLimit } from '@fielding/rate-limit';
 *
 * const handler = compose(
 *   rateLimit({ store: memoryStore(), limit: 100, window: 60, trustProxy: 'x-forwarded' }),
 * )(() => Response.json({ ok: true }));
 * // RateLimit-Policy: "default";q=100;w=60 and RateLimit: "default";r=99;t=60
 * ```
 * @see https://datatracker.ietf.org/doc/html/draft-ietf-httpapi-ratelimit-headers-11
 */
export function rateLimit(options: RateLimitOptions): Middleware {
  const { store, limit, window } = options;
  positiveInteger(limit, 'limit');
  positiveInteger(window, 'window (seconds)');
  const policy = options.policyName ?? 'default';
  if (!POLICY_NAME.test(policy)) {
    throw new TypeError(`rateLimit: policyName must be 1–64 of letters, digits, _.~- : ${policy}`);
  }
  const cost = options.cost ?? 1;
  if (typeof cost === 'number') checkCost(cost);
  const subnet = options.ipv6Subnet ?? 64;
  if (!Number.isInteger(subnet) || subnet < 1 || subnet > 128) {
    throw new RangeError(`rateLimit: ipv6Subnet must be an integer from 1 to 128, not ${subnet}.`);
  }
  if (options.key === undefined && !options.trustProxy && options.remoteAddress === undefined) {
    throw new TypeError(
      'rateLimit cannot tell clients apart: a Web Request carries no socket address. Pass `key` ' +
        '(e.g. the authenticated subject), `trustProxy` behind a proxy you run, or `remoteAddress`.',
    );
  }
  const timeout = options.storeTimeout ?? 1000;
  const deny = (options.onStoreError ?? 'allow') === 'deny';
  const windowMs = window * 1000;
  const policyField = formatRateLimitPolicy({ name: policy, quota: limit, window });
  const prefix = `${policy}:`;

  const keyOf =
    options.key ??
    ((request: Request): string => {
      const address = clientAddressOf(request, options);
      // Requests that name no client (one that bypassed the proxy, with no remoteAddress)
      // share one counter: limited together rather than not at all.
      return address === undefined ? 'unknown' : `ip:${addressNetwork(address, subnet)}`;
    });

  // The policy name is a token-like string (checked above): nothing in it needs escaping, so
  // the per-request field is a template (formatRateLimit's output, without its checks).
  const limitPrefix = formatRateLimit({ policy, remaining: 0 }).slice(0, -1);
  const limitField = (decision: RateLimitDecision): string =>
    `${limitPrefix}${decision.remaining};t=${decision.reset}`;

  return async function rateLimitMiddleware(request, next) {
    const found = keyOf(request);
    const client = typeof found === 'string' ? found : await found;
    if (client === undefined) return next(request);
    const units = typeof cost === 'number' ? cost : checkCost(cost(request));
    let decision: RateLimitDecision;
    try {
      const key = prefix + (client.length <= MAX_KEY ? client : await hashed(client));
      const counter = await within(store.increment({ key, cost: units, windowMs }), timeout);
      decision = evaluateFixedWindow(counter, limit);
    } catch (error) {
      options.onError?.(error, request);
      if (deny) {
        return problem({
          status: 503,
          type: TEMPORARY_REDUCED_CAPACITY_TYPE,
          title: 'Temporary Reduced Capacity',
          detail: 'The rate limit cannot be checked right now; try again shortly.',
          extensions: { 'violated-policies': [policy] },
          headers: { 'Retry-After': '1', 'RateLimit-Policy': policyField },
        });
      }
      const response = editableResponse(await next(request));
      response.headers.append('RateLimit-Policy', policyField);
      return response;
    }
    if (!decision.allowed) {
      return problem({
        status: 429,
        type: QUOTA_EXCEEDED_TYPE,
        title: 'Quota Exceeded',
        detail: `The quota of ${limit} per ${window} s (policy "${policy}") is used up; it resets in ${decision.reset} s.`,
        extensions: { 'violated-policies': [policy] },
        headers: {
          'RateLimit-Policy': policyField,
          RateLimit: limitField(decision),
          'Retry-After': formatRetryAfter(decision.retryAfter),
        },
      });
    }
    const response = editableResponse(await next(request));
    response.headers.append('RateLimit-Policy', policyField);
    response.headers.append('RateLimit', limitField(decision));
    return response;
  };
}
