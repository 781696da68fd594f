import type { WindowCount } from './fixed-window.js';
import type { RateLimitStore } from './store.js';

/**
 * What {@link redisStore} needs of a Redis client: one generic command call. An `ioredis`
 * client is one; wrap others in one line (node-redis:
 * `{ call: (...args) => client.sendCommand(args.map(String)) }`).
 *
 * @example
 * ```ts
 * import type { RedisCommands } from '@fielding/rate-limit';
 *
 * declare const client: { sendCommand(args: string[]): Promise<unknown> }; // node-redis
 * const redis: RedisCommands = { call: (...args) => client.sendCommand(args.map(String)) };
 * ```
 */
export interface RedisCommands {
  /** Sends one command, e.g. `call('EVALSHA', sha, 1, key, 1, 60000)`. */
  call(command: string, ...args: (string | number)[]): Promise<unknown>;
}

/** Options of {@link redisStore}. */
export interface RedisStoreOptions {
  /** The client, e.g. `new Redis(process.env.REDIS_URL)` of `ioredis`. */
  readonly client: RedisCommands;
  /** Prefix of every Redis key. Default: `'ratelimit:'`. */
  readonly prefix?: string;
}

// INCRBY and PEXPIRE in one script, so no other client runs between them: a new key (or one
// somebody left without a TTL) gets the window's expiry in the same step that counts it.
const INCREMENT = `local count = redis.call('INCRBY', KEYS[1], ARGV[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  ttl = tonumber(ARGV[2])
end
return {count, ttl}`;

const isNoScript = (error: unknown): boolean =>
  error instanceof Error && error.message.startsWith('NOSCRIPT');

/**
 * A {@link RateLimitStore} in Redis, shared by every instance. An increment is one Lua script —
 * `INCRBY`, then `PEXPIRE` when the key has no expiry yet — run atomically by Redis, called by
 * its SHA (`EVALSHA`, loaded once, reloaded after a `SCRIPT FLUSH` or a restart). Windows are
 * timed by Redis; an ended window's key expires by itself.
 *
 * @param options - the client and the key prefix
 * @returns the store
 *
 * @example
 * ```ts
 * import { Redis } from 'ioredis';
 * import { rateLimit, redisStore } from '@fielding/rate-limit';
 *
 * const client = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
 * const middleware = rateLimit({ store: redisStore({ client }), limit: 100, window: 60, trustProxy: 'x-forwarded' });
 * ```
 */
export function redisStore(options: RedisStoreOptions): RateLimitStore {
  const { client } = options;
  const prefix = options.prefix ?? 'ratelimit:';
  let sha: Promise<string> | undefined;
  const load = (): Promise<string> => {
    sha ??= client.call('SCRIPT', 'LOAD', INCREMENT).then(String, (error: unknown) => {
      sha = undefined;
      throw error;
    });
    return sha;
  };
  return {
    async increment({ key, cost, windowMs }): Promise<WindowCount> {
      const name = prefix + key;
      let reply: unknown;
      try {
        reply = await client.call('EVALSHA', await load(), 1, name, cost, windowMs);
      } catch (error) {
        if (!isNoScript(error)) throw error;
        sha = undefined;
        reply = await client.call('EVAL', INCREMENT, 1, name, cost, windowMs);
      }
      if (!Array.isArray(reply) || reply.length !== 2) {
        throw new Error(`redisStore: unexpected reply ${JSON.stringify(reply)} for ${name}`);
      }
      return { count: Number(reply[0]), resetMs: Math.max(0, Number(reply[1])) };
    },
    async reset(key): Promise<void> {
      await client.call('DEL', prefix + key);
    },
  };
}
