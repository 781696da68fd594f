// A small JSON fetch handler over real HTTP on loopback: through toExpress vs a native
// Express 5 route vs @whatwg-node/server (on node:http as asked, and mounted in Express, its
// fair peer) vs @hono/node-server's bridge mounted in Express (the bridge we chose not to use).
//
// Each run sends a fixed number of requests from a separate load process (autocannon), so
// vitest's time per iteration is the inverse of throughput. The printed table comes from
// rounds that interleave the rows before vitest's own iterations. Wall-clock throughput swings
// with whatever else the machine runs, so the server's own CPU time per request
// (process.cpuUsage) is recorded too: on a CPU-bound server it is the stable measure, and its
// ratio is the throughput ratio an idle machine would show. Both are printed at the end.
import { fork, type ChildProcess } from 'node:child_process';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import express from 'express';
import { createServerAdapter } from '@whatwg-node/server';
import { getRequestListener } from '@hono/node-server';
import { bench, describe } from 'vitest';
import { toExpress } from '../src/index.js';
import { _setLazyRequests as setLazyRequests } from '../../node/src/web-request.js';

const AMOUNT = 3000;
const CONNECTIONS = 10;
/**
 * Interleaved rounds (every row once per round, the order reversed every other round), so a busy
 * machine's drift hits all rows alike; ratios are also taken per round and their median printed,
 * which a burst of load elsewhere during one round cannot move.
 */
const ROUNDS = 8;
const ITERATIONS = 2;
const payload = { id: 7, title: 'Hello', tags: ['rest', 'http'] };
// Captured before toExpress makes @fielding/node's FastResponse the global Response: the peers
// (whatwg-node, the @hono/node-server bridge without its global swap) build Node's own, as
// their users' handlers do.
const NativeResponse = globalThis.Response;
const handler = (): Response => Response.json(payload);
const nativeHandler = (): Response => NativeResponse.json(payload);

const nativeApp = express();
nativeApp.get('/api/blogs/:id', (_req, res) => {
  res.json(payload);
});
const adaptedApp = express();
adaptedApp.use('/api', toExpress(handler));
if (globalThis.Response === NativeResponse) throw new Error('FastResponse is not installed');
const whatwgInExpress = express();
whatwgInExpress.use('/api', createServerAdapter(nativeHandler));
// overrideGlobalObjects: false — its default swaps globalThis.Request/Response for the whole
// process, which would change what every other row measures.
const honoListener = getRequestListener(nativeHandler, { overrideGlobalObjects: false });
const honoInExpress = express();
honoInExpress.use('/api', (req, res) => {
  void honoListener(req, res);
});

const NATIVE = 'native express 5 route';
const ADAPTER = 'toExpress on express 5';
const EAGER = 'toExpress, eager Request (fallback)';
const WHATWG = '@whatwg-node/server on node:http';
const WHATWG_EXPRESS = '@whatwg-node/server in express 5';
const HONO_EXPRESS = '@hono/node-server bridge in express 5';

const listeners: Record<string, RequestListener> = {
  [NATIVE]: nativeApp,
  [ADAPTER]: adaptedApp,
  [EAGER]: adaptedApp,
  [WHATWG]: createServerAdapter(nativeHandler) as unknown as RequestListener,
  [WHATWG_EXPRESS]: whatwgInExpress,
  [HONO_EXPRESS]: honoInExpress,
};

interface Tally {
  runs: number;
  requests: number;
  seconds: number;
  cpuMicros: number;
  /** CPU µs per request of each run, in order. */
  perRun: number[];
}
const servers = new Map<string, { server: Server; url: string }>();
const measured = new Map<string, Tally>();

