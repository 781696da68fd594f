// Shallow ETags over real HTTP on loopback: this package's middleware (Node build) served by
// @fielding/node and by @hono/node-server, against a hand-written node:http handler using
// `etag` + `fresh` and against Hono's own etag middleware; each for a 200 and for a 304
// (`If-None-Match` with the current tag). Every server runs in its own process, loaded by
// autocannon from this one in interleaved rounds (see test-utils/http-bench.mjs), and the
// server's CPU time per request is reported beside req/s. After `pnpm build`:
//   node packages/conditional-requests/bench/http.bench.mjs
/* global fetch */
import { createServer } from 'node:http';
import { listen, runHttpBench } from '../../../test-utils/http-bench.mjs';

const data = {
  id: 7,
  title: 'Conditional requests',
  items: Array.from({ length: 12 }, (_, index) => ({ id: index, name: `item-${index}`, ok: true })),
};
const handler = () =>
  new Response(JSON.stringify(data), { headers: { 'Content-Type': 'application/json' } });

const withEtag = async () => {
  const { compose } = await import('@fielding/core');
  const { shallowEtag } = await import('@fielding/conditional-requests');
  return compose(shallowEtag())(handler);
};

const serveNode = async (fetch) => {
  const { toNodeListener } = await import('@fielding/node');
  return listen(toNodeListener(fetch, { fastResponse: true }));
};

// @hono/node-server swaps in its own light Response; the middleware cannot see that one's body
// source and takes the stream path.
const serveHono = async (fetch) => {
  const { serve } = await import('@hono/node-server');
  return new Promise((resolve) => {
    serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info) => resolve(info.port));
  });
};

const rows = {
  // This package, Node build (`node` export condition → etag-format hashing on node:crypto).
  fielding: async () => serveNode(await withEtag()),
  // The same fetch handler without any ETag: the middleware's own cost is the difference.
  'fielding, no etag': () => serveNode(handler),
  'fielding on @hono/node-server': async () => serveHono(await withEtag()),
  // What a careful Node developer writes by hand.
  'node:http + etag': async () => {
    const { default: etag } = await import('etag');
    const { default: fresh } = await import('fresh');
    const server = createServer((req, res) => {
      const body = JSON.stringify(data);
      const tag = etag(body);
      res.setHeader('Content-Type', 'application/json');
      res.setHeader('ETag', tag);
      if (fresh(req.headers, { etag: tag })) {
        res.statusCode = 304;
        res.end();
        return;
      }
      res.end(body);
    });
    return new Promise((resolve) => {
      server.listen(0, '127.0.0.1', () => resolve(server.address().port));
    });
  },
  // Hono's etag middleware (Web Crypto plus a body clone).
  'hono etag': async () => {
    const { Hono } = await import('hono');
    const { etag } = await import('hono/etag');
    const app = new Hono();
    app.use('*', etag());
    app.get('/', (c) => c.json(data));
    return serveHono(app.fetch);
  },
};

const currentTag = async (url) => {
  const response = await fetch(url);
  await response.arrayBuffer();
  // Node's fetch would add `Cache-Control: no-cache` to a conditional request; autocannon not.
  return { 'if-none-match': response.headers.get('etag') };
};

const cases = {};
for (const server of Object.keys(rows)) {
  cases[`${server} 200`] = { server };
  if (server !== 'fielding, no etag') {
    cases[`${server} 304`] = { server, headers: currentTag, expect: '3xx' };
  }
}

await runHttpBench(import.meta.url, {
  title: 'shallow ETags (goal: ≥ 0.90× node:http + etag, ≥ 4.00× hono etag)',
  path: '/',
  rows,
  cases,
  comparisons: ['200', '304']
    .flatMap((scenario) => [
      [`fielding ${scenario}`, `node:http + etag ${scenario}`],
      [`fielding ${scenario}`, `hono etag ${scenario}`],
      [`fielding on @hono/node-server ${scenario}`, `node:http + etag ${scenario}`],
      [`fielding on @hono/node-server ${scenario}`, `hono etag ${scenario}`],
    ])
    .concat([['fielding 200', 'fielding, no etag 200']]),
});
