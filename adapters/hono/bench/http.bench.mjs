// A small JSON fetch handler over real HTTP on loopback, through mountFielding vs a native Hono
// route (c.json) vs Hono's own app.mount vs @whatwg-node/server on node:http. Rows run on
// @hono/node-server with its defaults (as Hono users run it) unless they say @fielding/node.
//
// Two forms of the Fielding handler: `Response.json()` (what most handlers write) and
// `new Response(JSON.stringify())`. @hono/node-server swaps the global `Response` for a light
// one whose body it writes without undici, but the static `Response.json()` is inherited from
// undici's and still builds a full undici Response; @fielding/node's FastResponse makes both
// forms light. Every row is its own server process (see test-utils/http-bench.mjs). After
// `pnpm build`:
//   node adapters/hono/bench/http.bench.mjs
import { listen, runHttpBench } from '../../../test-utils/http-bench.mjs';

const payload = { id: 7, title: 'Hello', tags: ['rest', 'http'] };
const jsonHandler = () => Response.json(payload);
const textHandler = () =>
  new Response(JSON.stringify(payload), { headers: { 'Content-Type': 'application/json' } });

async function onHonoServer(setup) {
  const { Hono } = await import('hono');
  const { serve } = await import('@hono/node-server');
  const app = new Hono();
  await setup(app);
  return new Promise((resolve) => {
    serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => resolve(info.port));
  });
}

async function onFieldingNode(setup) {
  const { Hono } = await import('hono');
  const { toNodeListener } = await import('@fielding/node');
  const app = new Hono();
  await setup(app);
  return listen(toNodeListener(app.fetch, { fastResponse: true }));
}

const native = (app) => app.get('/api/blogs/:id', (c) => c.json(payload));
const mountJson = async (app) => {
  const { mountFielding } = await import('@fielding/hono');
  mountFielding(app, '/api', jsonHandler);
};

const NATIVE = 'native hono route (c.json)';
const ADAPTER_JSON = 'mountFielding, Response.json';
const ADAPTER_TEXT = 'mountFielding, new Response(JSON)';
const WRAPPED = 'native route in honoMiddleware(pass)';
const NATIVE_WRAPPED = 'native route in a hono middleware(pass)';
const HONO_MOUNT = "hono's app.mount, Response.json";
const NATIVE_NODE = 'native hono route on @fielding/node';
const ADAPTER_NODE = 'mountFielding on @fielding/node, Response.json';
const WHATWG = '@whatwg-node/server on node:http';

await runHttpBench(import.meta.url, {
  title: 'hono adapter',
  rows: {
    [NATIVE]: () => onHonoServer(native),
    [ADAPTER_JSON]: () => onHonoServer(mountJson),
    [ADAPTER_TEXT]: () =>
      onHonoServer(async (app) => {
        const { mountFielding } = await import('@fielding/hono');
        mountFielding(app, '/api', textHandler);
      }),
    [WRAPPED]: () =>
      onHonoServer(async (app) => {
        const { honoMiddleware } = await import('@fielding/hono');
        app.use(honoMiddleware((request, next) => next(request)));
        native(app);
      }),
    // Any middleware takes Hono off its single-handler fast path (through compose): the
    // like-for-like peer of a pass-through Fielding middleware.
    [NATIVE_WRAPPED]: () =>
      onHonoServer((app) => {
        app.use(async (_c, next) => {
          await next();
        });
        native(app);
      }),
    [HONO_MOUNT]: () => onHonoServer((app) => app.mount('/api', jsonHandler)),
    [NATIVE_NODE]: () => onFieldingNode(native),
    [ADAPTER_NODE]: () => onFieldingNode(mountJson),
    [WHATWG]: async () => {
      const { createServerAdapter } = await import('@whatwg-node/server');
      return listen(createServerAdapter(jsonHandler));
    },
  },
  comparisons: [
    ...[ADAPTER_JSON, ADAPTER_TEXT, ADAPTER_NODE].flatMap((ours) =>
      [NATIVE, NATIVE_NODE, HONO_MOUNT, WHATWG].map((peer) => [ours, peer]),
    ),
    [WRAPPED, NATIVE],
    [WRAPPED, NATIVE_WRAPPED],
  ],
});
