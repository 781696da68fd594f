// postgresStore against a real PostgreSQL 15 (a throwaway cluster): the store contract, the
// migration, pruning, and two HTTP instances sharing the table under concurrent load.
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresStore, rateLimitStoreContract, rateLimitTableSql } from '../src/index.node.js';
import { SKIP_SERVICES, startPostgres, type Service } from '../../../test-utils/services.js';
import { overshoot } from './support/two-instances.js';

describe.skipIf(SKIP_SERVICES)('postgresStore on PostgreSQL 15', () => {
  let service: Service<pg.Pool> | undefined;
  const pool = (): pg.Pool => {
    if (service === undefined) throw new Error('PostgreSQL did not start');
    return service.client;
  };

  beforeAll(async () => {
    service = await startPostgres();
    await service.client.query(rateLimitTableSql());
  });
  afterAll(async () => {
    await service?.stop();
  });

  describe('keeps the store contract', () => {
    it.each(rateLimitStoreContract(() => postgresStore({ pool: pool() })))('$name', ({ run }) =>
      run(),
    );
  });

  it('the migration can run again, takes a schema-qualified table, and is UNLOGGED unless asked', async () => {
    await pool().query(rateLimitTableSql());
    await pool().query('CREATE SCHEMA IF NOT EXISTS api');
    await pool().query(rateLimitTableSql({ table: 'api.limits', unlogged: false }));
    const store = postgresStore({ pool: pool(), table: 'api.limits' });
    expect(await store.increment({ key: 'k', cost: 2, windowMs: 1000 })).toMatchObject({
      count: 2,
    });
    const { rows } = await pool().query(
      `SELECT c.relname, c.relpersistence FROM pg_class c
       WHERE c.relname IN ('rate_limits', 'limits') ORDER BY c.relname`,
    );
    expect(rows).toEqual([
      { relname: 'limits', relpersistence: 'p' },
      { relname: 'rate_limits', relpersistence: 'u' },
    ]);
  });

  it.each([['limits; DROP TABLE x'], ['"quoted"'], ['a.b.c'], ['1table'], ['']])(
    'refuses the table name %j',
    (table) => {
      expect(() => rateLimitTableSql({ table })).toThrow(TypeError);
      expect(() => postgresStore({ pool: pool(), table })).toThrow(TypeError);
    },
  );

  it('prune deletes ended windows only', async () => {
    await pool().query(rateLimitTableSql({ table: 'prune_test' }));
    const store = postgresStore({ pool: pool(), table: 'prune_test' });
    await store.increment({ key: 'short', cost: 1, windowMs: 1 });
    await store.increment({ key: 'long', cost: 1, windowMs: 60_000 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await store.prune()).toBe(1);
    const { rows } = await pool().query('SELECT key FROM prune_test');
    expect(rows).toEqual([{ key: 'long' }]);
  });

  it('two instances sharing the table let exactly the limit through under concurrent load', async () => {
    const figures = await overshoot(() => postgresStore({ pool: service?.connect() ?? pool() }), {
      limit: 100,
      requests: 400,
      concurrency: 32,
    });
    console.log('postgresStore, two instances:', JSON.stringify(figures));
    expect(figures.other).toBe(0);
    expect(figures.overshoot).toBe(0);
    expect(figures.allowedA).toBeGreaterThan(0);
    expect(figures.allowedB).toBeGreaterThan(0);
    expect(figures.refused).toBe(300);
    expect(figures.repeatedRemaining).toBe(0);
  });
});
