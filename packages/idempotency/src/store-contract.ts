// One contract suite for every IdempotencyStore: plain async checks that throw on failure, so
// any test runner (vitest, node:test, mocha, bun test) can run them against any implementation.
import { contractCheck, contractSame, StoreContractError } from '@fielding/core';
import type { Claim, IdempotencyRecord, IdempotencyStore, StoredResponse } from './store.js';

/** One named check of {@link storeContract}. */
export interface StoreCheck {
  /** What the check asserts, e.g. `concurrent claims of one key: exactly one wins`. */
  name: string;
  /** Runs the check on a new store; rejects with an `Error` saying what failed. */
  run: () => Promise<void>;
}

/** Options of {@link storeContract}. */
export interface StoreContractOptions {
  /** How many claims race in the concurrency checks. Default: `16`. */
  concurrency?: number;
  /**
   * The short lifetime used by the expiry checks, in ms; they wait about twice as long. Raise it
   * for a store on a slow network. Default: `150`.
   */
  shortTtl?: number;
}

/** A function that returns a store (new, or emptied) for each check. */
export type IdempotencyStoreFactory = () => IdempotencyStore | Promise<IdempotencyStore>;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const HOUR = 3_600_000;

async function claimed(store: IdempotencyStore, key: string, fingerprint = 'f1'): Promise<string> {
  const claim = await store.claim({ key, fingerprint, lockTtl: HOUR });
  contractCheck(claim.claimed, `the first claim of ${JSON.stringify(key)} wins`);
  contractCheck(
    typeof claim.token === 'string' && claim.token !== '',
    'a claim has a non-empty token',
  );
  return claim.token;
}

async function held(
  store: IdempotencyStore,
  key: string,
  fingerprint = 'f1',
): Promise<IdempotencyRecord> {
  const claim: Claim = await store.claim({ key, fingerprint, lockTtl: HOUR });
  contractCheck(!claim.claimed, `a claim of the taken key ${JSON.stringify(key)} loses`);
  return claim.record;
}

const view = (response: StoredResponse): unknown => ({
  status: response.status,
  headers: response.headers,
  body: response.body === null ? null : Array.from(response.body),
});

const everyByte = (): Uint8Array => Uint8Array.from({ length: 512 }, (_, index) => index % 256);

const RESPONSE: StoredResponse = {
  status: 201,
  headers: [
    ['content-type', 'application/json; charset=utf-8'],
    ['location', '/orders/7'],
    ['set-cookie', 'a=1; Path=/'],
    ['set-cookie', 'b=2; Path=/'],
    ['x-latin1', 'caf\u00e9'],
  ],
  body: everyByte(),
};

/**
 * The contract every {@link IdempotencyStore} keeps, as named async checks that throw on failure:
 * claims, exact round trips of stored responses (header order, repeated fields, every byte
 * value, 1 MiB bodies, bodies not kept), tokens that guard completion and release, expiry of
 * claims and responses, and atomic claims under concurrency. It imports no test framework.
 *
 * @param factory - returns a store for each check (keys are random, so a shared table is fine)
 * @param options - how many claims race; the short ttl of the expiry checks
 * @returns the checks, each with a `name` and a `run()`
 *
 * @example
 * ```ts
 * import { describe, it } from 'vitest';
 * import { memoryStore, storeContract } from '@fielding/idempotency';
 *
 * describe('memoryStore', () => {
 *   it.each(storeContract(() => memoryStore()))('$name', ({ run }) => run());
 * });
 * ```
 */
