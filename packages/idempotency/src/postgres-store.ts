import type { Claim, IdempotencyRecord, IdempotencyStore, StoredResponse } from './store.js';

/**
 * What {@link postgresStore} needs of a PostgreSQL client: `query(text, values)` resolving to
 * `{ rows }`. A `pg` `Pool` is one (and is what several concurrent requests should share).
 *
 * @example
 * ```ts
 * import pg from 'pg';
 * import type { PostgresQueryable } from '@fielding/idempotency';
 *
 * const pool: PostgresQueryable = new pg.Pool({ connectionString: process.env.DATABASE_URL });
 * ```
 */
export interface PostgresQueryable {
  /** Runs one parameterised statement. */
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

/** Options of {@link postgresStore}. */
export interface PostgresStoreOptions {
  /** The client; a `pg` `Pool`. */
  pool: PostgresQueryable;
  /** The table, created by {@link idempotencyTableSql}. Default: `'idempotency_keys'`. */
  table?: string;
}

/** Options of {@link idempotencyTableSql}. */
export interface IdempotencyTableOptions {
  /** The table name, optionally schema-qualified. Default: `'idempotency_keys'`. */
  table?: string;
}

const IDENTIFIER = /^[A-Z_]\w{0,62}$/i;

/** The table name quoted for SQL; only plain identifiers are accepted (no injection). */
function quotedTable(table = 'idempotency_keys'): string {
  const parts = table.split('.');
  if (parts.length > 2 || !parts.every((part) => IDENTIFIER.test(part))) {
    throw new TypeError(`Not a plain SQL table name: ${JSON.stringify(table)}`);
  }
  return parts.map((part) => `"${part}"`).join('.');
}

/**
 * The migration for {@link postgresStore}: `CREATE TABLE IF NOT EXISTS` with the key as primary
 * key (the claim is one `INSERT … ON CONFLICT`), and an index on the expiry for pruning. Run it
 * once, with your migrations or at start-up.
 *
 * @param options - the table name
 * @returns the SQL (two statements)
 * @throws TypeError when the table name is not a plain identifier
 *
 * @example
 * ```ts
 * import pg from 'pg';
 * import { idempotencyTableSql } from '@fielding/idempotency';
 *
 * const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
 * await pool.query(idempotencyTableSql());
 * ```
 */
export function idempotencyTableSql(options: IdempotencyTableOptions = {}): string {
  const table = quotedTable(options.table);
  const index = `"${(options.table ?? 'idempotency_keys').split('.').pop() ?? ''}_expires_at"`;
  return `CREATE TABLE IF NOT EXISTS ${table} (
  key text PRIMARY KEY,
  fingerprint text NOT NULL,
  token text NOT NULL,
  state text NOT NULL CHECK (state IN ('in-flight', 'complete')),
  status integer,
  headers jsonb,
  body bytea,
  expires_at timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS ${index} ON ${table} (expires_at);`;
}

/** The `postgresStore` methods beyond {@link IdempotencyStore}. */
export interface PostgresIdempotencyStore extends IdempotencyStore {
  /**
   * Deletes expired rows (claims reuse them anyway); run it now and then.
   *
   * @returns how many rows were deleted
   */
  prune(): Promise<number>;
}

interface Row {
  fingerprint: string;
  state: string;
  status: number | null;
  headers: [string, string][] | null;
  body: Uint8Array | null;
}

const ms = "$MS * interval '1 millisecond'";

/**
 * An {@link IdempotencyStore} in a PostgreSQL table shared by every instance. A claim is one
 * `INSERT … ON CONFLICT (key) DO UPDATE … WHERE expires_at <= now()`: atomic, so of concurrent
 * claims exactly one wins, and a lapsed claim or an expired response is taken over in place.
 * Completion and release compare the claim's token. Times are the database's clock.
 *
 * @param options - the pool and the table
 * @returns the store, with `prune()`
 *
 * @example
 * ```ts
 * import pg from 'pg';
 * import { idempotency, idempotencyTableSql, postgresStore } from '@fielding/idempotency';
 *
 * const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
 * await pool.query(idempotencyTableSql());
 * const middleware = idempotency({ store: postgresStore({ pool }) });
 * ```
 */
export function postgresStore(options: PostgresStoreOptions): PostgresIdempotencyStore {
  const { pool } = options;
  const table = quotedTable(options.table);
  const claimSql = `INSERT INTO ${table} AS held (key, fingerprint, token, state, expires_at)
VALUES ($1, $2, $3, 'in-flight', now() + ${ms.replace('$MS', '$4')})
ON CONFLICT (key) DO UPDATE SET fingerprint = excluded.fingerprint, token = excluded.token,
  state = 'in-flight', status = NULL, headers = NULL, body = NULL, expires_at = excluded.expires_at
WHERE held.expires_at <= now()
RETURNING token`;
  const readSql = `SELECT fingerprint, state, status, headers, body FROM ${table}
WHERE key = $1 AND expires_at > now()`;
  const completeSql = `UPDATE ${table} SET state = 'complete', status = $3, headers = $4, body = $5,
  expires_at = now() + ${ms.replace('$MS', '$6')}
WHERE key = $1 AND token = $2 AND state = 'in-flight' AND expires_at > now()`;
  const releaseSql = `DELETE FROM ${table}
WHERE key = $1 AND token = $2 AND state = 'in-flight' AND expires_at > now()`;

  const record = (row: Row): IdempotencyRecord => {
    if (row.state !== 'complete') return { state: 'in-flight', fingerprint: row.fingerprint };
    const response: StoredResponse = {
      status: row.status ?? 0,
      headers: row.headers ?? [],
      body: row.body === null ? null : new Uint8Array(row.body),
    };
    return { state: 'complete', fingerprint: row.fingerprint, response };
  };

  return {
    async claim({ key, fingerprint, lockTtl }): Promise<Claim> {
      const token = crypto.randomUUID();
      // A held key can expire between the insert and the read: then claim again.
      for (let attempt = 0; attempt < 5; attempt += 1) {
        const inserted = await pool.query(claimSql, [key, fingerprint, token, Math.ceil(lockTtl)]);
        if (inserted.rows.length > 0) return { claimed: true, token };
        const held = await pool.query(readSql, [key]);
        const row = held.rows[0] as Row | undefined;
        if (row !== undefined) return { claimed: false, record: record(row) };
      }
      throw new Error(`postgresStore: key ${JSON.stringify(key)} kept changing while claimed`);
    },
    async complete({ key, token, response, ttl }): Promise<boolean> {
      const result = await pool.query(`${completeSql} RETURNING 1`, [
        key,
        token,
        response.status,
        JSON.stringify(response.headers),
        response.body,
        Math.ceil(ttl),
      ]);
      return result.rows.length > 0;
    },
    async release({ key, token }): Promise<boolean> {
      const result = await pool.query(`${releaseSql} RETURNING 1`, [key, token]);
      return result.rows.length > 0;
    },
    async prune(): Promise<number> {
      const result = await pool.query(`DELETE FROM ${table} WHERE expires_at <= now() RETURNING 1`);
      return result.rows.length;
    },
  };
}
