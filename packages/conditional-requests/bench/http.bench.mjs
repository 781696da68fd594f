// Shallow ETags over real HTTP on loopback, with autocannon: this package's middleware (Node
// build, served by @fielding/node's bridge and by @hono/node-server) against a hand-written node:http handler using `etag`
// and against Hono's own etag middleware. Each server runs in its own child process; each run
// is bounded (1 s warm-up, 3 s measured, 10 connections) and only targets 127.0.0.1.
//
// Run after `pnpm --filter @fielding/conditional-requests... build`:
//   node packages/conditional-requests/bench/http.bench.mjs
/* global fetch */
import { fork } from 'node:child_process';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';

const DURATION = Number(process.env.BENCH_DURATION ?? 3);
const CONNECTIONS = 10;

const data = {
  id: 7,
  title: 'Conditional requests',
  items: Array.from({ length: 12 }, (_, index) => ({ id: index, name: `item-${index}`, ok: true })),
};

const handler = () =>
  new Response(JSON.stringify(data), { headers: { 'Content-Type': 'application/json' } });

// A fetch handler on node:http through @fielding/node's bridge (its light FastResponse, whose
// body source the middleware reads without a stream).
const serveNode = async (fetch) => {
  const { toNodeListener } = await import('@fielding/node');
  const server = createServer(toNodeListener(fetch));
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve(server.address().port));
  });
};

// The same on @hono/node-server, which swaps in its own light Response: the middleware cannot
// see that one's body source and takes the stream path.
const serveHono = async (fetch) => {
  const { serve } = await import('@hono/node-server');
  return new Promise((resolve) => {
    serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info) => resolve(info.port));
  });
};

const withEtag = async () => {
  const { compose } = await import('@fielding/core');
  const { shallowEtag } = await import('@fielding/conditional-requests');
  return compose(shallowEtag())(handler);
};

const servers = {
  // This package, Node build (`node` export condition → etag-format hashing on node:crypto),
  // served by @fielding/node.
  fielding: async () => serveNode(await withEtag()),
  // The same fetch handler without any ETag: the middleware's own cost is the difference.
  'fielding-no-etag': () => serveNode(handler),
  // The middleware again, served by @hono/node-server.
  'fielding-hono': async () => serveHono(await withEtag()),
  'hono-no-etag': () => serveHono(handler),
  // What a careful Node developer writes by hand.
  async 'node-etag'() {
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
  async 'hono-etag'() {
    const { serve } = await import('@hono/node-server');
    const { Hono } = await import('hono');
    const { etag } = await import('hono/etag');
    const app = new Hono();
    app.use('*', etag());
    app.get('/', (c) => c.json(data));
    return new Promise((resolve) => {
      serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => resolve(info.port));
    });
  },
};

