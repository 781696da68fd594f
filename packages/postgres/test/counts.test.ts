// count: 'estimate' asks the planner (EXPLAIN) for the filtered query's row estimate, and counts
// exactly below exactCountBelow, where counting is cheap and the planner's guess is poor.
import type { PGlite } from '@electric-sql/pglite';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ListQuery } from '@fielding/resource';
import { postgresStore, resourceTableSql } from '../src/index.js';
import { counting } from './support/counting.js';
import { startPglite } from './support/pglite.js';

let db: PGlite;
const ROWS = 12_000;

beforeAll(async () => {
  db = await startPglite();
  await db.query(resourceTableSql({ table: 'big' }));
  await db.query(`INSERT INTO big (scope, id, version, modified, value)
SELECT '', 'g' || i, 1, now(), jsonb_build_object('n', i, 'even', i % 2 = 0)
FROM generate_series(1, ${ROWS}) AS i`);
  await db.query('ANALYZE big');
});

const query = (count: ListQuery['count']): ListQuery => ({
  filters: [],
  order: [{ column: 'id', direction: 'asc' }],
  limit: 2,
  count,
});

describe('count modes', () => {
  it(`estimate on ${ROWS} rows is the planner's estimate: EXPLAIN, no COUNT(*)`, async () => {
    const client = counting(db);
    const store = postgresStore({ client, table: 'big' });
    const { total, entries } = await store.list(query('estimate'));
    expect(entries).toHaveLength(2);
    expect(total).toBeGreaterThan(ROWS * 0.9);
    expect(total).toBeLessThan(ROWS * 1.1);
    expect(client.texts.some((text) => text.startsWith('EXPLAIN'))).toBe(true);
    expect(client.texts.some((text) => text.includes('count(*)'))).toBe(false);
  });

  it('estimate below exactCountBelow counts exactly', async () => {
    const client = counting(db);
    const store = postgresStore({ client, table: 'big', exactCountBelow: 1_000_000 });
    const { total } = await store.list(query('estimate'));
    expect(total).toBe(ROWS);
    expect(client.texts.some((text) => text.includes('count(*)'))).toBe(true);
  });

  it('exact counts what the filters select; none runs one statement and has no total', async () => {
    const client = counting(db);
    const store = postgresStore({ client, table: 'big' });
    const even = await store.list({
      ...query('exact'),
      filters: [{ field: 'even', op: 'eq', value: true }],
    });
    expect(even.total).toBe(ROWS / 2);
    client.reset();
    const none = await store.list(query('none'));
    expect([none.total, none.entries.length, client.texts.length]).toEqual([undefined, 2, 1]);
  });
});
