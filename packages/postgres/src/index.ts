/**
 * PostgreSQL for Fielding: {@link keysetToSql} renders the keyset of `@fielding/pagination` as
 * parameterised SQL, values always bound, identifiers always quoted.
 *
 * @module @fielding/postgres
 */
export { keysetToSql, type KeysetSql, type KeysetSqlOptions } from './keyset-sql.js';
