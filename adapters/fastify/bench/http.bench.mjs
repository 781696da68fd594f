// One ~1 KB JSON resource with a shallow ETag, over real HTTP on loopback, answered by:
// - plain Fastify 5 with @fastify/etag (SHA-1, its default): the native peer;
// - mountFielding() serving a fetch handler that composes shallowEtag() (SHA-1 too), with
//   Node's own Response and with the light one installFastResponse() puts in its place;
// - the same native route wrapped by fastifyMiddleware(shallowEtag()) instead of @fastify/etag;
// - @whatwg-node/server mounted in Fastify 5 the way its docs show (the body buffered, so it
//   has a Content-Length too), with the same handler.
// Every row sends the same body and the same header fields (Content-Type, Content-Length,
// ETag, Date, Connection; checked before measuring), for a plain GET and for a revalidation
// that ends in 304. Every row is its own server process (test-utils/http-bench.mjs) and
// `process.execPath` runs them all, so one command measures any Node:
//   pnpm build && node adapters/fastify/bench/http.bench.mjs
//   "$(npx -y node@22 -p process.execPath)" adapters/fastify/bench/http.bench.mjs
import { Buffer } from 'node:buffer';
import { request } from 'node:http';
import { runHttpBench } from '../../../test-utils/http-bench.mjs';

const summary =
  'Representational state transfer lets each request carry what the server needs to answer. ';
/** ~1 KB once serialised, the size of a typical resource representation. */
const payload = {
  id: 7,
  blogId: 1,
  title: 'Caching that the client can trust',
  summary,
  body: summary.repeat(7),
  status: 'published',
  tags: ['rest', 'http', 'caching'],
  createdAt: '2026-01-02T03:04:05.000Z',
  updatedAt: '2026-11-30T12:00:00.000Z',
};

async function fastify(setup) {
  const { default: Fastify } = await import('fastify');
  const app = Fastify();
  await setup(app);
  await app.listen({ port: 0, host: '127.0.0.1' });
  return app.server.address().port;
}

/** The fetch handler every Fielding row serves: the bytes and type Fastify sends for `payload`. */
async function fieldingHandler() {
  const { compose } = await import('@fielding/core');
  const { shallowEtag } = await import('@fielding/conditional-requests');
  return compose(shallowEtag())(
    () =>
      new Response(JSON.stringify(payload), {
        headers: { 'Content-Type': 'application/json; charset=utf-8' },
      }),
  );
}

const NATIVE = 'fastify 5 + @fastify/etag';
const MOUNT = 'mountFielding()';
const MOUNT_FAST = 'mountFielding() + installFastResponse()';
const WRAP = 'fastify 5 + fastifyMiddleware(shallowEtag())';
const WHATWG = '@whatwg-node/server in fastify 5';

const rows = {
  [NATIVE]: async () => {
    const { default: etag } = await import('@fastify/etag');
    return fastify(async (app) => {
      await app.register(etag);
      app.get('/api/blogs/:id', async () => payload);
    });
  },
  [MOUNT]: async () => {
    const { mountFielding } = await import('@fielding/fastify');
    const handler = await fieldingHandler();
    return fastify((app) => app.register(mountFielding(handler), { prefix: '/api' }));
  },
  [MOUNT_FAST]: async () => {
    const { installFastResponse } = await import('@fielding/node');
    installFastResponse();
    const { mountFielding } = await import('@fielding/fastify');
    const handler = await fieldingHandler();
    return fastify((app) => app.register(mountFielding(handler), { prefix: '/api' }));
  },
  [WRAP]: async () => {
    const { fastifyMiddleware } = await import('@fielding/fastify');
    const { shallowEtag } = await import('@fielding/conditional-requests');
    return fastify(async (app) => {
      await app.register(fastifyMiddleware(shallowEtag()));
      app.get('/api/blogs/:id', async () => payload);
    });
  },
  [WHATWG]: async () => {
    const { createServerAdapter } = await import('@whatwg-node/server');
    const adapter = createServerAdapter(await fieldingHandler());
    return fastify((app) =>
      app.route({
        url: '/api/*',
        method: ['GET', 'HEAD'],
        handler: async (request, reply) => {
          const response = await adapter.handleNodeRequestAndResponse(request, reply);
          response.headers.forEach((value, key) => reply.header(key, value));
          reply.status(response.status);
          // Whole, as the other rows send it (Content-Length, not chunked).
          reply.send(response.body === null ? null : Buffer.from(await response.arrayBuffer()));
          return reply;
        },
      }),
    );
  },
};

/** One GET: status, the header names (framing aside) and the body. */
function get(url, headers = {}) {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode,
          headers: res.headers,
          names: Object.keys(res.headers).sort().join(' '),
          body: Buffer.concat(chunks).toString(),
        }),
      );
    })
      .on('error', reject)
      .end();
  });
}

/** Every row answers alike, or the comparison means nothing: checked before measuring. */
async function check(url, name) {
  const reply = await get(url);
  if (reply.status !== 200 || reply.body !== JSON.stringify(payload)) {
    throw new Error(`${name}: ${reply.status}, ${reply.body.length} bytes`);
  }
  if (reply.names !== 'connection content-length content-type date etag keep-alive') {
    throw new Error(`${name}: header fields ${reply.names}`);
  }
  if (reply.headers['content-type'] !== 'application/json; charset=utf-8') {
    throw new Error(`${name}: ${reply.headers['content-type']}`);
  }
  const revalidated = await get(url, { 'If-None-Match': reply.headers.etag });
  if (revalidated.status !== 304 || revalidated.body !== '') {
    throw new Error(`${name}: ${revalidated.status} to If-None-Match`);
  }
  return reply;
}

const plain = (server) => ({ server, headers: async (url) => (await check(url, server), {}) });
const fresh = (server) => ({
  server,
  headers: async (url) => ({ 'If-None-Match': (await check(url, server)).headers.etag }),
  expect: '3xx',
});

await runHttpBench(import.meta.url, {
  title: 'fastify adapter, ~1 KB JSON with a shallow ETag',
  rows,
  cases: {
    [NATIVE]: plain(NATIVE),
    [MOUNT]: plain(MOUNT),
    [MOUNT_FAST]: plain(MOUNT_FAST),
    [WRAP]: plain(WRAP),
    [WHATWG]: plain(WHATWG),
    [`${NATIVE} 304`]: fresh(NATIVE),
    [`${MOUNT} 304`]: fresh(MOUNT),
    [`${WRAP} 304`]: fresh(WRAP),
  },
  comparisons: [
    [MOUNT, NATIVE],
    [MOUNT_FAST, NATIVE],
    [WRAP, NATIVE],
    [MOUNT, WHATWG],
    [`${MOUNT} 304`, `${NATIVE} 304`],
    [`${WRAP} 304`, `${NATIVE} 304`],
  ],
});
