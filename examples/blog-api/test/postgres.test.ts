// Two app instances on one real PostgreSQL server: concurrent conditional writes to one article
// give exactly one success per version. PostgreSQL comes from Debian's packages (.ci/run
// installs it); the cluster lives in a temporary folder and is removed afterwards.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, chmodSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { startNode } from '../src/servers/node.js';
import type { RunningServer } from '../src/servers/types.js';
import { openStore, type Store } from '../src/storage/store.js';

const BIN = '/usr/lib/postgresql/15/bin';
const available = existsSync(join(BIN, 'postgres'));
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

// In CI PostgreSQL must be there; on a newcomer's machine without it, say so instead of failing.
describe.runIf(available || process.env.CI)('two instances on one PostgreSQL', () => {
  const folder = mkdtempSync(join(tmpdir(), 'fielding-pg-'));
  const data = join(folder, 'data');
  let port = 0;
  const stores: Store[] = [];
  const servers: RunningServer[] = [];

  beforeAll(async () => {
    if (asRoot) {
      chmodSync(folder, 0o777);
    }
    port = await freePort();
    run(join(BIN, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
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
    const databaseUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
    // Both instances start at once, as behind a load balancer: migrations and seed must cope.
    stores.push(...(await Promise.all([openStore({ databaseUrl }), openStore({ databaseUrl })])));
    servers.push(...(await Promise.all(stores.map((store) => startNode(createApp({ store }), 0)))));
  }, 120_000);

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.close()));
    await Promise.all(stores.map((store) => store.close()));
    const stop = [join(BIN, 'pg_ctl'), '-D', data, '-m', 'immediate', 'stop'];
    if (existsSync(data)) {
      if (asRoot) spawnSync('runuser', ['-u', 'postgres', '--', ...stop], { stdio: 'ignore' });
      else spawnSync(stop[0] as string, stop.slice(1), { stdio: 'ignore' });
    }
    rmSync(folder, { recursive: true, force: true });
  });

  it('seeded once although both instances started together', async () => {
    const response = await fetch(`${servers[0]?.url}/api/v1/blogs`);
    expect((await response.json()).total).toBe(3);
  });

  it('lets exactly one of many concurrent writers win each version', async () => {
    const article = '/api/v1/blogs/1/articles/1';
    for (let round = 1; round <= 3; round += 1) {
      const current = await fetch(`${servers[0]?.url}${article}`);
      const etag = current.headers.get('etag') ?? '';
      const writers = Array.from({ length: 16 }, (_, index) =>
        fetch(`${servers[index % 2]?.url}${article}`, {
          method: 'PATCH',
          body: JSON.stringify({ content: `round ${round}, writer ${index}` }),
          headers: { 'Content-Type': 'application/merge-patch+json', 'If-Match': etag },
        }),
      );
      const statuses = (await Promise.all(writers)).map((response) => response.status);
      expect(statuses.filter((status) => status === 200)).toHaveLength(1);
      expect(statuses.filter((status) => status === 412)).toHaveLength(15);
    }
    const final = await fetch(`${servers[1]?.url}${article}`);
    expect(final.headers.get('etag')).toBe('"v4-hal"');
  });
});
