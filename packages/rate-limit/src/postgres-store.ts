import type { WindowCount } from './fixed-window.js';
import type { RateLimitStore } from './store.js';

/**
 * What {@link postgresStore} needs of a PostgreSQL client: `query(text, values)` resolving to
 * `{ rows }`. A `pg` `Pool` is one (and is what concurrent requests should share).
 *
 * @example
 * ```ts
 * import pg from 'pg';
 * import type { PostgresQueryable } from '@fielding/rate-limit';
 *
 * const pool: PostgresQueryable = new pg.Pool({ connectionString: process.env.DATABASE_URL });
 * ```
 */
export interface PostgresQueryable {
  /** Runs one parameterised statement. */
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

/** Options of {@link rateLimitTableSql}. */
export interface RateLimitTableOptions {
  /** The table, optionally schema-qualified. Default: `'rate_limits'`. */
  readonly table?: string;
  /**
   * `UNLOGGED`: counters skip the write-ahead log, so increments are cheaper, and a crash or a
   * failover to a replica empties the table — every client starts a fresh window, which a rate
   * limit can afford. `false` for a logged table. Default: `true`.
   */
  readonly unlogged?: boolean;
}

/** Options of {@link postgresStore}. */
export interface PostgresStoreOptions {
  /** The client; a `pg` `Pool`. */
  readonly pool: PostgresQueryable;
  /** The table created by {@link rateLimitTableSql}. Default: `'rate_limits'`. */
  readonly table?: string;
}

/** The {@link RateLimitStore} of {@link postgresStore}, with a way to delete ended windows. */
export interface PostgresRateLimitStore extends RateLimitStore {
  /** Deletes the rows of ended windows; resolves to how many. Run it now and then (a cron). */
  prune(): Promise<number>;
}

const IDENTIFIER = /^[a-z_]\w{0,62}$/i;
const DEFAULT_TABLE = 'rate_limits';

/** The table name quoted for SQL; only plain identifiers are accepted (no injection). */
function quotedTable(table: string): string {
  const parts = table.split('.');
  if (parts.length > 2 || !parts.every((part) => IDENTIFIER.test(part))) {
    throw new TypeError(`Not a plain SQL table name: ${JSON.stringify(table)}`);
  }
  return parts.map((part) => `"${part}"`).join('.');
}

/**
 * The migration for {@link postgresStore}: a table with the key as primary key (an increment is
 * one `INSERT … ON CONFLICT`) and an index on the window's end for pruning. Idempotent
 * (`IF NOT EXISTS`): run it with your migrations or at start-up.
 *
 * @param options - the table name, and whether it is `UNLOGGED`
 * @returns the SQL (two statements)
 * @throws TypeError when the table name is not a plain identifier
 *
 * @example
 * ```ts
 * import pg from 'pg';
 * import { rateLimitTableSql } from '@fielding/rate-limit';
 *
 * const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
 * await pool.query(rateLimitTableSql());
 * ```
 */
export function rateLimitTableSql(options: RateLimitTableOptions = {}): string {
  const name = options.table ?? DEFAULT_TABLE;
  const table = quotedTable(name);
  const index = `"${name.split('.').pop() ?? DEFAULT_TABLE}_expires_at"`;
  const unlogged = (options.unlogged ?? true) ? 'UNLOGGED ' : '';
  return `CREATE ${unlogged}TABLE IF NOT EXISTS ${table} (
  key text PRIMARY KEY,
  count bigint NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS ${index} ON ${table} (expires_at);`;
}

interface CountRow {
  count: string | number;
  reset_ms: string | number;
}

/**
 * A {@link RateLimitStore} in PostgreSQL, shared by every instance. An increment is one
 * statement — `INSERT … ON CONFLICT (key) DO UPDATE … RETURNING` — that adds to the open window
 * or starts a new one, so concurrent increments on any instance each see a different count.
 * Windows are timed by the database's clock, not the instances'. Create the table with
 * {@link rateLimitTableSql}; delete ended windows with `prune()`.
 *
 * @param options - the pool and the table
 * @returns the store
 * @throws TypeError when the table name is not a plain identifier
 *
 * @example
 * ```ts
 * import pg from 'pg';
 * import { postgresStore, rateLimit, rateLimitTableSql } from '@fielding/rate-limit';
 *
 * const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
 * await pool.query(rateLimitTableSql());
 * const middleware = rateLimit({ store: postgresStore({ pool }), limit: 100, window: 60, trustProxy: 'x-forwarded' });
 * ```
 */
export function postgresStore(options: PostgresStoreOptions): PostgresRateLimitStore {
  const { pool } = options;
  const table = quotedTable(options.table ?? DEFAULT_TABLE);
  // now() is the statement's start in autocommit: one instant for both CASEs and RETURNING.
  const increment = `INSERT INTO ${table} AS w (key, count, expires_at)
VALUES ($1, $2, now() + $3 * interval '1 millisecond')
ON CONFLICT (key) DO UPDATE SET
  count = CASE WHEN w.expires_at > now() THEN w.count + EXCLUDED.count ELSE EXCLUDED.count END,
  expires_at = CASE WHEN w.expires_at > now() THEN w.expires_at ELSE EXCLUDED.expires_at END
RETURNING count, ceil(extract(epoch FROM expires_at - now()) * 1000)::bigint AS reset_ms`;
  const reset = `DELETE FROM ${table} WHERE key = $1`;
  const prune = `DELETE FROM ${table} WHERE expires_at <= now()`;
  return {
    async increment({ key, cost, windowMs }): Promise<WindowCount> {
      const { rows } = await pool.query(increment, [key, cost, windowMs]);
      const row = rows[0] as CountRow | undefined;
      if (row === undefined) throw new Error(`postgresStore: no row returned for ${key}`);
      return { count: Number(row.count), resetMs: Math.max(0, Number(row.reset_ms)) };
    },
    async reset(key): Promise<void> {
      await pool.query(reset, [key]);
    },
    async prune(): Promise<number> {
      const result = (await pool.query(prune)) as { rows: unknown[]; rowCount?: number | null };
      return result.rowCount ?? 0;
    },
  };
}
