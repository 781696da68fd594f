import { fromBase64, toBase64 } from './_base64.js';
import type { Claim, IdempotencyRecord, IdempotencyStore } from './store.js';

/**
 * What {@link redisStore} needs of a Redis client: one generic command call whose string
 * replies come back as strings. An `ioredis` client is one; wrap others in one line (node-redis:
 * `{ call: (...args) => client.sendCommand(args.map(String)) }`).
 *
 * @example
 * ```ts
 * import type { RedisCommands } from '@fielding/idempotency';
 *
 * declare const client: { sendCommand(args: string[]): Promise<unknown> }; // node-redis
 * const redis: RedisCommands = { call: (...args) => client.sendCommand(args.map(String)) };
 * ```
 */
export interface RedisCommands {
  /** Sends one command, e.g. `call('SET', key, value, 'PX', 1000, 'NX')`. */
  call(command: string, ...args: (string | number)[]): Promise<unknown>;
}

/** Options of {@link redisStore}. */
export interface RedisStoreOptions {
  /** The client, e.g. `new Redis(process.env.REDIS_URL)` of `ioredis`. */
  client: RedisCommands;
  /** Prefix of every Redis key. Default: `'idempotency:'`. */
  prefix?: string;
}

// The value under a key is JSON: a claim is {s:'i',t,f}; a completed request is {s:'c',f,st,h,b}
// with the body in base64 (null when not kept). A claim's token is its exact value, so
// completion and release are compare-and-set on the whole value, in one Lua script each.
interface Claimed {
  s: 'i';
  t: string;
  f: string;
}
interface Completed {
  s: 'c';
  f: string;
  st: number;
  h: [string, string][];
  b: string | null;
}

const COMPLETE = `if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
  return 1
end
return 0`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('DEL', KEYS[1])
  return 1
end
return 0`;

/** The claim a token stands for; `undefined` for a string no claim of this store returned. */
function claimOf(token: string): Claimed | undefined {
  try {
    const claim = JSON.parse(token) as Partial<Claimed> | null;
    return claim?.s === 'i' && typeof claim.f === 'string' ? (claim as Claimed) : undefined;
  } catch {
    return undefined;
  }
}

function recordOf(value: string): IdempotencyRecord {
  const stored = JSON.parse(value) as Claimed | Completed;
  if (stored.s === 'i') return { state: 'in-flight', fingerprint: stored.f };
  return {
    state: 'complete',
    fingerprint: stored.f,
    response: {
      status: stored.st,
      headers: stored.h,
      body: stored.b === null ? null : fromBase64(stored.b),
    },
  };
}

/**
 * An {@link IdempotencyStore} in Redis, shared by every instance. A claim is `SET key value NX
 * PX lockTtl` (atomic: of concurrent claims exactly one wins; a lapsed claim has expired away);
 * completion and release are Lua scripts that change the key only while it still holds this
 * claim. A completed response is kept with `PX ttl`.
 *
 * @param options - the client and the key prefix
 * @returns the store
 *
 * @example
 * ```ts
 * import { Redis } from 'ioredis';
 * import { idempotency, redisStore } from '@fielding/idempotency';
 *
 * const client = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
 * const middleware = idempotency({ store: redisStore({ client }) });
 * ```
 */
export function redisStore(options: RedisStoreOptions): IdempotencyStore {
  const { client } = options;
  const prefix = options.prefix ?? 'idempotency:';
  return {
    async claim({ key, fingerprint, lockTtl }): Promise<Claim> {
      const name = prefix + key;
      const claim: Claimed = { s: 'i', t: crypto.randomUUID(), f: fingerprint };
      const token = JSON.stringify(claim);
      const ttl = Math.max(1, Math.ceil(lockTtl));
      // A held key can expire between SET NX and GET: then claim again.
      for (let attempt = 0; attempt < 5; attempt += 1) {
        if ((await client.call('SET', name, token, 'PX', ttl, 'NX')) !== null) {
          return { claimed: true, token };
        }
        const held = await client.call('GET', name);
        if (typeof held === 'string') return { claimed: false, record: recordOf(held) };
      }
      throw new Error(`redisStore: key ${JSON.stringify(key)} kept changing while claimed`);
    },
    async complete({ key, token, response, ttl }): Promise<boolean> {
      const claim = claimOf(token);
      if (claim === undefined) return false;
      const completed: Completed = {
        s: 'c',
        f: claim.f,
        st: response.status,
        h: response.headers,
        b: response.body === null ? null : toBase64(response.body),
      };
      const ms = Math.max(1, Math.ceil(ttl));
      const done = await client.call(
        'EVAL',
        COMPLETE,
        1,
        prefix + key,
        token,
        JSON.stringify(completed),
        ms,
      );
      return Number(done) === 1;
    },
    async release({ key, token }): Promise<boolean> {
      return Number(await client.call('EVAL', RELEASE, 1, prefix + key, token)) === 1;
    },
  };
}
