// `pnpm start`: builds the packages if needed and starts the example blog API.
// FRAMEWORK=node|express|fastify|hono (default node) and PORT (default 3000) choose the server.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const example = 'examples/blog-api';
if (!existsSync(`${example}/package.json`)) {
  console.error(`The example API (${example}) is not built yet; see issue 10. Nothing to start.`);
  process.exit(1);
}
const result = spawnSync('pnpm', ['--filter', '@fielding/example-blog-api', 'start'], {
  stdio: 'inherit',
  env: process.env,
});
process.exit(result.status ?? 1);
