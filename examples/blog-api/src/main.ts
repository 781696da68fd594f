// Entry point of `pnpm start`: FRAMEWORK=node|express|fastify|hono, PORT, DATABASE_URL.
import { readConfig } from './config.js';
import { createLogger } from './log.js';
import { startApi } from './start.js';

async function main(): Promise<void> {
  const config = readConfig();
  const api = await startApi(config, createLogger());
  const storage = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${config.dataDir}`;
  console.log(`blog API on ${config.framework}: ${api.server.url}/api/v1 — storage: ${storage}`);

  const stop = async () => {
    await api.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

await main();
