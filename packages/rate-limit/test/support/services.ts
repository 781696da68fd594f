// Throwaway PostgreSQL 15 and Redis servers for the store tests, from Debian's binaries
// (postgresql-15, redis-server): each in its own temporary folder, on a free loopback port,
// removed afterwards. A missing binary fails the tests with the reason and the package to
// install; only FIELDING_SKIP_SERVICES=1, set explicitly, skips them.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
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

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** A running server, how to connect to it (each call a new client), and how to remove it. */
export interface Service<Client> {
  readonly client: Client;
  connect(): Client;
  stop(): Promise<void>;
}

export async function startPostgres(): Promise<Service<pg.Pool>> {
  if (!existsSync(join(PG_BIN, 'postgres'))) {
    throw missing('PostgreSQL 15', join(PG_BIN, 'postgres'), 'apt-get install postgresql-15');
  }
  const folder = mkdtempSync(join(tmpdir(), 'fielding-ratelimit-pg-'));
  if (asRoot) chmodSync(folder, 0o777);
  const data = join(folder, 'data');
  const run = (command: string, args: string[]): void => {
    const [file, all] = asRoot
      ? ['runuser', ['-u', 'postgres', '--', command, ...args]]
      : [command, args];
    // stdio ignored: the postmaster that pg_ctl starts would hold a pipe open forever.
    execFileSync(file, all, { stdio: 'ignore' });
  };
  const port = await freePort();
  run(join(PG_BIN, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  run(join(PG_BIN, 'pg_ctl'), [
    '-D',
    data,
    '-w',
    '-l',
    join(folder, 'postgres.log'),
    '-o',
    `-p ${port} -k ${folder} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100`,
    'start',
  ]);
  const pools: pg.Pool[] = [];
  const connect = (): pg.Pool => {
    const pool = new pg.Pool({
      host: '127.0.0.1',
      port,
      user: 'postgres',
      database: 'postgres',
      max: 10,
    });
    pools.push(pool);
    return pool;
  };
  return {
    client: connect(),
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
  const folder = mkdtempSync(join(tmpdir(), 'fielding-ratelimit-redis-'));
  const port = await freePort();
  const child = spawn(
    binary,
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', folder, '--save', ''].concat([
      '--appendonly',
      'no',
      '--daemonize',
      'no',
    ]),
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const clients: Redis[] = [];
  const connect = (): Redis => {
    const client = new Redis({ host: '127.0.0.1', port, maxRetriesPerRequest: 3 });
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
