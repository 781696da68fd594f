// A throwaway PostgreSQL 15 for the store tests, from Debian's binaries (postgresql-15), as
// @fielding/idempotency's tests start one: a Unix socket in its own temporary folder (no TCP
// port to race for), removed afterwards. A missing binary fails the tests with the reason; only
// FIELDING_SKIP_SERVICES=1, set explicitly, skips them.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** Whether the service tests are skipped: only when FIELDING_SKIP_SERVICES=1 is set. */
export const SKIP_SERVICES = process.env.FIELDING_SKIP_SERVICES === '1';

const PG_BIN = '/usr/lib/postgresql/15/bin';
const asRoot = process.getuid?.() === 0;

/** A running PostgreSQL: a pool, a way to open another (another instance's), and stop(). */
export interface Postgres {
  pool: pg.Pool;
  connect(): pg.Pool;
  stop(): Promise<void>;
}

export function startPostgres(): Postgres {
  if (!existsSync(join(PG_BIN, 'postgres'))) {
    throw new Error(
      `PostgreSQL 15 is not installed (looked for ${join(PG_BIN, 'postgres')}). Install it ` +
        '(apt-get install postgresql-15) to run the PostgreSQL store tests, or set ' +
        'FIELDING_SKIP_SERVICES=1 to skip them explicitly.',
    );
  }
  const folder = mkdtempSync(join(tmpdir(), 'fielding-jobs-pg-'));
  if (asRoot) chmodSync(folder, 0o777);
  const data = join(folder, 'data');
  const run = (command: string, args: string[]): void => {
    const [file, all] = asRoot
      ? ['runuser', ['-u', 'postgres', '--', command, ...args]]
      : [command, args];
    // stdio ignored: the postmaster that pg_ctl starts would hold a pipe open forever.
    execFileSync(file, all, { stdio: 'ignore' });
  };
  const port = 5432;
  run(join(PG_BIN, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  run(join(PG_BIN, 'pg_ctl'), [
    '-D',
    data,
    '-w',
    '-l',
    join(folder, 'postgres.log'),
    '-o',
    `-p ${port} -k ${folder} -c listen_addresses= -c fsync=off`,
    'start',
  ]);
  const pools: pg.Pool[] = [];
  const connect = (): pg.Pool => {
    const pool = new pg.Pool({
      host: folder,
      port,
      user: 'postgres',
      database: 'postgres',
      max: 5,
    });
    pools.push(pool);
    return pool;
  };
  return {
    pool: connect(),
    connect,
    async stop() {
      await Promise.all(pools.map((pool) => pool.end().catch(() => undefined)));
      const args = ['-D', data, '-m', 'immediate', 'stop'];
      if (asRoot) {
        spawnSync('runuser', ['-u', 'postgres', '--', join(PG_BIN, 'pg_ctl'), ...args], {
          stdio: 'ignore',
        });
      } else spawnSync(join(PG_BIN, 'pg_ctl'), args, { stdio: 'ignore' });
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