export function storeContract(
  factory: IdempotencyStoreFactory,
  options: StoreContractOptions = {},
): StoreCheck[] {
  const racers = Math.max(2, options.concurrency ?? 16);
  const short = Math.max(20, options.shortTtl ?? 150);
  let serial = 0;
  // Random per suite, numbered per check: runs against a shared table never collide.
  const prefix = `contract-${crypto.randomUUID()}-`;
  const fresh = (): string => `${prefix}${(serial += 1)}`;

  const checks: [string, (store: IdempotencyStore) => Promise<void>][] = [
    [
      'the first claim of a key wins and returns a token',
      async (store) => {
        await claimed(store, fresh());
      },
    ],
    [
      'a claim of a claimed key returns the in-flight record with the first fingerprint',
      async (store) => {
        const key = fresh();
        await claimed(store, key, 'first');
        contractSame(
          await held(store, key, 'second'),
          { state: 'in-flight', fingerprint: 'first' },
          'record',
        );
      },
    ],
    [
      'complete keeps the response: status, header order, repeated fields and every byte',
      async (store) => {
        const key = fresh();
        const token = await claimed(store, key, 'fp');
        contractSame(
          await store.complete({ key, token, response: RESPONSE, ttl: HOUR }),
          true,
          'complete',
        );
        const record = await held(store, key, 'fp');
        contractCheck(record.state === 'complete', 'the record is complete');
        contractSame(record.fingerprint, 'fp', 'fingerprint');
        contractSame(view(record.response), view(RESPONSE), 'the stored response');
      },
    ],
    [
      'an empty body, and a body that was not kept (null), come back as they were',
      async (store) => {
        const empty = fresh();
        const notKept = fresh();
        const response = { status: 204, headers: [], body: new Uint8Array() };
        await store.complete({
          key: empty,
          token: await claimed(store, empty),
          response,
          ttl: HOUR,
        });
        const large = { status: 200, headers: [['etag', '"1"']] as [string, string][], body: null };
        await store.complete({
          key: notKept,
          token: await claimed(store, notKept),
          response: large,
          ttl: HOUR,
        });
        const first = await held(store, empty);
        const second = await held(store, notKept);
        contractCheck(first.state === 'complete' && second.state === 'complete', 'both complete');
        contractSame(view(first.response), view(response), 'the empty body');
        contractSame(view(second.response), view(large), 'the body not kept');
      },
    ],
    [
      'a 1 MiB body comes back byte for byte',
      async (store) => {
        const key = fresh();
        const body = Uint8Array.from({ length: 1 << 20 }, (_, index) => (index * 31 + 7) % 256);
        const response = { status: 200, headers: [], body };
        await store.complete({ key, token: await claimed(store, key), response, ttl: HOUR });
        const record = await held(store, key);
        contractCheck(
          record.state === 'complete' && record.response.body !== null,
          'complete with a body',
        );
        const got = record.response.body;
        contractSame(got.byteLength, body.byteLength, 'length');
        contractCheck(
          got.every((byte, index) => byte === body[index]),
          'every byte is the same',
        );
      },
    ],
    [
      'complete with another token is refused and changes nothing',
      async (store) => {
        const key = fresh();
        const token = await claimed(store, key);
        contractSame(
          await store.complete({ key, token: `${token}x`, response: RESPONSE, ttl: HOUR }),
          false,
          'complete',
        );
        contractSame(await held(store, key), { state: 'in-flight', fingerprint: 'f1' }, 'record');
      },
    ],
    [
      'complete of a key never claimed is refused and stores nothing',
      async (store) => {
        const key = fresh();
        contractSame(
          await store.complete({ key, token: 'nobody', response: RESPONSE, ttl: HOUR }),
          false,
          'complete',
        );
        await claimed(store, key);
      },
    ],
    [
      'release with the token frees the key; with another token it does not',
      async (store) => {
        const key = fresh();
        const token = await claimed(store, key);
        contractSame(
          await store.release({ key, token: `${token}x` }),
          false,
          'release with another token',
        );
        await held(store, key);
        contractSame(await store.release({ key, token }), true, 'release with the token');
        await claimed(store, key, 'f2');
      },
    ],
    [
      'a completed response cannot be released',
      async (store) => {
        const key = fresh();
        const token = await claimed(store, key);
        await store.complete({ key, token, response: RESPONSE, ttl: HOUR });
        contractSame(await store.release({ key, token }), false, 'release');
        contractSame((await held(store, key)).state, 'complete', 'state');
      },
    ],
    [
      'an unfinished claim lapses after its lock ttl',
      async (store) => {
        const key = fresh();
        const first = await store.claim({ key, fingerprint: 'f1', lockTtl: short });
        contractCheck(first.claimed, 'the first claim wins');
        await held(store, key);
        await sleep(short * 2 + 50);
        const second = await store.claim({ key, fingerprint: 'f2', lockTtl: HOUR });
        contractCheck(second.claimed, 'a claim after the lock ttl wins');
        contractSame(
          await held(store, key, 'f3'),
          { state: 'in-flight', fingerprint: 'f2' },
          'record',
        );
      },
    ],
    [
      'a completed response expires after its ttl',
      async (store) => {
        const key = fresh();
        const token = await claimed(store, key);
        await store.complete({ key, token, response: RESPONSE, ttl: short });
        contractSame((await held(store, key)).state, 'complete', 'within the ttl');
        await sleep(short * 2 + 50);
        await claimed(store, key, 'f2');
      },
    ],
    [
      'a lapsed owner can neither complete nor release once the key was claimed again',
      async (store) => {
        const key = fresh();
        const stale = await store.claim({ key, fingerprint: 'f1', lockTtl: short });
        contractCheck(stale.claimed, 'the first claim wins');
        await sleep(short * 2 + 50);
        const token = await claimed(store, key, 'f2');
        contractSame(
          await store.complete({ key, token: stale.token, response: RESPONSE, ttl: HOUR }),
          false,
          'stale complete',
        );
        contractSame(await store.release({ key, token: stale.token }), false, 'stale release');
        contractSame(await held(store, key), { state: 'in-flight', fingerprint: 'f2' }, 'record');
        contractSame(
          await store.complete({ key, token, response: RESPONSE, ttl: HOUR }),
          true,
          'owner complete',
        );
      },
    ],
    [
      'concurrent claims of one key: exactly one wins, the others see its claim',
      async (store) => {
        const key = fresh();
        const claims = await Promise.all(
          Array.from({ length: racers }, (_, index) =>
            store.claim({ key, fingerprint: `f${index}`, lockTtl: HOUR }),
          ),
        );
        const winners = claims.filter((claim) => claim.claimed);
        contractSame(winners.length, 1, 'winners');
        const winner = claims.findIndex((claim) => claim.claimed);
        for (const claim of claims) {
          if (!claim.claimed)
            contractSame(
              claim.record,
              { state: 'in-flight', fingerprint: `f${winner}` },
              'loser sees',
            );
        }
      },
    ],
    [
      'concurrent claims after a lapse: exactly one takes the key over',
      async (store) => {
        const key = fresh();
        await store.claim({ key, fingerprint: 'old', lockTtl: short });
        await sleep(short * 2 + 50);
        const claims = await Promise.all(
          Array.from({ length: racers }, () =>
            store.claim({ key, fingerprint: 'new', lockTtl: HOUR }),
          ),
        );
        contractSame(claims.filter((claim) => claim.claimed).length, 1, 'winners');
      },
    ],
    [
      'concurrent claims of distinct keys all win',
      async (store) => {
        const keys = Array.from({ length: racers }, () => fresh());
        const claims = await Promise.all(
          keys.map((key) => store.claim({ key, fingerprint: 'f', lockTtl: HOUR })),
        );
        contractSame(claims.filter((claim) => claim.claimed).length, racers, 'winners');
      },
    ],
    [
      'keys are opaque: quotes, backslashes, spaces, SQL and Lua syntax, non-ASCII, 255 characters',
      async (store) => {
        const base = fresh();
        const keys = [
          `${base}"quoted" \\ key`,
          `${base}'; DROP TABLE idempotency_keys; --`,
          `${base}]] .. redis.call('FLUSHALL') .. [[`,
          `${base}ключ 鍵 🔑`,
          `${base}${'k'.repeat(255)}`,
          `${base}`,
        ];
        for (const [index, key] of keys.entries()) await claimed(store, key, `f${index}`);
        for (const [index, key] of keys.entries()) {
          contractSame(
            await held(store, key),
            { state: 'in-flight', fingerprint: `f${index}` },
            key,
          );
        }
      },
    ],
  ];

  return checks.map(([name, body]) => ({
    name,
    run: async () => {
      try {
        await body(await factory());
      } catch (error) {
        if (error instanceof StoreContractError)
          throw new StoreContractError(`${name}: ${error.message}`);
        throw error;
      }
    },
  }));
}
