/**
 * PostgreSQL for Fielding: {@link postgresStore}, a `Store` of `@fielding/resource` in a table
 * that every instance shares (see {@link resourceTableSql}), and {@link keysetToSql}, which
 * renders the keyset of `@fielding/pagination` as parameterised SQL, values always bound,
 * identifiers always quoted.
 *
 * @module @fielding/postgres
 */
export { keysetToSql, type KeysetSql, type KeysetSqlOptions } from './keyset-sql.js';
export {
  postgresStore,
  resourceTableSql,
  resourceTracesSql,
  type PostgresTransaction,
  type PostgresClient,
  type PostgresStoreOptions,
  type ResourceTableOptions,
} from './postgres-store.js';
