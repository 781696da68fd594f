// Both sides of the adapter over real HTTP on loopback, each row against a native Express 5 app
// sending the same bytes: a ~1 KB JSON blog post, `Content-Type: application/json;
// charset=utf-8` (what `res.json()` sends), Express's `X-Powered-By`, and — where the native
// row computes Express's default weak ETag — the same ETag from `shallowEtag({ weak: true })`
// (the `etag` package's format). Before measuring, every row is asked once and its status,
// headers (but `Date`) and body are compared with its native peer: the bench stops if they
// differ.
// - mount: the fetch handler through mountFielding, without and with a shallow ETag (200, and
//   304 for If-None-Match), and with installFastResponse(); @whatwg-node/server and
//   @hono/node-server mounted in Express run the same handler.
// - wrap: the native `res.json()` route inside expressMiddleware(shallowEtag()) (200 and 304),
//   and inside a middleware that sets one header on the captured response.
// Every row is its own server process (see test-utils/http-bench.mjs), started with the binary
// that runs this script, so the same command measures any Node version. After `pnpm build`:
//   node adapters/express/bench/http.bench.mjs
//   $(npx -y node@24 -p process.execPath) adapters/express/bench/http.bench.mjs
import { Buffer } from 'node:buffer';
import { request } from 'node:http';
import { listen, runHttpBench } from '../../../test-utils/http-bench.mjs';

// A blog post as an API would send it: 1 KB of JSON.
const payload = {
  id: 7,
  title: 'Representational State Transfer, twenty-five years on',
  slug: 'rest-twenty-five-years-on',
  summary:
    'What the dissertation asked of an architecture, what the Web made of it, and which of ' +
    'its constraints a JSON API still earns its keep by.',
  author: {
    id: 42,
    name: 'Ada Lovelace',
    email: 'ada@example.com',
    profile: 'https://blog.example.com/authors/42',
  },
  coverImage: { href: 'https://cdn.example.com/images/rest-25.webp', width: 1200, height: 630 },
  tags: ['rest', 'http', 'caching', 'hypermedia', 'architecture'],
  status: 'published',
  language: 'en-GB',
  wordCount: 2417,
  readingMinutes: 11,
  createdAt: '2025-03-14T09:26:53.589Z',
  updatedAt: '2025-06-02T17:45:10.000Z',
  publishedAt: '2025-03-15T08:00:00.000Z',
  comments: { count: 18, open: true },
  _links: {
    self: { href: '/api/blogs/7' },
    author: { href: '/api/authors/42' },
    comments: { href: '/api/blogs/7/comments{?page,size}', templated: true },
    collection: { href: '/api/blogs' },
    next: { href: '/api/blogs/8' },
    prev: { href: '/api/blogs/6' },
  },
};
const JSON_UTF8 = { 'Content-Type': 'application/json; charset=utf-8' };
const handler = () => Response.json(payload, { headers: JSON_UTF8 });

/** An Express 5 app set up by `setup`, on a free port; `etag: false` drops Express's ETag. */
async function express(setup, { etag = false } = {}) {
  const { default: createApp } = await import('express');
  const app = createApp();
  app.set('etag', etag);
  await setup(app);
  return listen(app);
}

/** The native route (and the one the wrap rows run). */
const route = (app) =>
  app.get('/api/blogs/:id', (_req, res) => {
    res.json(payload);
  });

/** The Fielding middleware of the plain wrap row: a header on the captured response. */
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

/** Express's own ETag is weak and in the `etag` package's format; so is this one. */
async function weakEtag() {
  const { shallowEtag } = await import('@fielding/conditional-requests');
  return shallowEtag({ weak: true });
}

async function mount({ fast = false, etag = false } = {}) {
  await fastResponse(fast);
  const { mountFielding } = await import('@fielding/express');
  const middleware = etag ? await weakEtag() : undefined;
  const served = middleware ? (request) => middleware(request, handler) : handler;
  return express((app) => app.use('/api', mountFielding(served)));
}

async function wrap(middleware) {
  const { expressMiddleware } = await import('@fielding/express');
  return express(async (app) => {
    app.use(expressMiddleware(await middleware()));
    route(app);
  });
}

/** One request over node:http: status, headers and body, for the fairness check. */
function ask(url, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.once('end', () =>
        resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    });
    req.once('error', reject);
    req.end();
  });
}

const NATIVE = 'native res.json(), ETag';
const NATIVE_304 = 'native res.json(), ETag, 304';
const NATIVE_BARE = 'native res.json(), no ETag';
const MOUNT = 'mountFielding';
const MOUNT_FAST = 'mountFielding, installFastResponse()';
const MOUNT_ETAG = 'mountFielding + shallowEtag';
const MOUNT_ETAG_304 = 'mountFielding + shallowEtag, 304';
const WHATWG_EXPRESS = '@whatwg-node/server in express';
const HONO_EXPRESS = '@hono/node-server listener in express';
const WRAP_ETAG = 'expressMiddleware(shallowEtag) + route';
const WRAP_ETAG_304 = 'expressMiddleware(shallowEtag) + route, 304';
const NATIVE_HEADER = 'native res.json() + header middleware';
const WRAP = 'expressMiddleware(stamp) + route';

