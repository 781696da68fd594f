// The rows: each starts one server (in its own process, see run.mjs) and resolves with its port.
// Imports are inside the functions, so a row's process loads only its own framework.
import { createServer } from 'node:http';
import {
  CONTENT_TYPES,
  ITEM_PATTERN,
  LAST_MODIFIED,
  document,
  find,
  matches,
  notFoundBody,
  variantOf,
} from './hand.mjs';

const listen = (server) =>
  new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port)));

/** The answer of every hand-written row, as status, headers and body. */
function answer(path, accept, ifNoneMatch) {
  const match = ITEM_PATTERN.exec(path);
  const row = match && find(match[1], match[2]);
  if (!row) {
    return {
      status: 404,
      headers: { 'Content-Type': 'application/problem+json', Vary: 'Accept' },
      body: notFoundBody(match ? match[2] : '', path),
    };
  }
  const variant = variantOf(accept);
  if (variant === undefined) {
    return {
      status: 406,
      headers: { 'Content-Type': 'application/problem+json', Vary: 'Accept' },
      body: JSON.stringify({ type: 'about:blank', title: 'Not Acceptable', status: 406 }),
    };
  }
  const etag = `"v${row.version}-${variant}"`;
  const headers = {
    ETag: etag,
    'Last-Modified': LAST_MODIFIED,
    'Cache-Control': 'no-cache',
    Vary: 'Accept',
  };
  if (matches(ifNoneMatch, etag)) return { status: 304, headers, body: null };
  headers['Content-Type'] = CONTENT_TYPES[variant];
  return { status: 200, headers, body: JSON.stringify(document(row, match[1], match[2])) };
}

export const rows = {
  async 'fielding/node'() {
    const { serve } = await import('@fielding/node');
    const { createFieldingApp } = await import('./fielding-app.mjs');
    const server = serve(createFieldingApp(), { port: 0, fastResponse: true });
    await new Promise((resolve) => server.once('listening', resolve));
    return server.address().port;
  },
  async 'fielding/node, native Response'() {
    const { serve } = await import('@fielding/node');
    const { createFieldingApp } = await import('./fielding-app.mjs');
    const server = serve(createFieldingApp(), { port: 0 });
    await new Promise((resolve) => server.once('listening', resolve));
    return server.address().port;
  },
  async 'hand/node'() {
    return listen(
      createServer((req, res) => {
        const { status, headers, body } = answer(
          req.url.split('?')[0],
          req.headers.accept,
          req.headers['if-none-match'],
        );
        res.writeHead(status, headers);
        res.end(body ?? undefined);
      }),
    );
  },
  async 'hand/node+etag+fresh'() {
    const { default: etag } = await import('etag');
    const { default: fresh } = await import('fresh');
    return listen(
      createServer((req, res) => {
        const { status, headers, body } = answer(req.url.split('?')[0], req.headers.accept);
        if (status !== 200) {
          res.writeHead(status, headers);
          res.end(body ?? undefined);
          return;
        }
        headers.ETag = etag(body);
        if (fresh(req.headers, { etag: headers.ETag, 'last-modified': LAST_MODIFIED })) {
          delete headers['Content-Type'];
          res.writeHead(304, headers);
          res.end();
          return;
        }
        res.writeHead(200, headers);
        res.end(body);
      }),
    );
  },
  async 'fielding/express'() {
    const { default: express } = await import('express');
    const { mountFielding } = await import('@fielding/express');
    const { createFieldingApp } = await import('./fielding-app.mjs');
    const app = express();
    app.use('/api', mountFielding(createFieldingApp()));
    return listen(createServer(app));
  },
  async 'hand/express'() {
    const { default: express } = await import('express');
    const app = express();
    app.set('etag', false);
    app.get('/api/blogs/:blogId/articles/:articleId', (req, res) => {
      const { status, headers, body } = answer(
        req.path,
        req.get('accept'),
        req.get('if-none-match'),
      );
      res.status(status).set(headers);
      if (body === null) res.end();
      else res.send(body);
    });
    return listen(createServer(app));
  },
  async 'fielding/fastify'() {
    const { default: Fastify } = await import('fastify');
    const { mountFielding } = await import('@fielding/fastify');
    const { createFieldingApp } = await import('./fielding-app.mjs');
    const app = Fastify();
    await app.register(mountFielding(createFieldingApp()), { prefix: '/api' });
    await app.listen({ port: 0, host: '127.0.0.1' });
    return app.server.address().port;
  },
  async 'hand/fastify'() {
    const { default: Fastify } = await import('fastify');
    const app = Fastify();
    app.get('/api/blogs/:blogId/articles/:articleId', (request, reply) => {
      const { status, headers, body } = answer(
        request.url.split('?')[0],
        request.headers.accept,
        request.headers['if-none-match'],
      );
      reply.code(status).headers(headers);
      return reply.send(body ?? undefined);
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    return app.server.address().port;
  },
  async 'hand/fastify+@fastify/etag'() {
    const { default: Fastify } = await import('fastify');
    const { default: etag } = await import('@fastify/etag');
    const app = Fastify();
    await app.register(etag);
    app.get('/api/blogs/:blogId/articles/:articleId', (request, reply) => {
      const { status, headers, body } = answer(request.url.split('?')[0], request.headers.accept);
      delete headers.ETag;
      reply.code(status).headers(headers);
      return reply.send(body ?? undefined);
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    return app.server.address().port;
  },
  async 'fielding/hono'() {
    const { Hono } = await import('hono');
    const { serve } = await import('@hono/node-server');
    const { mountFielding } = await import('@fielding/hono');
    const { createFieldingApp } = await import('./fielding-app.mjs');
    const app = new Hono();
    mountFielding(app, '/api', createFieldingApp());
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((resolve) => server.once('listening', resolve));
    return server.address().port;
  },
  async 'hand/hono'() {
    const { Hono } = await import('hono');
    const { serve } = await import('@hono/node-server');
    const app = new Hono();
    app.get('/api/blogs/:blogId/articles/:articleId', (c) => {
      const { status, headers, body } = answer(
        c.req.path,
        c.req.header('accept'),
        c.req.header('if-none-match'),
      );
      return c.body(body, status, headers);
    });
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((resolve) => server.once('listening', resolve));
    return server.address().port;
  },
  async 'hand/hono+hono/etag'() {
    const { Hono } = await import('hono');
    const { etag } = await import('hono/etag');
    const { serve } = await import('@hono/node-server');
    const app = new Hono();
    app.use(etag());
    app.get('/api/blogs/:blogId/articles/:articleId', (c) => {
      const { status, headers, body } = answer(c.req.path, c.req.header('accept'));
      delete headers.ETag;
      return c.body(body, status, headers);
    });
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((resolve) => server.once('listening', resolve));
    return server.address().port;
  },
};

/** Pairs compared in the report: [Fielding row, peer row]; above 1 = Fielding faster. */
export const comparisons = [
  ['fielding/node', 'hand/node+etag+fresh'],
  ['fielding/node', 'hand/node'],
  ['fielding/node, native Response', 'hand/node'],
  ['fielding/express', 'hand/express'],
  ['fielding/fastify', 'hand/fastify'],
  ['fielding/fastify', 'hand/fastify+@fastify/etag'],
  ['fielding/hono', 'hand/hono'],
  ['fielding/hono', 'hand/hono+hono/etag'],
];

/** Rows whose ETag is a hash of the body (shallow), not the deep `"v3-hal"`. */
export const SHALLOW = new Set([
  'hand/node+etag+fresh',
  'hand/fastify+@fastify/etag',
  'hand/hono+hono/etag',
]);
