// A small JSON fetch handler (`Response.json()`) over real HTTP on loopback: through toExpress
// vs a native Express 5 route vs @whatwg-node/server (on node:http, and mounted in Express) vs
// @hono/node-server's listener mounted in Express. Every row is its own server process (see
// test-utils/http-bench.mjs). After `pnpm build`:
//   node adapters/express/bench/http.bench.mjs
import { listen, runHttpBench } from '../../../test-utils/http-bench.mjs';

const payload = { id: 7, title: 'Hello', tags: ['rest', 'http'] };
const handler = () => Response.json(payload);

async function express(setup) {
  const { default: createApp } = await import('express');
  const app = createApp();
  await setup(app);
  return listen(app);
}

const NATIVE = 'native express 5 route';
const OURS = 'toExpress';
const NATIVE_RESPONSE = 'toExpress, fastResponse: false';
const WHATWG = '@whatwg-node/server on node:http';
const WHATWG_EXPRESS = '@whatwg-node/server in express 5';
const HONO_EXPRESS = '@hono/node-server listener in express 5';

await runHttpBench(import.meta.url, {
  title: 'express adapter',
  rows: {
    [NATIVE]: () =>
      express((app) =>
        app.get('/api/blogs/:id', (_req, res) => {
          res.json(payload);
        }),
      ),
    [OURS]: async () => {
      const { toExpress } = await import('@fielding/express');
      return express((app) => app.use('/api', toExpress(handler)));
    },
    // The same adapter with Node's own Response: what FastResponse saves.
    [NATIVE_RESPONSE]: async () => {
      const { toExpress } = await import('@fielding/express');
      return express((app) => app.use('/api', toExpress(handler, { fastResponse: false })));
    },
    [WHATWG]: async () => {
      const { createServerAdapter } = await import('@whatwg-node/server');
      return listen(createServerAdapter(handler));
    },
    [WHATWG_EXPRESS]: async () => {
      const { createServerAdapter } = await import('@whatwg-node/server');
      return express((app) => app.use('/api', createServerAdapter(handler)));
    },
    // With its defaults (its own global Request/Response), as its docs show.
    [HONO_EXPRESS]: async () => {
      const { getRequestListener } = await import('@hono/node-server');
      const listener = getRequestListener(handler);
      return express((app) =>
        app.use('/api', (req, res) => {
          void listener(req, res);
        }),
      );
    },
  },
  comparisons: [NATIVE, NATIVE_RESPONSE, WHATWG, WHATWG_EXPRESS, HONO_EXPRESS].map((peer) => [
    OURS,
    peer,
  ]),
});