if (process.argv[2] === 'serve') {
  const port = await servers[process.argv[3]]();
  // CPU time the server process spent, so a run can be judged apart from machine load.
  let since = process.cpuUsage();
  process.on('message', (message) => {
    if (message === 'reset') since = process.cpuUsage();
    const used = process.cpuUsage(since);
    process.send({ cpu: used.user + used.system });
  });
  process.send({ port });
} else {
  const { default: autocannon } = await import('autocannon');
  const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

  const start = (kind) =>
    new Promise((resolve, reject) => {
      const child = fork(fileURLToPath(import.meta.url), ['serve', kind], { stdio: 'inherit' });
      child.once('message', ({ port }) => resolve({ kind, child, port }));
      child.once('error', reject);
    });

  const cpuOf = (child, message) =>
    new Promise((resolve) => {
      child.once('message', ({ cpu }) => resolve(cpu));
      child.send(message);
    });

  const load = (port, headers, duration) =>
    autocannon({ url: `http://127.0.0.1:${port}/`, connections: CONNECTIONS, duration, headers });

  // All servers up at once (idle ones cost nothing); rounds interleave them so that a burst of
  // load from elsewhere on the machine hits every contender alike. Best round per contender.
  const running = await Promise.all(Object.keys(servers).map(start));
  const cases = [];
  for (const { kind, port } of running) {
    const probe = await fetch(`http://127.0.0.1:${port}/`);
    const tag = probe.headers.get('etag');
    await probe.arrayBuffer();
    const child = running.find((entry) => entry.kind === kind).child;
    cases.push({ kind, port, child, scenario: '200', headers: {} });
    if (tag) cases.push({ kind, port, child, scenario: '304', headers: { 'if-none-match': tag } });
    console.log(`${kind.padEnd(17)} ETag ${tag ?? '(none)'}`);
  }
  for (const { port, headers } of cases) await load(port, headers, 1);

  const best = {};
  const cpu = {};
  try {
    for (let round = 1; round <= ROUNDS; round++) {
      for (const { kind, port, child, scenario, headers } of cases) {
        await cpuOf(child, 'reset');
        const result = await load(port, headers, DURATION);
        const micros = (await cpuOf(child, 'read')) / result.requests.total;
        const expected = scenario === '200' ? result['2xx'] : result['3xx'];
        if (result.errors > 0 || expected !== result.requests.total) {
          throw new Error(
            `${kind} ${scenario}: ${result.errors} errors, ${expected} of ${result.requests.total} as expected`,
          );
        }
        const name = `${kind} ${scenario}`;
        best[name] = Math.max(best[name] ?? 0, result.requests.average);
        cpu[name] = Math.min(cpu[name] ?? Number.POSITIVE_INFINITY, micros);
        console.log(
          `round ${round}  ${name.padEnd(22)} ${Math.round(result.requests.average).toLocaleString('en').padStart(7)} req/s  p99 ${result.latency.p99} ms  server CPU ${micros.toFixed(1)} µs/req`,
        );
      }
    }
  } finally {
    for (const { child } of running) child.kill();
  }

  console.log(`\nbest of ${ROUNDS} rounds, ${DURATION} s each, ${CONNECTIONS} connections:`);
  for (const [name, value] of Object.entries(best)) {
    console.log(
      `  ${name.padEnd(22)} ${Math.round(value).toLocaleString('en').padStart(7)} req/s   ${cpu[name].toFixed(1).padStart(6)} µs CPU/req`,
    );
  }
  // Throughput ratios, and the same ratios from server CPU per request (load-independent).
  const ratio = (a, b) =>
    `${(best[a] / best[b]).toFixed(2)}× (CPU ${(cpu[b] / cpu[a]).toFixed(2)}×)`;
  console.log('ratios (goal: ≥ 0.90× node:http + etag, ≥ 4.00× hono/etag):');
  for (const scenario of ['200', '304']) {
    console.log(
      `  ${scenario}: fielding / node:http + etag = ${ratio(`fielding ${scenario}`, `node-etag ${scenario}`)}` +
        `   fielding / hono etag = ${ratio(`fielding ${scenario}`, `hono-etag ${scenario}`)}`,
    );
  }
  for (const scenario of ['200', '304']) {
    console.log(
      `  ${scenario}: fielding on @hono/node-server / node:http + etag = ${ratio(`fielding-hono ${scenario}`, `node-etag ${scenario}`)}` +
        `   / hono etag = ${ratio(`fielding-hono ${scenario}`, `hono-etag ${scenario}`)}`,
    );
  }
  // Server CPU per request split into the bridge (no-etag run) and the middleware (the rest).
  for (const [ours, bare] of [
    ['fielding 200', 'fielding-no-etag 200'],
    ['fielding-hono 200', 'hono-no-etag 200'],
  ]) {
    console.log(
      `  ${ours}: bridge + handler ${cpu[bare].toFixed(1)} µs, middleware ${(cpu[ours] - cpu[bare]).toFixed(1)} µs per request (node:http + etag: ${cpu['node-etag 200'].toFixed(1)} µs in all)`,
    );
  }
}
