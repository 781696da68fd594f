// A throwaway PostgreSQL 15 cluster in a temporary folder (Debian's server binaries; .ci/run
// installs them), which a test can stop, start, freeze (SIGSTOP) and thaw.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN = '/usr/lib/postgresql/15/bin';
/** Whether the server binaries are installed. */
export const POSTGRES_AVAILABLE = existsSync(join(BIN, 'postgres'));
const asRoot = process.getuid?.() === 0;

function run(command: string, args: string[]): void {
  const [file, fullArgs] = asRoot
    ? ['runuser', ['-u', 'postgres', '--', command, ...args]]
    : [command, args];
  // stdio is ignored: the postmaster pg_ctl starts would otherwise hold the pipe open forever.
  execFileSync(file, fullArgs, { stdio: 'ignore' });
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export interface PostgresCluster {
  readonly url: string;
  start(): void;
  /** `pg_ctl stop` with the given shutdown mode. */
  stop(mode: 'fast' | 'immediate'): void;
  /** SIGSTOP the postmaster and every backend: connections stay open, nothing answers. */
  freeze(): void;
  /** SIGCONT what `freeze` stopped. */
  thaw(): void;
  /** Stops the cluster (if running) and removes its folder. */
  destroy(): void;
}

/** Creates and starts a cluster listening on 127.0.0.1 at a free port. */
export async function startCluster(): Promise<PostgresCluster> {
  const folder = mkdtempSync(join(tmpdir(), 'fielding-pg-'));
  const data = join(folder, 'data');
  if (asRoot) chmodSync(folder, 0o777);
  const port = await freePort();
  run(join(BIN, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  const start = () =>
    run(join(BIN, 'pg_ctl'), [
      '-D',
      data,
      '-w',
      '-l',
      join(folder, 'postgres.log'),
      '-o',
      `-p ${port} -k ${folder} -c listen_addresses=127.0.0.1 -c fsync=off`,
      'start',
    ]);
  const stop = (mode: 'fast' | 'immediate') =>
    run(join(BIN, 'pg_ctl'), ['-D', data, '-w', '-m', mode, 'stop']);
  const postmaster = (): number =>
    Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const childrenOf = (parent: number): number[] =>
    readdirSync('/proc')
      .filter((name) => /^\d+$/.test(name))
      .filter((pid) => {
        try {
          const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
          return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === parent;
        } catch {
          return false;
        }
      })
      .map(Number);
  let frozen: number[] = [];
  start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start,
    stop,
    freeze() {
      // The postmaster first, so that it forks no new backend while its children are listed.
      const main = postmaster();
      process.kill(main, 'SIGSTOP');
      frozen = [main, ...childrenOf(main)];
      for (const pid of frozen.slice(1)) process.kill(pid, 'SIGSTOP');
    },
    thaw() {
      for (const pid of frozen) process.kill(pid, 'SIGCONT');
      frozen = [];
    },
    destroy() {
      for (const pid of frozen) process.kill(pid, 'SIGCONT');
      if (existsSync(join(data, 'postmaster.pid'))) {
        const args = ['-D', data, '-m', 'immediate', 'stop'];
        if (asRoot) {
          spawnSync('runuser', ['-u', 'postgres', '--', join(BIN, 'pg_ctl'), ...args], {
            stdio: 'ignore',
          });
        } else spawnSync(join(BIN, 'pg_ctl'), args, { stdio: 'ignore' });
      }
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
