import type { Claim, IdempotencyRecord, IdempotencyStore, StoredResponse } from './store.js';

/** Options of {@link memoryStore}. */
export interface MemoryStoreOptions {
  /** The most keys kept; the oldest are dropped first. Default: `10_000`. */
  maxEntries?: number;
  /** The most body bytes kept over all responses; the oldest are dropped first. Default: 64 MiB. */
  maxBytes?: number;
  /** The clock, in ms (for tests). Default: `Date.now`. */
  now?: () => number;
}

interface Entry {
  fingerprint: string;
  token: string;
  response: StoredResponse | undefined;
  expires: number;
  bytes: number;
}

// A record's size beyond its body: the key, the fingerprint, the header fields.
const overhead = (key: string, entry: Entry): number =>
  key.length +
  entry.fingerprint.length +
  64 +
  (entry.response?.headers.reduce((sum, [name, value]) => sum + name.length + value.length, 0) ??
    0);

/**
 * An {@link IdempotencyStore} in one process's memory: for one instance, tests and development.
 * Bounded: past `maxEntries` keys or `maxBytes` bytes the oldest keys are dropped (a dropped
 * in-flight key lets a retry run again). Expired keys are dropped as new ones arrive.
 *
 * @param options - the bounds and the clock
 * @returns the store
 *
 * @example
 * ```ts
 * import { compose } from '@fielding/core';
 * import { idempotency, memoryStore } from '@fielding/idempotency';
 *
 * const handler = compose(idempotency({ store: memoryStore({ maxEntries: 1000 }) }))(
 *   () => Response.json({ id: 7 }, { status: 201 }),
 * );
 * ```
 */
export function memoryStore(options: MemoryStoreOptions = {}): IdempotencyStore {
  const maxEntries = Math.max(1, options.maxEntries ?? 10_000);
  const maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry>();
  let bytes = 0;
  let tokens = 0;

  const drop = (key: string, entry: Entry): void => {
    entries.delete(key);
    bytes -= entry.bytes;
  };
  const live = (key: string, time: number): Entry | undefined => {
    const entry = entries.get(key);
    if (entry === undefined || entry.expires > time) return entry;
    drop(key, entry);
    return undefined;
  };
  // Drops expired keys at the old end, then the oldest keys while over a bound.
  const trim = (time: number): void => {
    for (const [key, entry] of entries) {
      const over = entries.size > maxEntries || bytes > maxBytes;
      if (!over && entry.expires > time) break;
      drop(key, entry);
    }
  };
  const record = (entry: Entry): IdempotencyRecord =>
    entry.response === undefined
      ? { state: 'in-flight', fingerprint: entry.fingerprint }
      : { state: 'complete', fingerprint: entry.fingerprint, response: entry.response };

  return {
    claim({ key, fingerprint, lockTtl }): Promise<Claim> {
      const time = now();
      const held = live(key, time);
      if (held !== undefined) return Promise.resolve({ claimed: false, record: record(held) });
      const token = String((tokens += 1));
      const entry: Entry = {
        fingerprint,
        token,
        response: undefined,
        expires: time + lockTtl,
        bytes: 0,
      };
      entry.bytes = overhead(key, entry);
      entries.set(key, entry);
      bytes += entry.bytes;
      trim(time);
      return Promise.resolve({ claimed: true, token });
    },
    complete({ key, token, response, ttl }): Promise<boolean> {
      const time = now();
      const entry = live(key, time);
      if (entry === undefined || entry.token !== token) return Promise.resolve(false);
      const kept: StoredResponse = {
        status: response.status,
        headers: response.headers.map(([name, value]): [string, string] => [name, value]),
        body: response.body === null ? null : response.body.slice(),
      };
      entry.response = kept;
      entry.expires = time + ttl;
      bytes -= entry.bytes;
      entry.bytes = overhead(key, entry) + (kept.body?.byteLength ?? 0);
      bytes += entry.bytes;
      trim(time);
      return Promise.resolve(entries.get(key) === entry);
    },
    release({ key, token }): Promise<boolean> {
      const entry = live(key, now());
      if (entry === undefined || entry.token !== token || entry.response !== undefined) {
        return Promise.resolve(false);
      }
      drop(key, entry);
      return Promise.resolve(true);
    },
  };
}
