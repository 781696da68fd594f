// postgresStore against a real PostgreSQL 15 (a throwaway cluster): the store contract, the
// migration, and two HTTP instances sharing the table.
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idempotencyTableSql, postgresStore, storeContract } from '../src/index.node.js';
import { SKIP_SERVICES, startPostgres, type Service } from '../../../test-utils/services.js';
import { retriedPosts } from './support/two-instances.js';

describe.skipIf(SKIP_SERVICES)('postgresStore on PostgreSQL 15', () => {
  let service: Service<pg.Pool> | undefined;
  const pool = (): pg.Pool => {
    if (service === undefined) throw new Error('PostgreSQL did not start');
    return service.client;
  };

  beforeAll(async () => {
    service = await startPostgres();
    await service.client.query(idempotencyTableSql());
  });
  afterAll(async () => {
    await service?.stop();
  });

  describe('keeps the store contract', () => {
    it.each(storeContract(() => postgresStore({ pool: pool() })))('$name', ({ run }) => run());
  });

  it('the migration can run again, and takes a schema-qualified table', async () => {
    await pool().query(idempotencyTableSql());
    await pool().query('CREATE SCHEMA IF NOT EXISTS api');
    await pool().query(idempotencyTableSql({ table: 'api.idempotency' }));
    const store = postgresStore({ pool: pool(), table: 'api.idempotency' });
    const claim = await store.claim({ key: 'k', fingerprint: 'f', lockTtl: 1000 });
    expect(claim.claimed).toBe(true);
    const rows = await pool().query('SELECT key, state FROM api.idempotency');
    expect(rows.rows).toEqual([{ key: 'k', state: 'in-flight' }]);
  });

  it.each([['keys; DROP TABLE x'], ['"quoted"'], ['a.b.c'], ['1table'], ['']])(
    'refuses the table name %j',
    (table) => {
      expect(() => idempotencyTableSql({ table })).toThrow(TypeError);
      expect(() => postgresStore({ pool: pool(), table })).toThrow(TypeError);
    },
  );

  it('prune deletes expired rows only', async () => {
    await pool().query(idempotencyTableSql({ table: 'prune_test' }));
    const store = postgresStore({ pool: pool(), table: 'prune_test' });
    await store.claim({ key: 'short', fingerprint: 'f', lockTtl: 1 });
    await store.claim({ key: 'long', fingerprint: 'f', lockTtl: 60_000 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await store.prune()).toBe(1);
    const rows = await pool().query('SELECT key FROM prune_test');
    expect(rows.rows).toEqual([{ key: 'long' }]);
  });

  it('two instances sharing the table: 1,000 retried POSTs, no duplicate, every replay exact', async () => {
    const connect = (): pg.Pool => {
      if (service === undefined) throw new Error('PostgreSQL did not start');
      return service.connect();
    };
    const figures = await retriedPosts(() => postgresStore({ pool: connect() }));
    console.log(`postgresStore, two instances: ${JSON.stringify(figures)}`);
    expect(figures.keys).toBe(1000);
    expect(figures.duplicates).toBe(0);
    expect(figures.executions).toBe(1000);
    expect(figures.differingReplays).toBe(0);
    expect(figures.replays).toBe(figures.responses - 1000);
    expect(figures.crossInstanceReplays).toBeGreaterThan(0);
  }, 120_000);
});
