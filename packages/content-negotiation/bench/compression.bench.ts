import { compose } from '@fielding/core';
import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { bench, describe } from 'vitest';
// On Node, `@fielding/content-negotiation` resolves to the Node build (the `node` export
// condition); the Web build, which every other runtime gets, is measured beside it.
import { compression } from '../src/index.node.js';
import { compression as webCompression } from '../src/index.js';

// ~1 MB of JSON, gzip-compressed by each middleware and read to the end.
const records = Array.from({ length: 9000 }, (_, id) => ({
  id,
  title: `Article number ${id}`,
  author: { name: `Author ${id % 97}`, email: `author${id % 97}@example.test` },
  tags: ['rest', 'http', `tag-${id % 13}`],
  published: id % 3 === 0,
}));
const body = JSON.stringify(records);
if (body.length < 1_000_000) throw new Error(`bench body is only ${body.length} bytes`);

const headers = { 'Content-Type': 'application/json', 'Content-Length': String(body.length) };
const request = () =>
  new Request('http://bench.test/', { headers: { 'Accept-Encoding': 'gzip, deflate, br, zstd' } });

const ours = compose(compression({ encodings: ['gzip'] }))(() => new Response(body, { headers }));
const oursWeb = compose(webCompression({ encodings: ['gzip'] }))(
  () => new Response(body, { headers }),
);
const hono = new Hono()
  .use(compress({ encoding: 'gzip' }))
  .get('/', () => new Response(body, { headers }));

// Each iteration takes ~10 ms: run longer than the default so a busy machine's outliers average out.
const options = { warmupTime: 1000, time: 4000 };

describe('gzip a 1 MB json response', () => {
  bench(
    '@fielding/content-negotiation compression (node build)',
    async () => {
      const response = await ours(request());
      if (response.headers.get('Content-Encoding') !== 'gzip') throw new Error('not compressed');
      await response.arrayBuffer();
    },
    options,
  );
  bench(
    '@fielding/content-negotiation compression (web build)',
    async () => {
      const response = await oursWeb(request());
      if (response.headers.get('Content-Encoding') !== 'gzip') throw new Error('not compressed');
      await response.arrayBuffer();
    },
    options,
  );
  bench(
    'hono/compress',
    async () => {
      const response = await hono.fetch(request());
      if (response.headers.get('Content-Encoding') !== 'gzip') throw new Error('not compressed');
      await response.arrayBuffer();
    },
    options,
  );
});
