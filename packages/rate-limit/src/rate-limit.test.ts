import { compose, type FetchHandler } from '@fielding/core';
import { describe, expect, it, vi } from 'vitest';
import { memoryStore } from './memory-store.js';
import { QUOTA_EXCEEDED_TYPE, TEMPORARY_REDUCED_CAPACITY_TYPE } from './problem-types.js';
import { rateLimit, type RateLimitOptions } from './rate-limit.js';
import { parseRateLimit, parseRateLimitPolicy } from './ratelimit-fields.js';
import type { RateLimitStore } from './store.js';

const ok: FetchHandler = () => Response.json({ ok: true });
const get = (headers: Record<string, string> = {}, path = '/blogs'): Request =>
  new Request(`https://api.test${path}`, { headers });
const fixedKey = { key: () => 'client' } as const;

/** Options over the defaults of these tests; `undefined` removes a default (e.g. the key). */
type Overrides = { [K in keyof RateLimitOptions]?: RateLimitOptions[K] | undefined };

function optionsOf(overrides: Overrides): RateLimitOptions {
  const merged = { store: memoryStore(), limit: 3, window: 60, ...fixedKey, ...overrides };
  const defined = Object.entries(merged).filter(([, value]) => value !== undefined);
  return Object.fromEntries(defined) as unknown as RateLimitOptions;
}

function limited(overrides: Overrides = {}, handler: FetchHandler = ok): FetchHandler {
  return compose(rateLimit(optionsOf(overrides)))(handler);
}

