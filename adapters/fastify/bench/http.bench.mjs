// A small JSON fetch handler (`Response.json()`) over real HTTP on loopback: through the
// fielding() plugin and a toFastify route vs a native Fastify 5 route vs @whatwg-node/server
// (on node:http, as the issue asks, and mounted in Fastify the way its docs show). Every row is
// its own server process (see test-utils/http-bench.mjs). After `pnpm build`:
//   node adapters/fastify/bench/http.bench.mjs
import { listen, runHttpBench } from '../../../test-utils/http-bench.mjs';

const payload = { id: 7, title: 'Hello', tags: ['rest', 'http'] };
const handler = () => Response.json(payload);

async function fastify(setup) {
  const { default: Fastify } = await import('fastify');
  const app = Fastify();
  await setup(app);
  await app.listen({ port: 0, host: '127.0.0.1' });
  return app.server.address().port;
}

const NATIVE = 'native fastify 5 route';
const NATIVE_RESPONSE = 'native route + Response.json()';
const PLUGIN = 'fielding() plugin';
const ROUTE = 'toFastify route';
const WHATWG = '@whatwg-node/server on node:http';
const WHATWG_FASTIFY = '@whatwg-node/server in fastify 5';

await runHttpBench(import.meta.url, {
  title: 'fastify adapter',
  rows: {
    [NATIVE]: () => fastify((app) => app.get('/api/blogs/:id', async () => payload)),
    // The native route also building (and dropping) the Response.json() the fetch handler
    // builds: what Node's own Response costs, adapter or not.
    [NATIVE_RESPONSE]: () =>
      fastify((app) =>
        app.get('/api/blogs/:id', async () => {
          void Response.json(payload);
          return payload;
        }),
      ),
    [PLUGIN]: async () => {
      const { fielding } = await import('@fielding/fastify');
      return fastify((app) => app.register(fielding(handler), { prefix: '/api' }));
    },
    [ROUTE]: async () => {
      const { toFastify } = await import('@fielding/fastify');
      return fastify((app) => app.get('/api/blogs/:id', toFastify(handler)));
    },
    [WHATWG]: async () => {
      const { createServerAdapter } = await import('@whatwg-node/server');
      return listen(createServerAdapter(handler));
    },
    [WHATWG_FASTIFY]: async () => {
      const { createServerAdapter } = await import('@whatwg-node/server');
      const adapter = createServerAdapter(handler);
      return fastify((app) =>
        app.route({
          url: '/api/*',
          method: ['GET', 'POST'],
          handler: async (request, reply) => {
            const response = await adapter.handleNodeRequestAndResponse(request, reply);
            response.headers.forEach((value, key) => reply.header(key, value));
            reply.status(response.status);
            reply.send(response.body);
            return reply;
          },
        }),
      );
    },
  },
  comparisons: [PLUGIN, ROUTE].flatMap((ours) =>
    [NATIVE, NATIVE_RESPONSE, WHATWG, WHATWG_FASTIFY].map((peer) => [ours, peer]),
  ),
});
