// redisStore against a real Redis (a throwaway redis-server): the store contract, expiry by
// Redis itself, the script cache going away, and two HTTP instances sharing it under load.
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rateLimitStoreContract, redisStore } from '../src/index.node.js';
import { SKIP_SERVICES, startRedis, type Service } from '../../../test-utils/services.js';
import { overshoot } from './support/two-instances.js';

describe.skipIf(SKIP_SERVICES)('redisStore on Redis', () => {
  let service: Service<Redis> | undefined;
  const client = (): Redis => {
    if (service === undefined) throw new Error('Redis did not start');
    return service.client;
  };

  beforeAll(async () => {
    service = await startRedis();
  });
  afterAll(async () => {
    await service?.stop();
  });

  describe('keeps the store contract', () => {
    it.each(rateLimitStoreContract(() => redisStore({ client: client() })))('$name', ({ run }) =>
      run(),
    );
  });

  it('keeps each window under its prefix with a TTL, so Redis expires it by itself', async () => {
    const store = redisStore({ client: client(), prefix: 'api:rl:' });
    await store.increment({ key: 'ttl-check', cost: 1, windowMs: 30_000 });
    const ttl = await client().pttl('api:rl:ttl-check');
    expect(ttl).toBeGreaterThan(25_000);
    expect(ttl).toBeLessThanOrEqual(30_000);
  });

  it('gives a key someone left without a TTL the window’s expiry', async () => {
    await client().set('ratelimit:no-ttl', '5');
    const counter = await redisStore({ client: client() }).increment({
      key: 'no-ttl',
      cost: 1,
      windowMs: 10_000,
    });
    expect(counter).toEqual({ count: 6, resetMs: 10_000 });
    expect(await client().pttl('ratelimit:no-ttl')).toBeGreaterThan(0);
  });

  it('loads its script again after SCRIPT FLUSH (a restart or a failover)', async () => {
    const store = redisStore({ client: client() });
    await store.increment({ key: 'flush', cost: 1, windowMs: 60_000 });
    await client().script('FLUSH');
    expect((await store.increment({ key: 'flush', cost: 1, windowMs: 60_000 })).count).toBe(2);
    expect((await store.increment({ key: 'flush', cost: 1, windowMs: 60_000 })).count).toBe(3);
  });

  it('two instances sharing Redis let exactly the limit through under concurrent load', async () => {
    const figures = await overshoot(() => redisStore({ client: service?.connect() ?? client() }), {
      limit: 100,
      requests: 400,
      concurrency: 32,
    });
    console.log('redisStore, two instances:', JSON.stringify(figures));
    expect(figures.other).toBe(0);
    expect(figures.overshoot).toBe(0);
    expect(figures.allowedA).toBeGreaterThan(0);
    expect(figures.allowedB).toBeGreaterThan(0);
    expect(figures.refused).toBe(300);
    expect(figures.repeatedRemaining).toBe(0);
  });
});
