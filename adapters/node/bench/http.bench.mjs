// A small JSON fetch handler (`Response.json()`) on plain node:http over real HTTP on loopback:
// `serve()` with and without the light global Response (`fastResponse: true`), the bare
// `toNodeListener`, @hono/node-server's getRequestListener (its defaults: its own light global
// Request and Response) and @whatwg-node/server, with a hand-written `res.end(JSON.stringify())`
// listener as the floor. Every row is its own server process (see test-utils/http-bench.mjs),
// started with the binary that runs this script, so one command measures any Node version.
// After `pnpm build`:
//   node adapters/node/bench/http.bench.mjs
//   $(npx -y node@24 -p process.execPath) adapters/node/bench/http.bench.mjs
import { once } from 'node:events';
import { listen, runHttpBench } from '../../../test-utils/http-bench.mjs';

const payload = { id: 7, title: 'Hello', tags: ['rest', 'http'] };
const handler = () => Response.json(payload);

const BARE = 'hand-written node:http listener';
const SERVE_FAST = 'serve({ fastResponse: true })';
const SERVE = 'serve()';
const LISTENER = 'toNodeListener({ fastResponse: true })';
const HONO = '@hono/node-server getRequestListener';
const WHATWG = '@whatwg-node/server';

/** `serve()` on a free port, resolved once it listens. */
async function served(options) {
  const { serve } = await import('@fielding/node');
  const server = serve(handler, { port: 0, ...options });
  await once(server, 'listening');
  return server.address().port;
}

await runHttpBench(import.meta.url, {
  title: '@fielding/node',
  rows: {
    [BARE]: () =>
      listen((_req, res) => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(payload));
      }),
    [SERVE_FAST]: () => served({ fastResponse: true }),
    [SERVE]: () => served({}),
    [LISTENER]: async () => {
      const { toNodeListener } = await import('@fielding/node');
      return listen(toNodeListener(handler, { fastResponse: true }));
    },
    [HONO]: async () => {
      const { getRequestListener } = await import('@hono/node-server');
      return listen(getRequestListener(handler));
    },
    [WHATWG]: async () => {
      const { createServerAdapter } = await import('@whatwg-node/server');
      return listen(createServerAdapter(handler));
    },
  },
  comparisons: [
    [SERVE_FAST, BARE],
    [SERVE, BARE],
    [LISTENER, BARE],
    [SERVE_FAST, SERVE],
    [SERVE_FAST, HONO],
    [SERVE_FAST, WHATWG],
  ],
});
