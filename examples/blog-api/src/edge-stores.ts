// Builds the edge's options from the environment (src/config.ts): which store keeps what.
//   rate-limit counters  → Redis when REDIS_URL is set (one INCRBY per request, shared by every
//                          instance), otherwise this process's memory;
//   Idempotency-Key keys → the example's database (PGlite, or PostgreSQL with DATABASE_URL:
//                          durable, beside the rows they describe), or Redis with
//                          IDEMPOTENCY_STORE=redis.
import { redisStore as idempotencyRedisStore } from '@fielding/idempotency';
import { memoryStore, redisStore as rateLimitRedisStore } from '@fielding/rate-limit';
import type { Redis } from 'ioredis';
import type { EdgeConfig } from './config.js';
import type { EdgeOptions } from './edge.js';

/** The edge options and the connections they hold. */
export interface EdgeResources {
  readonly options: EdgeOptions;
  close(): Promise<void>;
}

/** Opens what `config` asks for (a Redis connection at most). */
export async function openEdge(config: EdgeConfig): Promise<EdgeResources> {
  let redis: Redis | undefined;
  if (config.redisUrl) {
    const { Redis } = await import('ioredis');
    // A path is a Unix socket; anything else a redis:// URL.
    redis = config.redisUrl.startsWith('/')
      ? new Redis({ path: config.redisUrl, maxRetriesPerRequest: 1 })
      : new Redis(config.redisUrl, { maxRetriesPerRequest: 1 });
    // Errors reach the stores' callers (rate limit fails open); the client reconnects itself.
    redis.on('error', () => undefined);
  }
  const auth = config.authSecret
    ? { secret: config.authSecret }
    : config.authJwksUrl
      ? { jwksUrl: config.authJwksUrl }
      : undefined;
  const options: EdgeOptions = {
    auth: auth && {
      ...auth,
      ...(config.authIssuer ? { issuer: config.authIssuer } : {}),
      ...(config.authAudience ? { audience: config.authAudience } : {}),
    },
    rateLimit: {
      store: redis ? rateLimitRedisStore({ client: redis }) : memoryStore(),
      limit: config.rateLimit,
      window: config.rateLimitWindow,
      trustProxy: config.trustProxy,
    },
    idempotencyStore:
      redis && config.idempotencyStore === 'redis'
        ? idempotencyRedisStore({ client: redis })
        : undefined,
    corsOrigins: config.corsOrigins,
  };
  return {
    options,
    close: async () => {
      redis?.disconnect();
    },
  };
}
