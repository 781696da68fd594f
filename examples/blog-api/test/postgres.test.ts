// Two app instances on one real PostgreSQL server: concurrent conditional writes to one article
// give exactly one success per version. PostgreSQL comes from Debian's packages (.ci/run
// installs it); the cluster lives in a temporary folder and is removed afterwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { startNode } from '../src/servers/node.js';
import type { RunningServer } from '../src/servers/types.js';
import { openStore, type Store } from '../src/storage/store.js';
import {
  POSTGRES_AVAILABLE,
  startCluster,
  type PostgresCluster,
} from './support/postgres-cluster.js';

// In CI PostgreSQL must be there; on a newcomer's machine without it, say so instead of failing.
describe.runIf(POSTGRES_AVAILABLE || process.env.CI)('two instances on one PostgreSQL', () => {
  let cluster: PostgresCluster;
  const stores: Store[] = [];
  const servers: RunningServer[] = [];

  beforeAll(async () => {
    cluster = await startCluster();
    const databaseUrl = cluster.url;
    // Both instances start at once, as behind a load balancer: migrations and seed must cope.
    stores.push(...(await Promise.all([openStore({ databaseUrl }), openStore({ databaseUrl })])));
    servers.push(...(await Promise.all(stores.map((store) => startNode(createApp({ store }), 0)))));
  }, 120_000);

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.close()));
    await Promise.all(stores.map((store) => store.close()));
    cluster?.destroy();
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
