import type { ProblemDocument } from '@fielding/problem-errors';
import type { JobOutcome, JobSnapshot, JobStore, Retention, StoredResult } from './store.js';

/**
 * What {@link postgresStore} needs of a PostgreSQL client: `query(text, values)` resolving to
 * `{ rows }`. A `pg` `Pool` is one.
 *
 * @example
 * ```ts
 * import pg from 'pg';
 * import type { PostgresQueryable } from '@fielding/jobs';
 *
 * const pool: PostgresQueryable = new pg.Pool({ connectionString: process.env.DATABASE_URL });
 * ```
 */
export interface PostgresQueryable {
  /** Runs one parameterised statement. */
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

/**
 * Options of {@link postgresStore}.
 *
 * @example
 * ```ts
 * import pg from 'pg';
 * import { postgresStore, type PostgresStoreOptions } from '@fielding/jobs';
 *
 * const options: PostgresStoreOptions = { pool: new pg.Pool(), table: 'api.jobs' };
 * const store = postgresStore(options);
 * ```
 */
export interface PostgresStoreOptions {
  /** The client; a `pg` `Pool`. */
  pool: PostgresQueryable;
  /** The table, created by {@link jobsTableSql}. Default: `'jobs'`. */
  table?: string;
}

/**
 * Options of {@link jobsTableSql}.
 *
 * @example
 * ```ts
 * import { jobsTableSql, type JobsTableOptions } from '@fielding/jobs';
 *
 * const options: JobsTableOptions = { table: 'api.jobs' };
 * const sql = jobsTableSql(options);
 * ```
 */
export interface JobsTableOptions {
  /** The table name, optionally schema-qualified. Default: `'jobs'`. */
  table?: string;
}

const IDENTIFIER = /^[A-Z_]\w{0,62}$/i;

function quotedTable(table = 'jobs'): string {
  const parts = table.split('.');
  if (parts.length > 2 || !parts.every((part) => IDENTIFIER.test(part))) {
    throw new TypeError(`Not a plain SQL table name: ${JSON.stringify(table)}`);
  }
  return parts.map((part) => `"${part}"`).join('.');
}

/**
 * The migration for {@link postgresStore}: `CREATE TABLE IF NOT EXISTS`, keyed by job id, with
 * an index for pruning. Run it once, with your migrations or at start-up.
 *
 * @param options - the table name
 * @returns the SQL (two statements)
 * @throws TypeError when the table name is not a plain identifier
 *
 * @example
 * ```ts
 * import pg from 'pg';
 * import { jobsTableSql } from '@fielding/jobs';
 *
 * const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
 * await pool.query(jobsTableSql());
 * ```
 */
export function jobsTableSql(options: JobsTableOptions = {}): string {
  const table = quotedTable(options.table);
  const index = `"${(options.table ?? 'jobs').split('.').pop() ?? ''}_forgotten_at"`;
  return `CREATE TABLE IF NOT EXISTS ${table} (
  id text PRIMARY KEY,
  state text NOT NULL CHECK (state IN ('running', 'succeeded', 'failed')),
  progress double precision,
  heartbeat_at timestamptz NOT NULL,
  status integer,
  headers jsonb,
  body bytea,
  location text,
  problem jsonb,
  expires_at timestamptz,
  forgotten_at timestamptz
);
CREATE INDEX IF NOT EXISTS ${index} ON ${table} (forgotten_at);`;
}

/**
 * The `postgresStore` methods beyond {@link JobStore}.
 *
 * @example
 * ```ts
 * import pg from 'pg';
 * import { postgresStore, type PostgresJobStore } from '@fielding/jobs';
 *
 * const store: PostgresJobStore = postgresStore({ pool: new pg.Pool() });
 * const deleted = await store.prune();
 * ```
 */
export interface PostgresJobStore extends JobStore {
  /**
   * Deletes jobs whose tombstone has lapsed and drops the outcomes of expired ones; run it now
   * and then.
   *
   * @returns how many rows were deleted
   */
  prune(): Promise<number>;
}

interface Row {
  state: string;
  progress: number | null;
  heartbeat_age: number;
  expired: boolean;
  status: number | null;
  headers: [string, string][] | null;
  body: Uint8Array | null;
  location: string | null;
  problem: ProblemDocument | null;
}

const ms = (parameter: string): string => `${parameter} * interval '1 millisecond'`;

/**
 * A {@link JobStore} in a PostgreSQL table shared by every instance, so any instance answers
 * the monitor of a job another one runs. Every write is one statement guarded by
 * `state = 'running'`; heartbeat ages and expiry use the database's clock, so instances with
 * skewed clocks agree on which job is dead.
 *
 * @param options - the pool and the table
 * @returns the store, with `prune()`
 *
 * @example
 * ```ts
 * import pg from 'pg';
 * import { createJobs, jobsTableSql, postgresStore } from '@fielding/jobs';
 *
 * const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
 * await pool.query(jobsTableSql());
 * const jobs = createJobs({ store: postgresStore({ pool }) });
 * ```
 */
export function postgresStore(options: PostgresStoreOptions): PostgresJobStore {
  const { pool } = options;
  const table = quotedTable(options.table);
  const ending = `state = $2, status = $3, headers = $4, body = $5, location = $6, problem = $7,
  expires_at = now() + ${ms('$8')}, forgotten_at = now() + ${ms('$8')} + ${ms('$9')}`;
  const finishSql = `UPDATE ${table} SET ${ending} WHERE id = $1 AND state = 'running' RETURNING 1`;
  const abandonSql = `UPDATE ${table} SET ${ending}
WHERE id = $1 AND state = 'running' AND heartbeat_at <= now() - ${ms('$10')} RETURNING 1`;
  const readSql = `SELECT state, progress, expires_at <= now() AS expired, status, headers, body,
  location, problem, extract(epoch FROM now() - heartbeat_at) * 1000 AS heartbeat_age
FROM ${table} WHERE id = $1 AND (forgotten_at IS NULL OR forgotten_at > now())`;

  const values = (id: string, outcome: JobOutcome, retention: Retention): unknown[] => {
    const result = outcome.state === 'succeeded' ? outcome.result : null;
    return [
      id,
      outcome.state,
      result?.status ?? null,
      result === null ? null : JSON.stringify(result.headers),
      result?.body ?? null,
      outcome.state === 'succeeded' ? outcome.location : null,
      outcome.state === 'failed' ? JSON.stringify(outcome.problem) : null,
      Math.ceil(retention.keepFor),
      Math.ceil(retention.tombstoneFor),
    ];
  };

  const snapshot = (row: Row): JobSnapshot => {
    if (row.expired) return { state: 'expired' };
    const progress = row.progress;
    if (row.state === 'running') {
      return { state: 'running', progress, heartbeatAge: Math.max(0, Number(row.heartbeat_age)) };
    }
    if (row.state === 'failed') {
      return {
        state: 'failed',
        progress,
        problem: row.problem ?? {
          type: 'about:blank',
          title: 'Internal Server Error',
          status: 500,
        },
      };
    }
    const result: StoredResult | null =
      row.status === null
        ? null
        : {
            status: row.status,
            headers: row.headers ?? [],
            body: row.body === null ? null : new Uint8Array(row.body),
          };
    return { state: 'succeeded', progress, result, location: row.location };
  };

  return {
    async create(id) {
      await pool.query(
        `INSERT INTO ${table} (id, state, heartbeat_at) VALUES ($1, 'running', now())`,
        [id],
      );
    },
    async heartbeat(id, progress) {
      const result = await pool.query(
        `UPDATE ${table} SET heartbeat_at = now(), progress = COALESCE($2, progress)
WHERE id = $1 AND state = 'running' RETURNING 1`,
        [id, progress ?? null],
      );
      return result.rows.length > 0;
    },
    async finish(id, outcome, retention) {
      const result = await pool.query(finishSql, values(id, outcome, retention));
      return result.rows.length > 0;
    },
    async abandon(id, staleAfter, outcome, retention) {
      const result = await pool.query(abandonSql, [
        ...values(id, outcome, retention),
        Math.ceil(staleAfter),
      ]);
      return result.rows.length > 0;
    },
    async read(id) {
      const result = await pool.query(readSql, [id]);
      const row = result.rows[0] as Row | undefined;
      return row === undefined ? undefined : snapshot(row);
    },
    async prune() {
      await pool.query(
        `UPDATE ${table} SET status = NULL, headers = NULL, body = NULL, location = NULL,
  problem = NULL WHERE expires_at <= now() AND (body IS NOT NULL OR problem IS NOT NULL)`,
      );
      const result = await pool.query(
        `DELETE FROM ${table} WHERE forgotten_at <= now() RETURNING 1`,
      );
      return result.rows.length;
    },
  };
}
