// A small JSON fetch handler over real HTTP on loopback, all on @hono/node-server as Hono users
// run it (`serve()` with its defaults): through mountFielding vs a native Hono route (c.json)
// vs Hono's own app.mount vs @whatwg-node/server on node:http.
//
// Two forms of the Fielding handler: `Response.json()` (what most handlers write) and
// `new Response(JSON.stringify())`. @hono/node-server swaps the global `Response` for a light
// one whose body it writes without undici; the static `Response.json()` is inherited from
// undici's and still builds a full undici Response, so the two forms cost differently.
//
// The same apps served by @fielding/node's toNodeListener instead: its FastResponse makes
// `Response.json()` and Hono's `c.json()` light alike. The global `Response` is process-wide,
// so before each batch the row's own is put in place (the batches never overlap): hono's
// light one for rows on @hono/node-server, FastResponse for rows on @fielding/node.
//
// Each iteration sends a fixed number of requests from a separate load process (autocannon),
// so vitest's time per iteration is the inverse of throughput. The server's CPU time per
// request (process.cpuUsage) is recorded too: on a busy machine it is the stable measure.
import { fork, type ChildProcess } from 'node:child_process';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { createServerAdapter } from '@whatwg-node/server';
import { Hono } from 'hono';
import { bench, describe } from 'vitest';
import { toNodeListener } from '@fielding/node';
import { honoMiddleware, mountFielding } from '../src/index.js';
import { createLoadRunner, type Tally } from '../../../test-utils/load-runner.js';

const AMOUNT = 3000;
const CONNECTIONS = 10;
const ITERATIONS = 4;
const payload = { id: 7, title: 'Hello', tags: ['rest', 'http'] };
// Node's own Response, taken before any server swaps the global one: whatwg-node's handler
// builds it, as its users' handlers do.
const NativeResponse = globalThis.Response;
const jsonHandler = (): Response => Response.json(payload);
const textHandler = (): Response =>
  new Response(JSON.stringify(payload), { headers: { 'Content-Type': 'application/json' } });

const native = new Hono();
native.get('/api/blogs/:id', (c) => c.json(payload));
const adaptedJson = new Hono();
mountFielding(adaptedJson, '/api', jsonHandler);
const adaptedText = new Hono();
mountFielding(adaptedText, '/api', textHandler);
const wrapped = new Hono();
wrapped.use(honoMiddleware((request, next) => next(request)));
wrapped.get('/api/blogs/:id', (c) => c.json(payload));
const honoMount = new Hono();
honoMount.mount('/api', jsonHandler);

const NATIVE = 'native hono route (c.json)';
const NATIVE_NODE = 'native hono route on @fielding/node';
const ADAPTER_NODE = 'mountFielding on @fielding/node';
const ADAPTER_JSON = 'mountFielding, Response.json';
const ADAPTER_TEXT = 'mountFielding, new Response(JSON)';
const WRAPPED = 'native route in honoMiddleware(pass)';
const HONO_MOUNT = "hono's app.mount, Response.json";
const WHATWG = '@whatwg-node/server on node:http';
const ADAPTERS = [ADAPTER_JSON, ADAPTER_TEXT, ADAPTER_NODE];

const honoApps: Record<string, Hono> = {
  [NATIVE]: native,
  [ADAPTER_JSON]: adaptedJson,
  [ADAPTER_TEXT]: adaptedText,
  [WRAPPED]: wrapped,
  [HONO_MOUNT]: honoMount,
};

const servers = new Map<string, { server: Server; url: string }>();

async function listenOn(name: string, server: Server): Promise<void> {
  if (!server.listening) await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  servers.set(name, { server, url: `http://127.0.0.1:${port}/api/blogs/7` });
}

// Set up at module load: vitest's bench mode runs no beforeAll hooks around `bench`.
for (const [name, app] of Object.entries(honoApps)) {
  await listenOn(name, serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }) as Server);
}
const HonoResponse = globalThis.Response;
const onFieldingNode: Record<string, Hono> = { [NATIVE_NODE]: native, [ADAPTER_NODE]: adaptedJson };
for (const [name, app] of Object.entries(onFieldingNode)) {
  const server = createServer(toNodeListener(app.fetch));
  server.listen(0, '127.0.0.1');
  await listenOn(name, server);
}
const FastResponse = globalThis.Response;
if (FastResponse === HonoResponse || HonoResponse === NativeResponse) {
  throw new Error('expected @hono/node-server and @fielding/node to install their own Response');
}
const whatwg = createServer(
  createServerAdapter(() => NativeResponse.json(payload)) as unknown as RequestListener,
);
whatwg.listen(0, '127.0.0.1');
await listenOn(WHATWG, whatwg);
const globalFor = (name: string): typeof Response =>
  name in onFieldingNode ? FastResponse : name === WHATWG ? NativeResponse : HonoResponse;
const load: ChildProcess = fork(new URL('../../../test-utils/bench-load.mjs', import.meta.url), [
  fileURLToPath(new URL('..', import.meta.url)),
]);
await new Promise((resolve) => load.once('message', resolve));
const { measured, run: runBatch } = createLoadRunner(load, {
  amount: AMOUNT,
  connections: CONNECTIONS,
});
const run = (name: string): Promise<void> => {
  globalThis.Response = globalFor(name);
  return runBatch(name, servers.get(name)!.url);
};
// Warm every server (JIT, connections) outside the measured iterations.
for (const name of servers.keys()) await run(name);
measured.clear();

function report(): void {
  // tinybench calls `teardown` after warm-up and after the run; report once, at the end.
  if ((measured.get(WHATWG)?.runs ?? 0) < ITERATIONS) return;
  load.kill();
  for (const { server } of servers.values()) {
    server.closeAllConnections();
    server.close();
  }
  const tally = (name: string): Tally =>
    measured.get(name) ?? { runs: 0, requests: 0, seconds: 1, cpuMicros: 1 };
  const rate = (name: string): number => tally(name).requests / tally(name).seconds;
  const cpu = (name: string): number => tally(name).cpuMicros / tally(name).requests;
  const rows = [...measured.keys()].map(
    (name) =>
      `  ${name.padEnd(36)} ${String(Math.round(rate(name))).padStart(6)} req/s  ${cpu(name).toFixed(1).padStart(6)} µs CPU/req`,
  );
  const ratios = ADAPTERS.flatMap((ours) =>
    [NATIVE, NATIVE_NODE, HONO_MOUNT, WHATWG].map(
      (peer) =>
        `  ${ours} vs ${peer.padEnd(36)} wall ${(rate(ours) / rate(peer)).toFixed(2)}×  CPU ${(cpu(peer) / cpu(ours)).toFixed(2)}×`,
    ),
  );
  const wrap = `  ${WRAPPED} vs ${NATIVE.padEnd(36)} wall ${(rate(WRAPPED) / rate(NATIVE)).toFixed(2)}×  CPU ${(cpu(NATIVE) / cpu(WRAPPED)).toFixed(2)}×`;
  console.log(
    [
      `\nthroughput: ${ITERATIONS} × ${AMOUNT} requests, ${CONNECTIONS} connections, load in a separate process`,
      ...rows,
      'ratios (above 1 = ours faster; CPU ratio = peer CPU per request / ours)',
      ...ratios,
      wrap,
    ].join('\n'),
  );
}

describe('small json handler over real http', () => {
  const names = [...servers.keys()];
  const options = { iterations: ITERATIONS, time: 0, warmupIterations: 0, warmupTime: 0 };
  for (const name of names) {
    bench(
      name,
      () => run(name),
      name === names.at(-1) ? { ...options, teardown: report } : options,
    );
  }
});
