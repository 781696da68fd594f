// The same GET route with and without rateLimit() (memoryStore) and shedLoad(): what each
// middleware adds per request. `pnpm vitest bench --run --project rate-limit:node`;
// bench/overhead.measure.ts prints the same as ratios from interleaved rounds.
import { compose, type FetchHandler } from '@fielding/core';
import { bench, describe } from 'vitest';
import { memoryStore, rateLimit, shedLoad } from '../src/index.node.js';

const route: FetchHandler = () => Response.json({ id: 7, title: 'Hello', published: true });
const limited = compose(
  rateLimit({ store: memoryStore(), limit: 1e9, window: 60, trustProxy: 'x-forwarded' }),
)(route);
const shed = compose(shedLoad({ maxEventLoopDelayMs: 1000 }))(route);

let serial = 0;
const request = (): Request =>
  new Request('https://api.test/blogs/7', {
    headers: { 'x-forwarded-for': `198.51.100.1, 10.0.0.${(serial += 1) % 250}` },
  });

describe('GET /blogs/7', () => {
  const options = { time: 2000 };
  bench(
    'without middleware',
    async () => {
      await (await route(request())).arrayBuffer();
    },
    options,
  );
  bench(
    'with rateLimit() (memoryStore, key by X-Forwarded-For)',
    async () => {
      await (await limited(request())).arrayBuffer();
    },
    options,
  );
  bench(
    'with shedLoad()',
    async () => {
      await (await shed(request())).arrayBuffer();
    },
    options,
  );
});
