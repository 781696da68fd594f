// Entry point of `pnpm start`: FRAMEWORK=node|express|fastify|hono, PORT, DATABASE_URL.
import { createApp } from './app.js';
import { readConfig } from './config.js';
import { createMetrics } from './metrics.js';
import { loadServer } from './servers/load-server.js';
import { openStore } from './storage/store.js';

async function main(): Promise<void> {
  const config = readConfig();
  const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const app = createApp({
    store,
    metrics: createMetrics(),
    version: config.version,
    commit: config.commit,
    onServerError: (error, request) =>
      console.error(`${request.method} ${request.url} failed:`, error),
  });
  const start = await loadServer(config.framework);
  const server = await start(app, config.port, config.host);
  const storage = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${config.dataDir}`;
  console.log(`blog API on ${config.framework}: ${server.url}/api/v1 — storage: ${storage}`);

  const stop = async () => {
    await server.close();
    await store.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

await main();
