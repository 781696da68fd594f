// One contract suite for every JobStore: plain async checks that throw on failure, so any test
// runner can run them against any implementation.
import { contractCheck, contractSame } from '@fielding/core';
import type { JobOutcome, JobSnapshot, JobStore, Retention, StoredResult } from './store.js';

/**
 * One named check of {@link storeContract}.
 *
 * @example
 * ```ts
 * import { memoryStore, storeContract, type StoreCheck } from '@fielding/jobs';
 *
 * const checks: StoreCheck[] = storeContract(() => memoryStore());
 * for (const { run } of checks) await run();
 * ```
 */
export interface StoreCheck {
  /** What the check asserts. */
  name: string;
  /** Runs the check on a store; rejects with an `Error` saying what failed. */
  run: () => Promise<void>;
}

/**
 * Options of {@link storeContract}.
 *
 * @example
 * ```ts
 * import { memoryStore, storeContract, type StoreContractOptions } from '@fielding/jobs';
 *
 * const options: StoreContractOptions = { shortTime: 500 }; // a store on a slow network
 * const checks = storeContract(() => memoryStore(), options);
 * ```
 */
export interface StoreContractOptions {
  /** How many writers race in the concurrency check. Default: `16`. */
  concurrency?: number;
  /** The short time of the expiry and staleness checks, in ms; they wait about twice as long. Default: `150`. */
  shortTime?: number;
}

/**
 * A function that returns a store (new, or shared: ids are random) for each check.
 *
 * @example
 * ```ts
 * import { memoryStore, type JobStoreFactory } from '@fielding/jobs';
 *
 * const factory: JobStoreFactory = () => memoryStore();
 * ```
 */
export type JobStoreFactory = () => JobStore | Promise<JobStore>;

// Canonical JSON: bytes as arrays, object keys sorted (a jsonb column reorders them).
const view = (value: unknown): string =>
  JSON.stringify(value, (_key, item: unknown) => {
    if (item instanceof Uint8Array) return Array.from(item);
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return item;
    const entries = Object.entries(item).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries);
  });

const same = (actual: unknown, expected: unknown, message: string): void =>
  contractSame(actual, expected, message, view);

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const LONG: Retention = { keepFor: 3_600_000, tombstoneFor: 3_600_000 };

const RESULT: StoredResult = {
  status: 200,
  headers: [
    ['content-type', 'text/csv; charset=utf-8'],
    ['x-latin1', 'caf\u00e9'],
    ['link', '</blogs/7>; rel="up"'],
  ],
  body: Uint8Array.from({ length: 512 }, (_, index) => index % 256),
};
const SUCCEEDED: JobOutcome & { state: 'succeeded' } = {
  state: 'succeeded',
  result: RESULT,
  location: null,
};
const FAILED: JobOutcome & { state: 'failed' } = {
  state: 'failed',
  problem: {
    type: 'https://api.test/problems/export',
    title: 'Export failed',
    status: 422,
    detail: 'x',
  },
};

/**
 * The contract every {@link JobStore} keeps, as named async checks that throw on failure:
 * running jobs and their heartbeats and progress, exact round trips of outcomes (every byte
 * value), writes only while running, staleness by the store's clock, expiry into a tombstone
 * and then oblivion, and one winner among racing writers. It imports no test framework.
 *
 * @param factory - returns a store for each check (ids are random, so a shared table is fine)
 * @param options - how many writers race; the short time of the expiry checks
 * @returns the checks, each with a `name` and a `run()`
 *
 * @example
 * ```ts
 * import { describe, it } from 'vitest';
 * import { memoryStore, storeContract } from '@fielding/jobs';
 *
 * describe('memoryStore', () => {
 *   it.each(storeContract(() => memoryStore()))('$name', ({ run }) => run());
 * });
 * ```
 */
