// redisStore against a real Redis (a throwaway redis-server on a Unix socket): the store
// contract, with ioredis, and two HTTP instances sharing it.
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisStore, storeContract, type RedisCommands } from '../src/index.node.js';
import { SKIP_SERVICES, startRedis, type Service } from '../../../test-utils/services.js';
import { retriedPosts } from './support/two-instances.js';

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
    it.each(storeContract(() => redisStore({ client: client() })))('$name', ({ run }) => run());
  });

  it('an ioredis client is RedisCommands', () => {
    const commands: RedisCommands = client();
    expect(typeof commands.call).toBe('function');
  });

  it('keys live under the prefix, with a TTL', async () => {
    const store = redisStore({ client: client(), prefix: 'orders:idem:' });
    const claim = await store.claim({ key: 'k1', fingerprint: 'f', lockTtl: 5_000 });
    expect(claim.claimed).toBe(true);
    const ttl = Number(await client().call('PTTL', 'orders:idem:k1'));
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(5_000);
    if (!claim.claimed) return;
    await store.complete({
      key: 'k1',
      token: claim.token,
      response: { status: 201, headers: [], body: new Uint8Array([1]) },
      ttl: 86_400_000,
    });
    expect(Number(await client().call('PTTL', 'orders:idem:k1'))).toBeGreaterThan(86_000_000);
  });

  it('two instances sharing Redis: 1,000 retried POSTs, no duplicate, every replay exact', async () => {
    const connect = (): Redis => {
      if (service === undefined) throw new Error('Redis did not start');
      return service.connect();
    };
    const figures = await retriedPosts(() => redisStore({ client: connect() }));
    console.log(`redisStore, two instances: ${JSON.stringify(figures)}`);
    expect(figures.keys).toBe(1000);
    expect(figures.duplicates).toBe(0);
    expect(figures.executions).toBe(1000);
    expect(figures.differingReplays).toBe(0);
    expect(figures.replays).toBe(figures.responses - 1000);
    expect(figures.crossInstanceReplays).toBeGreaterThan(0);
  }, 120_000);
});