function run(name: string): Promise<void> {
  const { url } = servers.get(name)!;
  // The same app twice: once with the lazy Request, once as on runtimes that need the eager one.
  setLazyRequests(name === EAGER ? false : undefined);
  const cpu = process.cpuUsage();
  return new Promise((resolve, reject) => {
    load.once(
      'message',
      (result: { requests: number; seconds: number; non2xx: number; errors: number }) => {
        const used = process.cpuUsage(cpu);
        if (result.non2xx > 0 || result.errors > 0) {
          reject(new Error(`${name}: ${result.non2xx} non-2xx, ${result.errors} errors`));
          return;
        }
        const total = measured.get(name) ?? {
          runs: 0,
          requests: 0,
          seconds: 0,
          cpuMicros: 0,
          perRun: [],
        };
        measured.set(name, {
          runs: total.runs + 1,
          requests: total.requests + result.requests,
          seconds: total.seconds + result.seconds,
          cpuMicros: total.cpuMicros + used.user + used.system,
          perRun: [...total.perRun, (used.user + used.system) / result.requests],
        });
        resolve();
      },
    );
    load.send({ url, amount: AMOUNT, connections: CONNECTIONS });
  });
}

// Set up at module load: vitest's bench mode runs no beforeAll hooks around `bench`.
for (const [name, listener] of Object.entries(listeners)) {
  const server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  servers.set(name, { server, url: `http://127.0.0.1:${port}/api/blogs/7` });
}
const load: ChildProcess = fork(new URL('../../../test-utils/bench-load.mjs', import.meta.url), [
  fileURLToPath(new URL('..', import.meta.url)),
]);
await new Promise((resolve) => load.once('message', resolve));
// Warm every server (JIT, connections), then measure in interleaved rounds for the table.
for (const name of servers.keys()) await run(name);
measured.clear();
for (let round = 0; round < ROUNDS; round++) {
  const order = [...servers.keys()];
  for (const name of round % 2 === 0 ? order : order.reverse()) await run(name);
}
const interleaved = new Map(measured);

function report(): void {
  // tinybench calls `teardown` after warm-up and after the run; report once, at the end.
  if ((measured.get(HONO_EXPRESS)?.runs ?? 0) < ROUNDS + ITERATIONS) return;
  load.kill();
  for (const { server } of servers.values()) {
    server.closeAllConnections();
    server.close();
  }
  const tally = (name: string): Tally =>
    interleaved.get(name) ?? { runs: 0, requests: 0, seconds: 1, cpuMicros: 1, perRun: [] };
  const rate = (name: string): number => tally(name).requests / tally(name).seconds;
  const cpu = (name: string): number => tally(name).cpuMicros / tally(name).requests;
  const rows = [...interleaved.keys()].map(
    (name) =>
      `  ${name.padEnd(38)} ${String(Math.round(rate(name))).padStart(6)} req/s  ${cpu(name).toFixed(1).padStart(6)} µs CPU/req`,
  );
  const median = (values: number[]): number => {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = sorted.length >> 1;
    return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  };
  // The same round's runs of both rows, so each ratio compares runs made moments apart.
  const roundRatio = (peer: string): number =>
    median(tally(peer).perRun.map((value, round) => value / tally(ADAPTER).perRun[round]!));
  const ratio = (peer: string): string =>
    `  toExpress vs ${peer.padEnd(38)} wall ${(rate(ADAPTER) / rate(peer)).toFixed(2)}×  CPU ${(cpu(peer) / cpu(ADAPTER)).toFixed(2)}×  CPU median of rounds ${roundRatio(peer).toFixed(2)}×`;
  console.log(
    [
      `\nthroughput: ${ROUNDS} interleaved rounds × ${AMOUNT} requests per row, ${CONNECTIONS} connections, load in a separate process`,
      ...rows,
      'ratios (above 1 = toExpress faster; CPU ratio = peer CPU per request / ours, over all rounds and as the median of the per-round ratios)',
      ...[NATIVE, EAGER, WHATWG, WHATWG_EXPRESS, HONO_EXPRESS].map(ratio),
    ].join('\n'),
  );
}

describe('small json handler over real http', () => {
  const names = Object.keys(listeners);
  const options = { iterations: ITERATIONS, time: 0, warmupIterations: 0, warmupTime: 0 };
  for (const name of names) {
    // vitest runs `teardown`, not tinybench's `afterAll`, after a task.
    bench(
      name,
      () => run(name),
      name === names.at(-1) ? { ...options, teardown: report } : options,
    );
  }
});
