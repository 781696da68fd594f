// One tiny SQL interface over both backends: PGlite (embedded PostgreSQL, the default) and a
// real PostgreSQL server through `pg` when DATABASE_URL is set. Same SQL, same migrations.
import { mkdirSync } from 'node:fs';
import { SILENT_LOGGER, describeError, type Logger } from '../log.js';

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
  /** PostgreSQL: how long to wait for a connection, in ms. Default 2000. */
  connectTimeoutMs?: number | undefined;
  /**
   * PostgreSQL: the server cancels a statement after this many ms (`statement_timeout`), and the
   * client gives up on a server that does not answer at all one second later. Default 5000.
   */
  queryTimeoutMs?: number | undefined;
  /** Where connection losses and recoveries are logged (codes only). Default: nowhere. */
  logger?: Logger | undefined;
}

/**
 * The database cannot be reached or does not answer in time: the request may succeed later.
 * The app answers it with 503 and Retry-After; `code` is the SQLSTATE or the socket error code.
 */
export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError' as const;
  readonly code: string | undefined;
  constructor(code: string | undefined, options?: ErrorOptions) {
    super(`The database is unavailable${code ? ` (${code})` : ''}.`, options);
    this.code = code;
  }
}

/**
 * SQLSTATEs that say "not now" rather than "not this statement": class 08 (connection
 * exception), shutdown and startup (57P01–57P03), too many connections (53300), and
 * statement_timeout (57014).
 */
const UNAVAILABLE_STATES = /^(?:08[0-9A-Z]{3}|57P0[123]|53300|57014)$/;

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options);
  const { PGlite } = await import('@electric-sql/pglite');
  const dataDir = options.dataDir ?? 'memory://';
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const lite = await PGlite.create(dataDir);
  const query = async <Row>(sql: string, params: readonly unknown[] = []) =>
    (await lite.query<Row>(sql, [...params])) as { rows: Row[] };
  // PGlite is a single connection already.
  return { kind: 'pglite', query, session: (work) => work({ query }), close: () => lite.close() };
}

async function openPostgres(databaseUrl: string, options: DatabaseOptions): Promise<Database> {
  const { default: pg } = await import('pg');
  const logger = options.logger ?? SILENT_LOGGER;
  const queryTimeout = options.queryTimeoutMs ?? 5_000;
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 2_000,
    statement_timeout: queryTimeout,
    // A frozen server cancels nothing: the client stops waiting a second after the server would.
    query_timeout: queryTimeout + 1_000,
    keepAlive: true,
  });
  // An idle connection that PostgreSQL closes (a shutdown, a restart) is an 'error' event on the
  // pool; unheard, it would end the process. The pool drops that connection by itself.
  pool.on('error', (error) => logger.warn('database_connection_lost', describeError(error, false)));

  let available = true;
  /** Classifies a failure; logs the first one of an outage. */
  const failed = (error: unknown): unknown => {
    if (error instanceof DatabaseUnavailableError) return error;
    const code = (error as { code?: unknown }).code;
    const unavailable =
      error instanceof pg.DatabaseError
        ? typeof code === 'string' && UNAVAILABLE_STATES.test(code)
        : // Anything else from the driver is about the connection: refused, reset, timed out.
          error instanceof Error;
    if (!unavailable) return error;
    if (available) {
      available = false;
      logger.warn('database_unavailable', describeError(error, false));
    }
    return new DatabaseUnavailableError(typeof code === 'string' ? code : undefined, {
      cause: error,
    });
  };
  const guarded = async <T>(work: () => Promise<T>): Promise<T> => {
    let result: T;
    try {
      result = await work();
    } catch (error) {
      throw failed(error);
    }
    if (!available) {
      available = true;
      logger.info('database_available');
    }
    return result;
  };

  return {
    kind: 'postgres',
    query: <Row>(sql: string, params: readonly unknown[] = []) =>
      guarded(async () => (await pool.query(sql, [...params])) as unknown as { rows: Row[] }),
    session: async (work) => {
      const client = await guarded(() => pool.connect());
      // A checked-out client has no listener of the pool's: a connection lost between two
      // statements would otherwise be an unheard 'error' event.
      const lost = (error: Error) =>
        logger.warn('database_connection_lost', describeError(error, false));
      client.on('error', lost);
      let broken = false;
      try {
        return await work({
          query: <Row>(sql: string, params: readonly unknown[] = []) =>
            guarded(
              async () => (await client.query(sql, [...params])) as unknown as { rows: Row[] },
            ),
        });
      } catch (error) {
        broken = true;
        throw error;
      } finally {
        client.off('error', lost);
        // A connection that failed mid-session is closed, not handed to the next request.
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}