export function storeContract(
  factory: JobStoreFactory,
  options: StoreContractOptions = {},
): StoreCheck[] {
  const racers = Math.max(2, options.concurrency ?? 16);
  const short = Math.max(20, options.shortTime ?? 150);
  const prefix = `contract-${crypto.randomUUID()}-`;
  let serial = 0;
  const fresh = (): string => `${prefix}${(serial += 1)}`;
  const started = async (store: JobStore): Promise<string> => {
    const id = fresh();
    await store.create(id);
    return id;
  };
  const read = async (store: JobStore, id: string): Promise<JobSnapshot> => {
    const snapshot = await store.read(id);
    contractCheck(snapshot !== undefined, `job ${id} is known`);
    return snapshot;
  };

  const checks: [string, (store: JobStore) => Promise<void>][] = [
    [
      'an unknown id reads as undefined',
      async (store) => same(await store.read(fresh()), undefined, 'unknown id'),
    ],
    [
      'a new job is running, without progress, with a fresh heartbeat',
      async (store) => {
        const snapshot = await read(store, await started(store));
        contractCheck(snapshot.state === 'running', `a new job is running, not ${snapshot.state}`);
        same(snapshot.progress, null, 'progress of a new job');
        contractCheck(snapshot.heartbeatAge < 1000, `heartbeat age ${snapshot.heartbeatAge} ms`);
      },
    ],
    [
      'a heartbeat keeps the job running and records progress; without progress it keeps the last',
      async (store) => {
        const id = await started(store);
        same(await store.heartbeat(id, 0.25), true, 'heartbeat of a running job');
        same((await read(store, id)).state, 'running', 'state');
        same(await store.heartbeat(id), true, 'heartbeat without progress');
        const snapshot = await read(store, id);
        contractCheck(snapshot.state === 'running', `state ${snapshot.state}`);
        same(snapshot.progress, 0.25, 'progress kept');
      },
    ],
    [
      'the heartbeat age grows by the store clock and a heartbeat resets it',
      async (store) => {
        const id = await started(store);
        await sleep(short);
        const before = await read(store, id);
        contractCheck(
          before.state === 'running' && before.heartbeatAge >= short * 0.8,
          `age ${view(before)}`,
        );
        await store.heartbeat(id);
        const after = await read(store, id);
        contractCheck(
          after.state === 'running' && after.heartbeatAge < short * 0.8,
          `age ${view(after)}`,
        );
      },
    ],
    [
      'a heartbeat of an unknown job answers false',
      async (store) => same(await store.heartbeat(fresh(), 0.5), false, 'heartbeat'),
    ],
    [
      'a stored result round-trips exactly (status, header order, every byte value)',
      async (store) => {
        const id = await started(store);
        await store.heartbeat(id, 1);
        same(await store.finish(id, SUCCEEDED, LONG), true, 'finish');
        same(await store.read(id), { progress: 1, ...SUCCEEDED }, 'snapshot');
      },
    ],
    [
      'a result elsewhere and a result without a body round-trip',
      async (store) => {
        const elsewhere: JobOutcome = {
          state: 'succeeded',
          result: null,
          location: 'https://cdn.test/e.csv',
        };
        const a = await started(store);
        await store.finish(a, elsewhere, LONG);
        same(await store.read(a), { progress: null, ...elsewhere }, 'location');
        const empty: JobOutcome = {
          state: 'succeeded',
          result: { status: 204, headers: [], body: null },
          location: null,
        };
        const b = await started(store);
        await store.finish(b, empty, LONG);
        same(await store.read(b), { progress: null, ...empty }, 'no body');
      },
    ],
    [
      'a failure round-trips its problem document',
      async (store) => {
        const id = await started(store);
        same(await store.finish(id, FAILED, LONG), true, 'finish');
        same(await store.read(id), { progress: null, ...FAILED }, 'snapshot');
      },
    ],
    [
      'a finished job takes no more writes: finish, heartbeat and abandon answer false',
      async (store) => {
        const id = await started(store);
        await store.finish(id, SUCCEEDED, LONG);
        same(await store.finish(id, FAILED, LONG), false, 'second finish');
        same(await store.heartbeat(id, 0.5), false, 'heartbeat after finish');
        same(await store.abandon(id, 0, FAILED, LONG), false, 'abandon after finish');
        same(await store.read(id), { progress: null, ...SUCCEEDED }, 'the first outcome stays');
      },
    ],
    [
      'abandon fails a job only once its heartbeat is stale, and then it stays failed',
      async (store) => {
        const id = await started(store);
        same(await store.abandon(id, 60_000, FAILED, LONG), false, 'abandon of a live job');
        same((await read(store, id)).state, 'running', 'still running');
        await sleep(short);
        same(await store.abandon(id, short / 2, FAILED, LONG), true, 'abandon of a stale job');
        same(await store.read(id), { progress: null, ...FAILED }, 'failed');
        same(await store.heartbeat(id), false, 'a late heartbeat');
        same(await store.finish(id, SUCCEEDED, LONG), false, 'a late finish');
        same((await read(store, id)).state, 'failed', 'stays failed');
      },
    ],
    [
      'an outcome past keepFor reads as expired (a tombstone), then as unknown past tombstoneFor',
      async (store) => {
        const kept = await started(store);
        await store.finish(kept, SUCCEEDED, { keepFor: short, tombstoneFor: 3_600_000 });
        const forgotten = await started(store);
        await store.finish(forgotten, FAILED, { keepFor: short / 2, tombstoneFor: short / 2 });
        same((await read(store, kept)).state, 'succeeded', 'before keepFor');
        await sleep(short * 2);
        same(await store.read(kept), { state: 'expired' }, 'after keepFor');
        same(await store.read(forgotten), undefined, 'after tombstoneFor');
      },
    ],
    [
      `of ${racers} racing finish and abandon writes exactly one wins`,
      async (store) => {
        const id = await started(store);
        await sleep(short);
        const writes = Array.from({ length: racers }, (_, index) =>
          index % 2 === 0
            ? store.finish(id, { ...SUCCEEDED, location: `w${index}` }, LONG)
            : store.abandon(id, short / 2, FAILED, LONG),
        );
        const won = (await Promise.all(writes)).filter(Boolean).length;
        same(won, 1, 'winners');
        const snapshot = await read(store, id);
        contractCheck(snapshot.state === 'succeeded' || snapshot.state === 'failed', 'ended');
      },
    ],
  ];

  return checks.map(([name, body]) => ({
    name,
    run: async () => body(await factory()),
  }));
}