describe('rateLimit', () => {
  it('sends RateLimit-Policy and RateLimit on every response it passes', async () => {
    const handler = limited();
    const seen: Array<[number, string | null, string | null]> = [];
    for (let index = 0; index < 3; index += 1) {
      const response = await handler(get());
      seen.push([
        response.status,
        response.headers.get('ratelimit-policy'),
        response.headers.get('ratelimit'),
      ]);
    }
    expect(seen).toEqual([
      [200, '"default";q=3;w=60', '"default";r=2;t=60'],
      [200, '"default";q=3;w=60', '"default";r=1;t=60'],
      [200, '"default";q=3;w=60', '"default";r=0;t=60'],
    ]);
  });

  it('answers 429 problem+json with Retry-After over the quota, without calling the handler', async () => {
    const handler = vi.fn(ok);
    const limitedHandler = limited({ policyName: 'burst' }, handler);
    for (let index = 0; index < 3; index += 1) await limitedHandler(get());
    const response = await limitedHandler(get());
    expect(response.status).toBe(429);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.headers.get('retry-after')).toBe('60');
    expect(parseRateLimit(response.headers.get('ratelimit'))).toEqual([
      { policy: 'burst', remaining: 0, reset: 60 },
    ]);
    expect(parseRateLimitPolicy(response.headers.get('ratelimit-policy'))).toEqual([
      { name: 'burst', quota: 3, window: 60 },
    ]);
    expect(await response.json()).toEqual({
      type: QUOTA_EXCEEDED_TYPE,
      title: 'Quota Exceeded',
      status: 429,
      detail: 'The quota of 3 per 60 s (policy "burst") is used up; it resets in 60 s.',
      'violated-policies': ['burst'],
    });
    expect(handler).toHaveBeenCalledTimes(3);
  });

  it('serves again once the window has ended', async () => {
    let now = 0;
    const handler = limited({ store: memoryStore({ now: () => now }), limit: 1, window: 10 });
    expect((await handler(get())).status).toBe(200);
    now = 9_999;
    const refused = await handler(get());
    expect([refused.status, refused.headers.get('retry-after')]).toEqual([429, '1']);
    now = 10_000;
    expect((await handler(get())).status).toBe(200);
  });

  it('counts each client apart, by the key function', async () => {
    const handler = limited({
      limit: 1,
      key: (request) => request.headers.get('x-user') ?? 'anon',
    });
    expect((await handler(get({ 'x-user': 'ada' }))).status).toBe(200);
    expect((await handler(get({ 'x-user': 'bob' }))).status).toBe(200);
    expect((await handler(get({ 'x-user': 'ada' }))).status).toBe(429);
  });

  it('takes an async key (a verified token) and leaves a request it keys as undefined unlimited', async () => {
    const handler = limited({
      limit: 1,
      key: async (request) => {
        await Promise.resolve();
        return request.headers.get('authorization') === 'Bearer internal' ? undefined : 'public';
      },
    });
    for (let index = 0; index < 5; index += 1) {
      const response = await handler(get({ authorization: 'Bearer internal' }));
      expect([response.status, response.headers.has('ratelimit')]).toEqual([200, false]);
    }
    expect((await handler(get())).status).toBe(200);
    expect((await handler(get())).status).toBe(429);
  });

  it('keys by the address the trusted proxy appended: spoofed X-Forwarded-For values do not help', async () => {
    const handler = limited({ key: undefined, limit: 2, trustProxy: 'x-forwarded' });
    const statuses: number[] = [];
    for (let index = 0; index < 4; index += 1) {
      const spoof = `10.9.${index}.1, 198.51.100.${index}`;
      statuses.push((await handler(get({ 'x-forwarded-for': `${spoof}, 203.0.113.7` }))).status);
    }
    expect(statuses).toEqual([200, 200, 429, 429]);
    expect((await handler(get({ 'x-forwarded-for': '203.0.113.8' }))).status).toBe(200);
  });

  it('counts an IPv6 client by its /64 by default, by address with ipv6Subnet: 128', async () => {
    const address = (request: Request): string => request.headers.get('x-peer') ?? '';
    const grouped = limited({ key: undefined, limit: 1, remoteAddress: address });
    expect((await grouped(get({ 'x-peer': '2001:db8:1:2::a' }))).status).toBe(200);
    expect((await grouped(get({ 'x-peer': '2001:db8:1:2:ffff::b' }))).status).toBe(429);
    expect((await grouped(get({ 'x-peer': '2001:db8:1:3::a' }))).status).toBe(200);
    const each = limited({ key: undefined, limit: 1, remoteAddress: address, ipv6Subnet: 128 });
    expect((await each(get({ 'x-peer': '2001:db8:1:2::a' }))).status).toBe(200);
    expect((await each(get({ 'x-peer': '2001:db8:1:2::b' }))).status).toBe(200);
  });

  it('puts requests that name no client into one shared counter', async () => {
    const handler = limited({ key: undefined, limit: 2, trustProxy: 'x-forwarded' });
    const statuses = [];
    for (const forwarded of [undefined, 'garbage', 'unknown']) {
      const headers: Record<string, string> =
        forwarded === undefined ? {} : { 'x-forwarded-for': forwarded };
      statuses.push((await handler(get(headers))).status);
    }
    expect(statuses).toEqual([200, 200, 429]);
  });

  it('stores keys of any length bounded (a SHA-256 above 200 characters), namespaced by policy', async () => {
    const keys: string[] = [];
    const store = memoryStore();
    const spy: RateLimitStore = {
      increment: (input) => {
        keys.push(input.key);
        return store.increment(input);
      },
      reset: (key) => store.reset(key),
    };
    const handler = limited({ store: spy, key: (request) => request.headers.get('x-user') ?? '' });
    await handler(get({ 'x-user': 'x'.repeat(10_000) }));
    await handler(get({ 'x-user': 'ada' }));
    expect(keys[0]).toMatch(/^default:sha256:[\w+/]{43}=$/);
    expect(keys[1]).toBe('default:ada');
  });

  it('charges the cost of each request: a number, or a function of the request', async () => {
    const fixed = limited({ limit: 10, cost: 4 });
    expect((await fixed(get())).headers.get('ratelimit')).toBe('"default";r=6;t=60');
    const byQuery = limited({
      limit: 10,
      cost: (request) => Number(new URL(request.url).searchParams.get('n') ?? 1),
    });
    expect((await byQuery(get({}, '/search?n=0'))).headers.get('ratelimit')).toBe(
      '"default";r=10;t=60',
    );
    expect((await byQuery(get({}, '/search?n=7'))).headers.get('ratelimit')).toBe(
      '"default";r=3;t=60',
    );
    expect((await byQuery(get({}, '/search?n=4'))).status).toBe(429);
    await expect(byQuery(get({}, '/search?n=-1'))).rejects.toThrow(RangeError);
  });

  it('adds the fields to a response whose headers are immutable', async () => {
    const handler = limited({}, () => Response.redirect('https://api.test/blogs/7', 301));
    const response = await handler(get());
    expect([response.status, response.headers.get('location')]).toEqual([
      301,
      'https://api.test/blogs/7',
    ]);
    expect(response.headers.get('ratelimit')).toBe('"default";r=2;t=60');
  });

  it('stacks policies: a short burst policy over a daily quota, both in the fields', async () => {
    const store = memoryStore();
    const handler = compose(
      rateLimit({ store, limit: 1000, window: 86_400, policyName: 'daily', ...fixedKey }),
      rateLimit({ store, limit: 2, window: 1, policyName: 'burst', ...fixedKey }),
    )(ok);
    await handler(get());
    await handler(get());
    const third = await handler(get());
    expect(third.status).toBe(429);
    expect(parseRateLimitPolicy(third.headers.get('ratelimit-policy'))).toEqual([
      { name: 'burst', quota: 2, window: 1 },
      { name: 'daily', quota: 1000, window: 86_400 },
    ]);
    expect(parseRateLimit(third.headers.get('ratelimit'))).toEqual([
      { policy: 'burst', remaining: 0, reset: 1 },
      { policy: 'daily', remaining: 997, reset: 86_400 },
    ]);
  });

  it('waits for a store on the network within storeTimeout', async () => {
    const store = memoryStore();
    const slow: RateLimitStore = {
      increment: async (input) => {
        await new Promise((resolve) => setTimeout(resolve, 30));
        return store.increment(input);
      },
      reset: (key) => store.reset(key),
    };
    const response = await limited({ store: slow, storeTimeout: 1000 })(get());
    expect([response.status, response.headers.get('ratelimit')]).toEqual([
      200,
      '"default";r=2;t=60',
    ]);
  });

  describe('when the store fails', () => {
    const failing: RateLimitStore = {
      increment: () => Promise.reject(new Error('ECONNREFUSED 127.0.0.1:6379')),
      reset: () => Promise.resolve(),
    };
    const hanging: RateLimitStore = {
      increment: () => new Promise(() => undefined),
      reset: () => Promise.resolve(),
    };

    it.each([
      ['fails', failing],
      ['does not answer', hanging],
    ])(
      'when it %s, serves the request by default (fail-open) with the policy only',
      async (_, store) => {
        const errors: unknown[] = [];
        const handler = limited({
          store,
          storeTimeout: 50,
          onError: (error) => errors.push(error),
        });
        const response = await handler(get());
        expect(response.status).toBe(200);
        expect(response.headers.get('ratelimit-policy')).toBe('"default";q=3;w=60');
        expect(response.headers.has('ratelimit')).toBe(false);
        expect(errors).toHaveLength(1);
        expect(errors[0]).toBeInstanceOf(Error);
      },
    );

    it.each([
      ['fails', failing],
      ['does not answer', hanging],
    ])(
      'when it %s, with onStoreError: deny, answers 503 problem+json with Retry-After',
      async (_, store) => {
        const handler = vi.fn(ok);
        const started = performance.now();
        const response = await limited(
          { store, storeTimeout: 50, onStoreError: 'deny' },
          handler,
        )(get());
        expect(performance.now() - started).toBeLessThan(1000);
        expect(response.status).toBe(503);
        expect(response.headers.get('retry-after')).toBe('1');
        expect(response.headers.get('content-type')).toBe('application/problem+json');
        const body = (await response.json()) as Record<string, unknown>;
        expect(body['type']).toBe(TEMPORARY_REDUCED_CAPACITY_TYPE);
        expect(JSON.stringify(body)).not.toContain('ECONNREFUSED');
        expect(handler).not.toHaveBeenCalled();
      },
    );
  });

  describe('refuses options it cannot honour', () => {
    it.each<[string, Overrides, typeof TypeError | typeof RangeError]>([
      ['no way to tell clients apart', { key: undefined }, TypeError],
      ['a limit of 0', { limit: 0 }, RangeError],
      ['a fractional limit', { limit: 1.5 }, RangeError],
      ['a window of 0', { window: 0 }, RangeError],
      ['a window in fractions of seconds', { window: 0.5 }, RangeError],
      ['a policy name with a colon', { policyName: 'a:b' }, TypeError],
      ['an empty policy name', { policyName: '' }, TypeError],
      ['a negative cost', { cost: -1 }, RangeError],
      ['an ipv6Subnet of 0', { ipv6Subnet: 0 }, RangeError],
      ['an ipv6Subnet of 129', { ipv6Subnet: 129 }, RangeError],
    ])('%s', (_, options, error) => {
      expect(() => rateLimit(optionsOf(options))).toThrow(error);
    });
  });
});