const rows = {
  [NATIVE]: () => express(route, { etag: true }),
  [NATIVE_BARE]: () => express(route),
  [MOUNT]: () => mount(),
  [MOUNT_FAST]: () => mount({ fast: true }),
  [MOUNT_ETAG]: () => mount({ etag: true }),
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
  [WRAP_ETAG]: () => wrap(weakEtag),
  [NATIVE_HEADER]: () =>
    express((app) => {
      app.use((_req, res, next) => {
        res.setHeader('X-Served-By', 'fielding');
        next();
      });
      route(app);
    }),
  [WRAP]: () => wrap(async () => stamp),
};

// Fielding rows and the native rows they are measured against must send the same status,
// headers (but Date) and body; the other libraries' rows are only reported when they differ.
const SAME = [
  [MOUNT, NATIVE_BARE],
  [MOUNT_FAST, NATIVE_BARE],
  [MOUNT_ETAG, NATIVE],
  [MOUNT_ETAG_304, NATIVE_304],
  [WRAP_ETAG, NATIVE],
  [WRAP_ETAG_304, NATIVE_304],
  [WRAP, NATIVE_HEADER],
];
const NOTED = [
  [WHATWG_EXPRESS, NATIVE_BARE],
  [HONO_EXPRESS, NATIVE_BARE],
];

const replies = new Map();

function sameReply(name, peer, strict) {
  const a = replies.get(name);
  const b = replies.get(peer);
  const shown = (reply) =>
    JSON.stringify({
      status: reply.status,
      headers: Object.entries(reply.headers)
        .filter(([header]) => header !== 'date')
        .sort(([x], [y]) => x.localeCompare(y)),
    });
  if (shown(a) === shown(b) && a.body.equals(b.body)) return;
  const difference = `${name} does not send what ${peer} sends:\n  ${shown(a)} ${a.body.byteLength} B\n  ${shown(b)} ${b.body.byteLength} B`;
  if (strict) throw new Error(difference);
  console.log(`note: ${difference}`);
}

/** A case: one kind of request to one server, its reply recorded and checked against its peer. */
function probed(name, server, conditional = false) {
  return {
    server,
    expect: conditional ? '3xx' : '2xx',
    headers: async (url) => {
      const headers = conditional ? { 'If-None-Match': (await ask(url)).headers.etag } : {};
      replies.set(name, await ask(url, headers));
      for (const [pairs, strict] of [
        [SAME, true],
        [NOTED, false],
      ]) {
        for (const [ours, peer] of pairs) {
          if ((ours === name || peer === name) && replies.has(ours) && replies.has(peer)) {
            sameReply(ours, peer, strict);
          }
        }
      }
      return headers;
    },
  };
}

const cases = {
  [NATIVE]: probed(NATIVE, NATIVE),
  [NATIVE_304]: probed(NATIVE_304, NATIVE, true),
  [NATIVE_BARE]: probed(NATIVE_BARE, NATIVE_BARE),
  [MOUNT]: probed(MOUNT, MOUNT),
  [MOUNT_FAST]: probed(MOUNT_FAST, MOUNT_FAST),
  [MOUNT_ETAG]: probed(MOUNT_ETAG, MOUNT_ETAG),
  [MOUNT_ETAG_304]: probed(MOUNT_ETAG_304, MOUNT_ETAG, true),
  [WHATWG_EXPRESS]: probed(WHATWG_EXPRESS, WHATWG_EXPRESS),
  [HONO_EXPRESS]: probed(HONO_EXPRESS, HONO_EXPRESS),
  [WRAP_ETAG]: probed(WRAP_ETAG, WRAP_ETAG),
  [WRAP_ETAG_304]: probed(WRAP_ETAG_304, WRAP_ETAG, true),
  [NATIVE_HEADER]: probed(NATIVE_HEADER, NATIVE_HEADER),
  [WRAP]: probed(WRAP, WRAP),
};

await runHttpBench(import.meta.url, {
  title: `express adapter (express 5, ${Buffer.byteLength(JSON.stringify(payload))} B of JSON)`,
  rows,
  cases,
  comparisons: [
    [MOUNT, NATIVE_BARE],
    [MOUNT_FAST, NATIVE_BARE],
    [MOUNT_ETAG, NATIVE],
    [MOUNT_ETAG_304, NATIVE_304],
    [MOUNT, WHATWG_EXPRESS],
    [MOUNT, HONO_EXPRESS],
    [WRAP_ETAG, NATIVE],
    [WRAP_ETAG_304, NATIVE_304],
    [WRAP, NATIVE_HEADER],
  ],
});
