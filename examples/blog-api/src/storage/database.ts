// One tiny SQL interface over both backends: PGlite (embedded PostgreSQL, the default) and a
// real PostgreSQL server through `pg` when DATABASE_URL is set. Same SQL, same migrations.
import { mkdirSync } from 'node:fs';

/** Runs one parameterised SQL statement. */
export interface Queryable {
  query<Row>(sql: string, params?: readonly unknown[]): Promise<{ rows: Row[] }>;
}

/** The part of a SQL client the example uses. */
export interface Database extends Queryable {
  /**
   * Runs `work` on one connection: session state (transactions, advisory locks) needs it, and a
   * pool would otherwise hand each statement to a different connection.
   */
  session<T>(work: (connection: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** Which backend this is, for /health and logs. */
  readonly kind: 'pglite' | 'postgres';
}

export interface DatabaseOptions {
  /** A postgres:// URL; when absent, PGlite persists under `dataDir`. */
  databaseUrl?: string | undefined;
  /** Folder for PGlite's files; `memory://` keeps it in memory (tests). */
  dataDir?: string | undefined;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) {
    const { default: pg } = await import('pg');
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
    return {
      kind: 'postgres',
      query: async <Row>(sql: string, params: readonly unknown[] = []) =>
        (await pool.query(sql, [...params])) as unknown as { rows: Row[] },
      session: async (work) => {
        const client = await pool.connect();
        try {
          return await work({
            query: async <Row>(sql: string, params: readonly unknown[] = []) =>
              (await client.query(sql, [...params])) as unknown as { rows: Row[] },
          });
        } finally {
          client.release();
        }
      },
      close: () => pool.end(),
    };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const dataDir = options.dataDir ?? 'memory://';
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const lite = await PGlite.create(dataDir);
  const query = async <Row>(sql: string, params: readonly unknown[] = []) =>
    (await lite.query<Row>(sql, [...params])) as { rows: Row[] };
  // PGlite is a single connection already.
  return { kind: 'pglite', query, session: (work) => work({ query }), close: () => lite.close() };
}
