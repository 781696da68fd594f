// The ids option, and compare-and-set when the item is removed and created again between the
// write and the read that explains its failure.
import type { PGlite } from '@electric-sql/pglite';
import { beforeAll, describe, expect, it } from 'vitest';
import { postgresStore, resourceTableSql, type PostgresClient } from '../src/index.js';
import { startPglite } from './support/pglite.js';

let db: PGlite;
let tables = 0;

beforeAll(async () => {
  db = await startPglite();
});

async function table(): Promise<string> {
  const name = `options_${++tables}`;
  await db.query(resourceTableSql({ table: name }));
  return name;
}

describe('postgresStore options', () => {
  it('makes ids with the ids function, and refuses a taken one rather than overwrite', async () => {
    let next = 0;
    const store = postgresStore<{ n: number }>({
      client: db,
      table: await table(),
      ids: () => `task-${++next % 2}`,
    });
    expect((await store.create({ value: { n: 1 } }))?.id).toBe('task-1');
    expect((await store.create({ value: { n: 2 } }))?.id).toBe('task-0');
    await expect(store.create({ value: { n: 3 } })).rejects.toThrow(/taken id \(task-1\)/);
    expect((await store.get({ id: 'task-1' }))?.value).toEqual({ n: 1 });
  });
});

describe('a write that finds the item removed and created again', () => {
  // The first UPDATE or DELETE matches nothing, as if the item had been removed and created
  // again (at version 1) just before it; the read that follows sees version 1 again.
  const once = (pattern: RegExp): PostgresClient => {
    let missed = false;
    return {
      query(text, values) {
        if (!missed && pattern.test(text)) {
          missed = true;
          return Promise.resolve({ rows: [] });
        }
        return db.query(text, values);
      },
    };
  };

  it('replace tries again and writes', async () => {
    const name = await table();
    const store = postgresStore<{ n: number }>({ client: once(/^UPDATE/), table: name });
    await store.create({ id: 'a', value: { n: 1 } });
    const outcome = await store.replace({ id: 'a', value: { n: 2 }, version: 1 });
    expect(outcome.status === 'written' && [outcome.entry.version, outcome.entry.value]).toEqual([
      2,
      { n: 2 },
    ]);
  });

  it('remove tries again and removes', async () => {
    const name = await table();
    const store = postgresStore<{ n: number }>({ client: once(/^DELETE/), table: name });
    await store.create({ id: 'a', value: { n: 1 } });
    expect(await store.remove({ id: 'a', version: 1 })).toEqual({ status: 'removed' });
    expect(await store.get({ id: 'a' })).toBeUndefined();
  });
});
