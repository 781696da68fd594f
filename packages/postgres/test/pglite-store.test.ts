// postgresStore on PGlite (PostgreSQL compiled to WebAssembly, in process): the store contract,
// the DDL helper and the table-name check.
import type { PGlite } from '@electric-sql/pglite';
import { beforeAll, describe, it } from 'vitest';
import { storeContract } from '@fielding/resource';
import { postgresStore, resourceTableSql } from '../src/index.js';
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
