// The adapter over real HTTP on loopback against plain Hono 4 doing the same work, every row
// sending the same 1 KB JSON body as `application/json` (checked before the rounds start):
// - mount: a fetch handler through mountFielding vs a native route's `c.json()`, vs Hono's own
//   `app.mount`; on @hono/node-server with its defaults (as Hono users run it) and on
//   @fielding/node's `serve()`, with Node's own Response and with `fastResponse: true`;
// - wrap: a pass-through honoMiddleware vs a pass-through Hono middleware;
// - shallow ETags: `hono/etag` around a native route (the peer) vs `honoMiddleware(shallowEtag())`
//   around the same route, and vs `shallowEtag()` inside a mounted handler; each for a 200 and a
//   304 (`If-None-Match` with the current tag).
// Every row is its own server process (see test-utils/http-bench.mjs), started with the binary
// that runs this script. After `pnpm build`:
//   node adapters/hono/bench/http.bench.mjs
//   $(npx -y node@24 -p process.execPath) adapters/hono/bench/http.bench.mjs
/* global fetch */
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { runHttpBench } from '../../../test-utils/http-bench.mjs';

// @fielding/conditional-requests is no dependency of this adapter: taken from the root bench
// workspace, by name, as Node resolves it there (the `node` build, hashing on node:crypto).
const fromBenchWorkspace = createRequire(new URL('../../../bench/package.json', import.meta.url));

const payload = {
  id: 7,
  title: 'Representational State Transfer',
  author: { id: 3, name: 'Roy T. Fielding' },
  tags: ['rest', 'http', 'hypermedia'],
  comments: Array.from({ length: 8 }, (_, index) => ({
    id: index + 1,
    author: `reader-${index + 1}`,
    body: 'Resources are named by URLs; representations carry the state.',
    likes: index * 3,
  })),
};
const BODY = JSON.stringify(payload); // 1026 bytes

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

function onFieldingNode(setup, options = {}) {
  return async () => {
    const { Hono } = await import('hono');
    const { serve } = await import('@fielding/node');
    const app = new Hono();
    await setup(app);
    const server = serve(app.fetch, { ...options, port: 0 });
    await once(server, 'listening');
    return server.address().port;
  };
}

const native = (app) => app.get('/api/blogs/:id', (c) => c.json(payload));
const mount = (handler) => async (app) => {
  const { mountFielding } = await import('@fielding/hono');
  mountFielding(app, '/api', handler);
};
const shallowEtag = () => fromBenchWorkspace('@fielding/conditional-requests').shallowEtag();
const withShallowEtag = async (handler) => {
  const { compose } = await import('@fielding/core');
  return compose(shallowEtag())(handler);
};

const NATIVE = 'hono: native route, c.json';
const MOUNT_TEXT = 'mountFielding, new Response(JSON)';
const MOUNT_JSON = 'mountFielding, Response.json';
const HONO_MOUNT = 'hono: app.mount, new Response(JSON)';
const NATIVE_NODE = 'hono: native route, @fielding/node';
const MOUNT_NODE = 'mountFielding, Response.json, @fielding/node';
const MOUNT_NODE_FAST = 'mountFielding, Response.json, @fielding/node fastResponse';
const WRAPPED = 'honoMiddleware(pass) + native route';
const NATIVE_WRAPPED = 'hono: middleware(pass) + native route';
const HONO_ETAG = 'hono: hono/etag + native route';
const WRAP_ETAG = 'honoMiddleware(shallowEtag()) + native route';
const MOUNT_ETAG = 'mountFielding, shallowEtag() in the handler';
const MOUNT_ETAG_NODE = 'mountFielding, shallowEtag() in the handler, @fielding/node';

const rows = {
  [NATIVE]: () => onHonoServer(native),
  [MOUNT_TEXT]: () => onHonoServer(mount(textHandler)),
  [MOUNT_JSON]: () => onHonoServer(mount(jsonHandler)),
  [HONO_MOUNT]: () => onHonoServer((app) => app.mount('/api', textHandler)),
  [NATIVE_NODE]: onFieldingNode(native),
  [MOUNT_NODE]: onFieldingNode(mount(jsonHandler)),
  [MOUNT_NODE_FAST]: onFieldingNode(mount(jsonHandler), { fastResponse: true }),
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
  [HONO_ETAG]: () =>
    onHonoServer(async (app) => {
      const { etag } = await import('hono/etag');
      app.use(etag());
      native(app);
    }),
  [WRAP_ETAG]: () =>
    onHonoServer(async (app) => {
      const { honoMiddleware } = await import('@fielding/hono');
      app.use(honoMiddleware(shallowEtag()));
      native(app);
    }),
  [MOUNT_ETAG]: async () => onHonoServer(mount(await withShallowEtag(textHandler))),
  [MOUNT_ETAG_NODE]: async () => onFieldingNode(mount(await withShallowEtag(jsonHandler)))(),
};

/** Fails the bench unless `url` answers 200 with the same bytes as every other row. */
async function sameBytes(url) {
  const response = await fetch(url);
  const text = await response.text();
  const type = response.headers.get('content-type');
  if (response.status !== 200 || text !== BODY || type !== 'application/json') {
    throw new Error(`${url}: ${response.status} ${type}, ${text.length} bytes: not the same bytes`);
  }
  return response;
}

const plain = async (url) => {
  await sameBytes(url);
  return {};
};
// Node's fetch would add `Cache-Control: no-cache` to a conditional request; autocannon not.
const currentTag = async (url) => ({
  'if-none-match': (await sameBytes(url)).headers.get('etag'),
});

const ETAG_ROWS = [HONO_ETAG, WRAP_ETAG, MOUNT_ETAG, MOUNT_ETAG_NODE];
const cases = {};
for (const server of Object.keys(rows)) {
  if (!ETAG_ROWS.includes(server)) {
    cases[server] = { server, headers: plain };
    continue;
  }
  cases[`${server} 200`] = { server, headers: plain };
  cases[`${server} 304`] = { server, headers: currentTag, expect: '3xx' };
}

await runHttpBench(import.meta.url, {
  title: 'hono adapter (1 KB JSON on every row)',
  rows,
  cases,
  comparisons: [
    [MOUNT_TEXT, NATIVE],
    [MOUNT_JSON, NATIVE],
    [MOUNT_TEXT, HONO_MOUNT],
    [MOUNT_NODE, NATIVE_NODE],
    [MOUNT_NODE, NATIVE],
    [MOUNT_NODE_FAST, NATIVE_NODE],
    [MOUNT_NODE_FAST, NATIVE],
    [WRAPPED, NATIVE_WRAPPED],
    ...['200', '304'].flatMap((status) =>
      [WRAP_ETAG, MOUNT_ETAG, MOUNT_ETAG_NODE].map((ours) => [
        `${ours} ${status}`,
        `${HONO_ETAG} ${status}`,
      ]),
    ),
  ],
});
