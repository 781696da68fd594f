// The two sides of the adapter over real HTTP on loopback, each against a native Express 5 app
// doing the same work (no row sends an ETag: Express's default one is switched off where it
// would be computed, since the Fielding rows compute none):
// - mount: a 3-field JSON fetch handler (`Response.json()`) through mountFielding, vs a native
//   route's `res.json()`, and vs @whatwg-node/server and @hono/node-server mounted in Express;
// - wrap: a native `res.json()` route inside expressMiddleware whose middleware sets a header on
//   the captured Response, vs the same route behind an Express middleware setting that header.
// Each Fielding row runs with Node's own Response and with installFastResponse(). Every row is
// its own server process (see test-utils/http-bench.mjs), started with the binary that runs this
// script. After `pnpm build`:
//   node adapters/express/bench/http.bench.mjs
//   $(npx -y node@24 -p process.execPath) adapters/express/bench/http.bench.mjs
import { listen, runHttpBench } from '../../../test-utils/http-bench.mjs';

const payload = { id: 7, title: 'Hello', tags: ['rest', 'http'] };
const handler = () => Response.json(payload);

/** An Express 5 app without its default ETag, set up by `setup`, on a free port. */
async function express(setup) {
  const { default: createApp } = await import('express');
  const app = createApp();
  app.set('etag', false);
  await setup(app);
  return listen(app);
}

/** The native route both wrap rows run. */
const route = (app) =>
  app.get('/api/blogs/:id', (_req, res) => {
    res.json(payload);
  });

/** The Fielding middleware of the wrap rows: a header on the captured response. */
const stamp = async (request, next) => {
  const response = await next(request);
  response.headers.set('X-Served-By', 'fielding');
  return response;
};

async function fastResponse(fast) {
  if (!fast) return;
  const { installFastResponse } = await import('@fielding/node');
  installFastResponse();
}

async function mount(fast) {
  await fastResponse(fast);
  const { mountFielding } = await import('@fielding/express');
  return express((app) => app.use('/api', mountFielding(handler)));
}

async function wrap(fast) {
  await fastResponse(fast);
  const { expressMiddleware } = await import('@fielding/express');
  return express((app) => {
    app.use(expressMiddleware(stamp));
    route(app);
  });
}

const NATIVE = 'native route';
const MOUNT = 'mountFielding';
const MOUNT_FAST = 'mountFielding, installFastResponse()';
const WHATWG_EXPRESS = '@whatwg-node/server in express';
const HONO_EXPRESS = '@hono/node-server listener in express';
const WRAP_NATIVE = 'native route + header middleware';
const WRAP = 'expressMiddleware(stamp) + route';
const WRAP_FAST = 'expressMiddleware(stamp) + route, installFastResponse()';

await runHttpBench(import.meta.url, {
  title: 'express adapter (express 5, no ETag on any row)',
  rows: {
    [NATIVE]: () => express(route),
    [MOUNT]: () => mount(false),
    [MOUNT_FAST]: () => mount(true),
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
    [WRAP_NATIVE]: () =>
      express((app) => {
        app.use((_req, res, next) => {
          res.setHeader('X-Served-By', 'fielding');
          next();
        });
        route(app);
      }),
    [WRAP]: () => wrap(false),
    [WRAP_FAST]: () => wrap(true),
  },
  comparisons: [
    [MOUNT, NATIVE],
    [MOUNT_FAST, NATIVE],
    [MOUNT, WHATWG_EXPRESS],
    [MOUNT, HONO_EXPRESS],
    [WRAP, WRAP_NATIVE],
    [WRAP_FAST, WRAP_NATIVE],
  ],
});
