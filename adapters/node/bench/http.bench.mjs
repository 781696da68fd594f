// A small JSON fetch handler (`Response.json()`) on plain node:http over real HTTP on loopback:
// toNodeListener vs @hono/node-server's getRequestListener (its defaults: its own light global
// Request and Response) vs @whatwg-node/server, with a hand-written `res.end(JSON.stringify())`
// listener as the floor. The issue asks for a well-kept bridge unless ours measures faster;
// this is that measurement. Every row is its own server process (see
// test-utils/http-bench.mjs). After `pnpm build`:
//   node adapters/node/bench/http.bench.mjs
import { listen, runHttpBench } from '../../../test-utils/http-bench.mjs';

const payload = { id: 7, title: 'Hello', tags: ['rest', 'http'] };
const handler = () => Response.json(payload);

const BARE = 'hand-written node:http listener';
const OURS = 'toNodeListener';
const HONO = '@hono/node-server getRequestListener';
const WHATWG = '@whatwg-node/server';

await runHttpBench(import.meta.url, {
  title: '@fielding/node',
  rows: {
    [BARE]: () =>
      listen((_req, res) => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(payload));
      }),
    [OURS]: async () => {
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
  comparisons: [BARE, HONO, WHATWG].map((peer) => [OURS, peer]),
});
