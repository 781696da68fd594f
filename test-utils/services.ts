// Throwaway PostgreSQL 15 and Redis servers for the tests of every store that several instances
// share, from Debian's binaries (postgresql-15, redis-server). Each listens on a Unix socket in its own temporary folder (no
// TCP port to race for) and is removed afterwards. A missing binary fails the tests with the
// reason; only FIELDING_SKIP_SERVICES=1, set explicitly, skips them.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';

/** Whether the service tests are skipped: only when FIELDING_SKIP_SERVICES=1 is set. */
export const SKIP_SERVICES = process.env.FIELDING_SKIP_SERVICES === '1';

const PG_BIN = '/usr/lib/postgresql/15/bin';
const asRoot = process.getuid?.() === 0;

function missing(what: string, path: string, install: string): Error {
  return new Error(
    `${what} is not installed (looked for ${path}). Install it (${install}) to run the ` +
      'PostgreSQL and Redis store tests, or set FIELDING_SKIP_SERVICES=1 to skip them explicitly.',
  );
}

/** A running server and how to reach and remove it. */
export interface Service<Client> {
  client: Client;
  /** A second, independent client (a second instance's connection). */
  connect(): Client;
  stop(): Promise<void>;
}

export async function startPostgres(): Promise<Service<pg.Pool>> {
  if (!existsSync(join(PG_BIN, 'postgres'))) {
    throw missing('PostgreSQL 15', join(PG_BIN, 'postgres'), 'apt-get install postgresql-15');
  }
  const folder = mkdtempSync(join(tmpdir(), 'fielding-pg-'));
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
    `-p ${port} -k ${folder} -c listen_addresses= -c fsync=off -c max_connections=200`,
    'start',
  ]);
  const connect = (): pg.Pool =>
    new pg.Pool({ host: folder, port, user: 'postgres', database: 'postgres', max: 10 });
  const pools: pg.Pool[] = [];
  const tracked = (): pg.Pool => {
    const pool = connect();
    pools.push(pool);
    return pool;
  };
  return {
    client: tracked(),
    connect: tracked,
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

function which(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(':').concat(['/usr/bin', '/usr/sbin'])) {
    if (dir !== '' && existsSync(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

async function untilReady(client: Redis, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`redis-server exited: ${log()}`);
    try {
      if ((await client.ping()) === 'PONG') return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`redis-server did not start: ${log()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function startRedis(): Promise<Service<Redis>> {
  const binary = which('redis-server');
  if (binary === undefined) {
    throw missing('redis-server', 'redis-server on PATH', 'apt-get install redis-server');
  }
  const folder = mkdtempSync(join(tmpdir(), 'fielding-redis-'));
  const socket = join(folder, 'redis.sock');
  // --port 0: no TCP listener at all; the Unix socket in the private folder is the only way in.
  const child = spawn(
    binary,
    ['--port', '0', '--unixsocket', socket, '--unixsocketperm', '700', '--dir', folder].concat([
      '--save',
      '',
      '--appendonly',
      'no',
      '--daemonize',
      'no',
    ]),
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  child.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  const clients: Redis[] = [];
  const connect = (): Redis => {
    const client = new Redis({ path: socket, lazyConnect: false, maxRetriesPerRequest: 3 });
    client.on('error', () => undefined);
    clients.push(client);
    return client;
  };
  const client = connect();
  try {
    await untilReady(client, child, () => output);
  } catch (error) {
    child.kill('SIGKILL');
    client.disconnect();
    rmSync(folder, { recursive: true, force: true });
    throw error;
  }
  return {
    client,
    connect,
    async stop() {
      for (const each of clients) each.disconnect();
      const exited = new Promise((resolve) => child.once('exit', resolve));
      if (child.exitCode === null) child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
