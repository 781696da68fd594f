// postgresStore against a real PostgreSQL 15 (a throwaway cluster from test-utils): the store
// contract, the migration, and the table-name check.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { storeContract } from '@fielding/resource';
import { postgresStore, resourceTableSql, resourceTracesSql } from '../src/index.js';
import { SKIP_SERVICES, startPostgres, type Service } from '../../../test-utils/services.js';

describe.skipIf(SKIP_SERVICES)('postgresStore on PostgreSQL 15', () => {
  let service: Service<pg.Pool> | undefined;
  const db = (): Service<pg.Pool> => {
    if (service === undefined) throw new Error('PostgreSQL did not start');
    return service;
  };
  let tables = 0;

  beforeAll(async () => {
    service = await startPostgres();
  });
  afterAll(async () => {
    await service?.stop();
  });

  describe('keeps the store contract', () => {
    const freshStore = async () => {
      const table = `contract_${++tables}`;
      await db().client.query(resourceTableSql({ table }));
      return postgresStore({ client: db().client, table });
    };
    it.each(storeContract(freshStore, { concurrency: 16 }))('$name', ({ run }) => run());
  });

  describe('with moves, tombstones and replaceAll on a pg.Pool, keeps the store contract', () => {
    const movingStore = async () => {
      const table = `moving_${++tables}`;
      await db().client.query(resourceTableSql({ table }));
      await db().client.query(resourceTracesSql({ table }));
      const store = postgresStore({ client: db().client, table, moves: true, tombstones: true });
      if (store.move === undefined || store.replaceAll === undefined) {
        throw new Error('a pg.Pool store offers move and replaceAll');
      }
      return store;
    };
    it.each(storeContract(movingStore, { concurrency: 16 }))('$name', ({ run }) => run());
  });

  it('the migration can run again, and takes a schema-qualified table', async () => {
    await db().client.query(resourceTableSql({ table: 'again' }));
    await db().client.query(resourceTableSql({ table: 'again' }));
    await db().client.query('CREATE SCHEMA IF NOT EXISTS api');
    await db().client.query(resourceTableSql({ table: 'api.tasks' }));
    const store = postgresStore<{ title: string }>({ client: db().client, table: 'api.tasks' });
    await store.create({ id: 't1', value: { title: 'in a schema' } });
    const { rows } = await db().client.query('SELECT scope, id, version, value FROM api.tasks');
    expect(rows).toEqual([{ scope: '', id: 't1', version: 1, value: { title: 'in a schema' } }]);
  });

  it.each([['tasks; DROP TABLE x'], ['"quoted"'], ['a.b.c'], ['1table'], [''], ['ta sks']])(
    'refuses the table name %j with a TypeError',
    (table) => {
      expect(() => resourceTableSql({ table })).toThrow(TypeError);
      expect(() => postgresStore({ client: db().client, table })).toThrow(TypeError);
    },
  );
});
