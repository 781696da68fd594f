// Opens the store and serves the app on the configured framework: what `pnpm start` runs, and
// what the tests' server child process runs.
import { createApp } from './app.js';
import type { Config } from './config.js';
import { databaseIdempotencyStore } from './edge.js';
import { openEdge } from './edge-stores.js';
import type { Logger } from './log.js';
import { createMetrics } from './metrics.js';
import { loadServer } from './servers/load-server.js';
import type { RunningServer } from './servers/types.js';
import { openStore, type Store } from './storage/store.js';

const PRUNE_EVERY_MS = 5 * 60_000;

/** A started API: its server, its store, and how to stop both. */
export interface RunningApi {
  readonly server: RunningServer;
  readonly store: Store;
  close(): Promise<void>;
}

/** Opens (and on first use migrates and seeds) the store, then starts the server. */
export async function startApi(config: Config, logger: Logger): Promise<RunningApi> {
  const store = await openStore({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    connectTimeoutMs: config.databaseConnectTimeoutMs,
    queryTimeoutMs: config.databaseQueryTimeoutMs,
    logger,
  });
  const edge = await openEdge(config.edge);
  // Expired Idempotency-Key rows are deleted every few minutes (Redis expires its own keys).
  const keys =
    edge.options.idempotencyStore === undefined ? databaseIdempotencyStore(store.db) : undefined;
  const pruning =
    keys && setInterval(() => void keys.prune().catch(() => undefined), PRUNE_EVERY_MS);
  pruning?.unref();
  const app = createApp({
    store,
    edge: { ...edge.options, ...(keys && { idempotencyStore: keys }) },
    metrics: createMetrics(),
    version: config.version,
    commit: config.commit,
    logger,
  });
  const start = await loadServer(config.framework);
  const server = await start(app, config.port, config.host, config.timeouts);
  return {
    server,
    store,
    close: async () => {
      clearInterval(pruning);
      await server.close();
      await store.close();
      await edge.close();
    },
  };
}
