// postgresStore against a real PostgreSQL 15 (a throwaway cluster): the store contract, the
// migration, pruning, and two HTTP instances sharing the table, one of which dies.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobsTableSql, postgresStore, storeContract, type JobOutcome } from '../src/index.js';
import { poll, sleep, startInstance } from './support/instance.js';
import type pg from 'pg';
import { SKIP_SERVICES, startPostgres, type Service } from '../../../test-utils/services.js';

describe.skipIf(SKIP_SERVICES)('postgresStore on PostgreSQL 15', () => {
  let service: Service<pg.Pool> | undefined;
  const db = (): Service<pg.Pool> => {
    if (service === undefined) throw new Error('PostgreSQL did not start');
    return service;
  };

  beforeAll(async () => {
    service = await startPostgres();
    await service.client.query(jobsTableSql());
  });
  afterAll(async () => {
    await service?.stop();
  });

  describe('keeps the store contract', () => {
    it.each(storeContract(() => postgresStore({ pool: db().client })))('$name', ({ run }) => run());
  });

  it('the migration can run again, and takes a schema-qualified table', async () => {
    await db().client.query(jobsTableSql());
    await db().client.query('CREATE SCHEMA IF NOT EXISTS api');
    await db().client.query(jobsTableSql({ table: 'api.jobs' }));
    const store = postgresStore({ pool: db().client, table: 'api.jobs' });
    await store.create('j1');
    const rows = await db().client.query('SELECT id, state FROM api.jobs');
    expect(rows.rows).toEqual([{ id: 'j1', state: 'running' }]);
  });

  it.each([['jobs; DROP TABLE x'], ['"quoted"'], ['a.b.c'], ['1table'], ['']])(
    'refuses the table name %j',
    (table) => {
      expect(() => jobsTableSql({ table })).toThrow(TypeError);
      expect(() => postgresStore({ pool: db().client, table })).toThrow(TypeError);
    },
  );

  it('prune deletes forgotten jobs and drops expired outcomes, nothing else', async () => {
    await db().client.query(jobsTableSql({ table: 'prune_test' }));
    const store = postgresStore({ pool: db().client, table: 'prune_test' });
    const outcome: JobOutcome = {
      state: 'succeeded',
      result: { status: 200, headers: [], body: new Uint8Array([1]) },
      location: null,
    };
    for (const id of ['forgotten', 'expired', 'kept', 'running']) await store.create(id);
    await store.finish('forgotten', outcome, { keepFor: 1, tombstoneFor: 1 });
    await store.finish('expired', outcome, { keepFor: 1, tombstoneFor: 60_000 });
    await store.finish('kept', outcome, { keepFor: 60_000, tombstoneFor: 60_000 });
    await sleep(20);
    expect(await store.prune()).toBe(1);
    const rows = await db().client.query('SELECT id, body FROM prune_test ORDER BY id');
    expect(rows.rows).toEqual([
      { id: 'expired', body: null },
      { id: 'kept', body: Buffer.from([1]) },
      { id: 'running', body: null },
    ]);
    expect(await store.read('expired')).toEqual({ state: 'expired' });
  });

  it('two instances share the table: B serves A’s job, and reports it failed once A died', async () => {
    const options = { heartbeatInterval: 100, staleAfter: 500 };
    const a = await startInstance({ store: postgresStore({ pool: db().connect() }), ...options });
    const b = await startInstance({ store: postgresStore({ pool: db().connect() }), ...options });
    try {
      // A job that finishes on A is followed to its result on B.
      const done = await fetch(`${a.url}/exports?instant`, { method: 'POST' });
      const donePath = new URL(done.headers.get('Location') ?? '').pathname;
      const redirect = await poll(`${b.url}${donePath}`, (r) => r.status === 303);
      expect(redirect.headers.get('Location')).toBe(`${b.url}${donePath}/result`);
      expect(await (await fetch(`${b.url}${donePath}/result`)).text()).toBe('id,title\n7,Hello\n');

      // A job still running on A is running on B's monitor, past staleAfter, while A heartbeats.
      const started = await fetch(`${a.url}/exports`, { method: 'POST' });
      const path = new URL(started.headers.get('Location') ?? '').pathname;
      await sleep(800);
      const alive = (await (await fetch(`${b.url}${path}`)).json()) as {
        state: string;
        progress: number;
      };
      expect(alive).toMatchObject({ state: 'running', progress: 0.5 });

      // A dies (its heartbeats stop); B reports the job failed after staleAfter.
      const died = Date.now();
      await a.close();
      const dead = await poll(`${b.url}${path}`, (r) => r.headers.get('Retry-After') === null);
      const body = (await dead.json()) as {
        state: string;
        problem: { status: number; detail: string };
      };
      expect(body.state).toBe('failed');
      expect(body.problem).toMatchObject({ status: 500, title: 'Internal Server Error' });
      expect(body.problem.detail).toMatch(/no heartbeat/);
      expect(Date.now() - died).toBeLessThan(3000);
    } finally {
      await a.close().catch(() => undefined);
      await b.close();
    }
  }, 30_000);
});
