// Runtime smoke test: the built package's public API, run by scripts/smoke/run-matrix.mjs on
// Node 20/22/24, Deno and Bun. Plain assertions so it needs nothing but the runtime.
import { keyset } from '@fielding/pagination';
import { keysetToSql, postgresStore, resourceTableSql } from '../dist/index.js';

const sql = keysetToSql(
  keyset([{ column: 'id', direction: 'asc', unique: true }], { direction: 'next', values: [9] }),
);
if (sql.where !== '("id" > $1)' || sql.values[0] !== 9) {
  throw new Error(`postgres smoke failed: ${JSON.stringify(sql)}`);
}
if (
  !resourceTableSql({ table: 'api.tasks' }).startsWith('CREATE TABLE IF NOT EXISTS "api"."tasks"')
) {
  throw new Error('postgres smoke failed: resourceTableSql');
}
let refused = false;
try {
  postgresStore({ client: { query: async () => ({ rows: [] }) }, table: 'x; DROP TABLE y' });
} catch (error) {
  refused = error instanceof TypeError;
}
const store = postgresStore({ client: { query: async () => ({ rows: [] }) }, table: 'tasks' });
if (!refused || (await store.get({ id: '1' })) !== undefined) {
  throw new Error('postgres smoke failed: postgresStore');
}
console.log('postgres smoke: ok');
