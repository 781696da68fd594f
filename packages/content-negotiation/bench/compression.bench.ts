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
const WARMUP = 1000;
const TIME = 4000;

// Wall-clock ops/s swing with whatever else the machine runs, because the tasks run one after
// the other; the process's CPU time per compressed response (process.cpuUsage counts zlib's
// thread-pool work too) does not, so it is recorded per task and its ratios printed at the end.
const cpu = new Map<string, { micros: number; runs: number }>();
let started: NodeJS.CpuUsage | undefined;
let runs = 0;

const OURS = '@fielding/content-negotiation compression (node build)';
const OURS_WEB = '@fielding/content-negotiation compression (web build)';
const HONO = 'hono/compress';

function measured(name: string, last = false) {
  return {
    warmupTime: WARMUP,
    time: TIME,
    setup: (_task: unknown, mode: 'run' | 'warmup') => {
      if (mode !== 'run') return;
      runs = 0;
      started = process.cpuUsage();
    },
    teardown: (_task: unknown, mode: 'run' | 'warmup') => {
      if (mode !== 'run' || started === undefined) return;
      const used = process.cpuUsage(started);
      cpu.set(name, { micros: used.user + used.system, runs });
      started = undefined;
      if (last) report();
    },
  };
}

function report(): void {
  const perOp = (name: string): number => {
    const entry = cpu.get(name);
    return entry === undefined ? Number.NaN : entry.micros / entry.runs / 1000;
  };
  console.log(
    [
      '\nCPU per compressed response (process.cpuUsage, zlib threads included):',
      ...[OURS, OURS_WEB, HONO].map((name) => `  ${name.padEnd(56)} ${perOp(name).toFixed(2)} ms`),
      `  node build vs hono/compress: CPU ${(perOp(HONO) / perOp(OURS)).toFixed(2)}×  (above 1 = ours cheaper)`,
      `  web build  vs hono/compress: CPU ${(perOp(HONO) / perOp(OURS_WEB)).toFixed(2)}×`,
    ].join('\n'),
  );
}

async function drain(response: Response): Promise<void> {
  if (response.headers.get('Content-Encoding') !== 'gzip') throw new Error('not compressed');
  await response.arrayBuffer();
  runs++;
}

describe('gzip a 1 MB json response', () => {
  bench(OURS, async () => drain(await ours(request())), measured(OURS));
  bench(OURS_WEB, async () => drain(await oursWeb(request())), measured(OURS_WEB));
  bench(HONO, async () => drain(await hono.fetch(request())), measured(HONO, true));
});
