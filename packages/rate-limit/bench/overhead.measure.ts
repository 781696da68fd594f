// The overhead of rateLimit() and shedLoad() per request, in process: one GET route answered
// with Response.json(), with and without each middleware (memoryStore, the Node build).
// Variants run in interleaved rounds and each is reported as the median CPU µs per request over
// the rounds, so a busy machine skews them alike; the ratio is to the bare route. Not a test:
// timings vary by machine. Run from the repository root:
//   TSX_TSCONFIG_PATH=tsconfig.json node \
//     --import ./node_modules/.pnpm/tsx@4.20.6/node_modules/tsx/dist/esm/index.mjs \
//     packages/rate-limit/bench/overhead.measure.ts [rounds] [requests-per-round]
import { compose, type FetchHandler } from '@fielding/core';
import { memoryStore, rateLimit, shedLoad } from '../src/index.node.js';

const rounds = Number(process.argv[2] ?? 30);
const perRound = Number(process.argv[3] ?? 2000);
const clients = 1000;

const route: FetchHandler = () => Response.json({ id: 7, title: 'Hello', published: true });
const limit = { limit: 1_000_000_000, window: 60 } as const;
const variants: Array<[string, FetchHandler]> = [
  ['bare route', route],
  [
    'rateLimit, key by X-Forwarded-For (1,000 clients)',
    compose(rateLimit({ store: memoryStore(), ...limit, trustProxy: 'x-forwarded' }))(route),
  ],
  [
    'rateLimit, key function (one subject)',
    compose(rateLimit({ store: memoryStore(), ...limit, key: () => 'user-42' }))(route),
  ],
  ['shedLoad (monitorEventLoopDelay)', compose(shedLoad({ maxEventLoopDelayMs: 1000 }))(route)],
  [
    'shedLoad + rateLimit',
    compose(
      shedLoad({ maxEventLoopDelayMs: 1000 }),
      rateLimit({ store: memoryStore(), ...limit, trustProxy: 'x-forwarded' }),
    )(route),
  ],
];

let serial = 0;
const request = (): Request =>
  new Request('https://api.test/blogs/7', {
    headers: {
      'x-forwarded-for': `198.51.100.1, 10.0.${(serial += 1) % 4}.${serial % (clients / 4)}`,
    },
  });

/** CPU µs per request (user + system): less skewed than wall time by other processes. */
async function round(handler: FetchHandler): Promise<number> {
  const started = process.cpuUsage();
  for (let index = 0; index < perRound; index += 1) {
    const response = await handler(request());
    await response.arrayBuffer();
  }
  const used = process.cpuUsage(started);
  return (used.user + used.system) / perRound;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

for (const [, handler] of variants) await round(handler); // warm up
const times = variants.map((): number[] => []);
for (let index = 0; index < rounds; index += 1) {
  for (const [position, [, handler]] of variants.entries()) {
    times[position]?.push(await round(handler));
  }
}
const bare = median(times[0] ?? []);
console.log(
  `node ${process.version}, ${rounds} rounds × ${perRound} requests, median CPU µs/request`,
);
for (const [position, [name]] of variants.entries()) {
  const us = median(times[position] ?? []);
  console.log(
    `${name.padEnd(52)} ${us.toFixed(2).padStart(7)} µs  ×${(us / bare).toFixed(2)}  (+${(us - bare).toFixed(2)} µs)`,
  );
}
