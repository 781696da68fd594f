// postgresStore on PGlite (PostgreSQL compiled to WebAssembly, in process): the store contract,
// the DDL helper and the table-name check.
import type { PGlite } from '@electric-sql/pglite';
import { beforeAll, describe, expect, it } from 'vitest';
import { storeContract } from '@fielding/resource';
import { postgresStore, resourceTableSql, resourceTracesSql } from '../src/index.js';
import { startPglite } from './support/pglite.js';

let db: PGlite;
let tables = 0;

beforeAll(async () => {
  db = await startPglite();
});

/** A new, empty table for each check. */
async function freshStore() {
  const table = `contract_${++tables}`;
  await db.query(resourceTableSql({ table }));
  return postgresStore({ client: db, table });
}

describe('postgresStore on PGlite keeps the store contract', () => {
  it.each(storeContract(freshStore))('$name', ({ run }) => run());
});

describe('postgresStore on PGlite with moves, tombstones and replaceAll keeps the store contract', () => {
  const movingStore = async () => {
    const table = `moving_${++tables}`;
    await db.query(resourceTableSql({ table }));
    await db.query(resourceTracesSql({ table }));
    return postgresStore({ client: db, table, moves: true, tombstones: true });
  };

  it('offers move, trace and replaceAll (PGlite has transaction())', async () => {
    const store = await movingStore();
    expect([typeof store.move, typeof store.trace, typeof store.replaceAll]).toEqual([
      'function',
      'function',
      'function',
    ]);
  });

  it.each(storeContract(movingStore))('$name', ({ run }) => run());

  it('a removed item leaves a tombstone with the time it was removed', async () => {
    const table = `tombstones_${++tables}`;
    await db.query(resourceTableSql({ table }));
    await db.query(resourceTracesSql({ table }));
    const store = postgresStore<{ title: string }>({
      client: db,
      table,
      moves: true,
      tombstones: true,
    });
    const entry = await store.create({ id: 'a', value: { title: 'a' } });
    expect(await store.remove({ id: 'a', version: 1 })).toEqual({ status: 'removed' });
    const trace = await store.trace?.({ id: 'a' });
    expect(trace?.status).toBe('removed');
    expect(trace?.status === 'removed' && trace.removed >= (entry?.modified ?? new Date())).toBe(
      true,
    );
  });

  it('without a transaction a store offers none of them', async () => {
    const table = `plain_${++tables}`;
    await db.query(resourceTableSql({ table }));
    const store = postgresStore({
      client: { query: (text, values) => db.query(text, values) },
      table,
      moves: true,
    });
    expect([store.move, store.trace, store.replaceAll]).toEqual([undefined, undefined, undefined]);
  });

  it('the transaction option gives a plain { query } client replaceAll, rolled back as a whole', async () => {
    const table = `option_${++tables}`;
    await db.query(resourceTableSql({ table }));
    const store = postgresStore<{ title: string }>({
      client: { query: (text, values) => db.query(text, values) },
      table,
      transaction: (run) => db.transaction(run),
    });
    await store.create({ id: 'a', value: { title: 'a' } });
    const outcome = await store.replaceAll?.([
      { id: 'a', version: 1, value: { title: 'a2' } },
      { id: 'b', version: 1, value: { title: 'b2' } },
    ]);
    expect(outcome).toEqual({
      status: 'failed',
      checks: [{ status: 'ready' }, { status: 'missing' }],
    });
    expect((await store.get({ id: 'a' }))?.value).toEqual({ title: 'a' });
    expect(store.move).toBeUndefined();
  });
});
