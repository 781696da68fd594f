// Two instances of the example (each in its own child process, started as `pnpm start` starts it)
// on one real PostgreSQL and one real Redis, for each of the four servers: a POST retried on the
// other instance is replayed from the shared idempotency table (same status, header fields and
// bytes; one row), and the rate limit counts the requests of both instances in Redis.
import { formatIdempotencyKey } from '@fielding/idempotency';
import type { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, type Service } from '../../../test-utils/services.js';
import { FRAMEWORKS } from '../src/config.js';
import { startCluster, type PostgresCluster } from './support/postgres-cluster.js';
import { startServerProcess, type ServerProcess } from './support/server-process.js';

const LIMIT = 6;
/** The header fields a replay must repeat exactly. */
const REPLAYED = ['location', 'etag', 'content-type', 'content-length', 'cache-control'];

let cluster: PostgresCluster;
let redis: Service<Redis>;
let database: pg.Pool;

beforeAll(async () => {
  [cluster, redis] = await Promise.all([startCluster(), startRedis()]);
  database = new pg.Pool({ connectionString: cluster.url, max: 2 });
}, 60_000);
afterAll(async () => {
  await database?.end();
  await redis?.stop();
  cluster?.destroy();
});

describe.each(FRAMEWORKS)('two %s instances sharing PostgreSQL and Redis', (framework) => {
  let instances: ServerProcess[] = [];

  beforeAll(async () => {
    const env = {
      DATABASE_URL: cluster.url,
      REDIS_URL: String(redis.client.options.path),
      RATE_LIMIT: String(LIMIT),
      TRUST_PROXY: 'x-forwarded',
    };
    instances = await Promise.all([
      startServerProcess(framework, env),
      startServerProcess(framework, env),
    ]);
  }, 120_000);
  afterAll(() => Promise.all(instances.map((instance) => instance.stop())));

  it('replays a POST retried on the other instance, and creates one row', async () => {
    const title = `Retried on ${framework}`;
    const key = formatIdempotencyKey(crypto.randomUUID());
    const send = (instance: ServerProcess) =>
      fetch(`${instance.url}/api/v1/blogs`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'Idempotency-Key': key,
          'X-Forwarded-For': `203.0.113.${FRAMEWORKS.indexOf(framework) + 1}`,
        },
        body: JSON.stringify({ title, description: 'once' }),
      });
    const first = await send(instances[0]!);
    const firstBody = await first.text();
    const retry = await send(instances[1]!);
    expect(first.status).toBe(201);
    expect(retry.status).toBe(first.status);
    for (const field of REPLAYED) {
      expect(retry.headers.get(field), field).toBe(first.headers.get(field));
    }
    expect(await retry.text()).toBe(firstBody);
    const { rows } = await database.query<{ count: string }>(
      'SELECT count(*) FROM blogs WHERE title = $1',
      [title],
    );
    expect(Number(rows[0]?.count)).toBe(1);
  });

  it(`counts requests on both instances against one limit of ${LIMIT}`, async () => {
    const client = `192.0.2.${FRAMEWORKS.indexOf(framework) + 1}`;
    const remaining: number[] = [];
    for (let index = 0; index < LIMIT; index += 1) {
      const response = await fetch(`${instances[index % 2]!.url}/api/v1`, {
        headers: { 'X-Forwarded-For': client },
      });
      await response.arrayBuffer();
      expect(response.status).toBe(200);
      remaining.push(Number(/r=(\d+)/.exec(response.headers.get('ratelimit') ?? '')?.[1]));
    }
    // One counter: each instance saw the other's requests.
    expect(remaining).toEqual([...Array(LIMIT).keys()].map((index) => LIMIT - 1 - index));
    for (const instance of instances) {
      const refused = await fetch(`${instance.url}/api/v1`, {
        headers: { 'X-Forwarded-For': client },
      });
      expect(refused.status).toBe(429);
      expect(refused.headers.get('content-type')).toBe('application/problem+json');
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      await refused.arrayBuffer();
    }
  });
});
