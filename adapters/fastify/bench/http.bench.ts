// A small JSON fetch handler over real HTTP on loopback: through the fielding() plugin and a
// toFastify route vs a native Fastify 5 route vs @whatwg-node/server (on node:http as the issue
// asks, and mounted in Fastify the way its docs show, its fair peer).
//
// Each iteration sends a fixed number of requests from a separate load process (autocannon),
// so vitest's time per iteration is the inverse of throughput. Wall-clock throughput swings
// with whatever else the machine runs, so the server's own CPU time per request
// (process.cpuUsage) is recorded too: on a CPU-bound server it is the stable measure, and its
// ratio is the throughput ratio an idle machine would show. Both are printed at the end.
import { fork, type ChildProcess } from 'node:child_process';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import { createServerAdapter } from '@whatwg-node/server';
import { bench, describe } from 'vitest';
import { fielding, toFastify } from '../src/index.js';
import {
  createLoadRunner,
  interleave,
  medianCpuRatio,
  type Tally,
} from '../../../test-utils/load-runner.js';

const AMOUNT = 3000;
const CONNECTIONS = 10;
const ITERATIONS = 2;
/** Interleaved rounds (every row once per round, order reversed every other round) for the table. */
const ROUNDS = 6;
const payload = { id: 7, title: 'Hello', tags: ['rest', 'http'] };
// Captured before the adapter makes @fielding/node's FastResponse the global Response: peers
// that do not install it (whatwg-node, a native route) build Node's own, as their users do.
const NativeResponse = globalThis.Response;
const handler = (): Response => Response.json(payload);
const nativeHandler = (): Response => NativeResponse.json(payload);

const native = Fastify();
native.get('/api/blogs/:id', async () => payload);
// The same native route, but also building the Response.json() the fetch handler builds (and
// dropping it): what undici's Response alone costs, adapter or not.
const nativeWithResponse = Fastify();
nativeWithResponse.get('/api/blogs/:id', async () => {
  void NativeResponse.json(payload);
  return payload;
});
const plugin = Fastify();
await plugin.register(fielding(handler), { prefix: '/api' });
if (globalThis.Response === NativeResponse) throw new Error('FastResponse is not installed');
const route = Fastify();
route.get('/api/blogs/:id', toFastify(handler));
const whatwg = createServerAdapter(nativeHandler);
const whatwgInFastify = Fastify();
whatwgInFastify.route({
  url: '/api/*',
  method: ['GET', 'POST'],
  handler: async (request, reply) => {
    const response = await whatwg.handleNodeRequestAndResponse(request, reply);
    response.headers.forEach((value, key) => reply.header(key, value));
    reply.status(response.status);
    reply.send(response.body);
    return reply;
  },
});

const NATIVE = 'native fastify 5 route';
const NATIVE_RESPONSE = 'native route + Response.json()';
const PLUGIN = 'fielding() plugin on fastify 5';
const ROUTE = 'toFastify route on fastify 5';
const WHATWG = '@whatwg-node/server on node:http';
const WHATWG_FASTIFY = '@whatwg-node/server in fastify 5';

const apps: Record<string, FastifyInstance | RequestListener> = {
  [NATIVE]: native,
  [NATIVE_RESPONSE]: nativeWithResponse,
  [PLUGIN]: plugin,
  [ROUTE]: route,
  [WHATWG]: whatwg as unknown as RequestListener,
  [WHATWG_FASTIFY]: whatwgInFastify,
};

const servers = new Map<string, { server: Server; url: string }>();

// Set up at module load: vitest's bench mode runs no beforeAll hooks around `bench`.
for (const [name, app] of Object.entries(apps)) {
  let server: Server;
  if (typeof app === 'function') {
    server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  } else {
    await app.listen({ port: 0, host: '127.0.0.1' });
    server = app.server;
  }
  const { port } = server.address() as AddressInfo;
  servers.set(name, { server, url: `http://127.0.0.1:${port}/api/blogs/7` });
}
const load: ChildProcess = fork(new URL('../../../test-utils/bench-load.mjs', import.meta.url), [
  fileURLToPath(new URL('..', import.meta.url)),
]);
await new Promise((resolve) => load.once('message', resolve));
const { measured, run: runBatch } = createLoadRunner(load, {
  amount: AMOUNT,
  connections: CONNECTIONS,
});
const run = (name: string): Promise<void> => runBatch(name, servers.get(name)!.url);
// Warm every server (JIT, connections) outside the measured iterations.
for (const name of servers.keys()) await run(name);
measured.clear();
// The table and ratios come from interleaved rounds; vitest's own iterations give its summary.
await interleave([...servers.keys()], ROUNDS, run);
const interleaved = new Map(measured);

function report(): void {
  // tinybench calls `teardown` after warm-up and after the run; report once, at the end.
  if ((measured.get(WHATWG_FASTIFY)?.runs ?? 0) < ROUNDS + ITERATIONS) return;
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
      `  ${name.padEnd(36)} ${String(Math.round(rate(name))).padStart(6)} req/s  ${cpu(name).toFixed(1).padStart(6)} µs CPU/req`,
  );
  const ratio = (ours: string, peer: string): string =>
    `  ${ours.split(' ')[0]!.padEnd(10)} vs ${peer.padEnd(36)} wall ${(rate(ours) / rate(peer)).toFixed(2)}×  CPU ${(cpu(peer) / cpu(ours)).toFixed(2)}×  median ${medianCpuRatio(tally(ours), tally(peer)).toFixed(2)}×`;
  console.log(
    [
      `\nthroughput: ${ROUNDS} interleaved rounds × ${AMOUNT} requests, ${CONNECTIONS} connections, load in a separate process`,
      ...rows,
      'ratios (above 1 = ours faster; CPU ratio = peer CPU per request / ours, over all rounds and as the median of rounds)',
      ...[PLUGIN, ROUTE].flatMap((ours) =>
        [NATIVE, NATIVE_RESPONSE, WHATWG, WHATWG_FASTIFY].map((peer) => ratio(ours, peer)),
      ),
    ].join('\n'),
  );
}

describe('small json handler over real http', () => {
  const names = Object.keys(apps);
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
