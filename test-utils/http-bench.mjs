// The adapters' HTTP benches: every row is a server in its own child process, loaded over
// loopback by autocannon from this (the parent) process.
//
// Why separate processes: rows that share a process share its JIT. A peer that runs through the
// same framework code with other object shapes (a native Response here, a Buffer there) leaves
// that code polymorphic for the next row, and a row that needs another global `Response`
// (@hono/node-server's, FastResponse, Node's own) would have to swap it back and forth. One
// process per row is what a real server is.
//
// Why interleaved rounds: every row gets one batch per round, the order reversed every other
// round, so a burst of load elsewhere on the machine hits all rows alike. Besides req/s, the
// server's own CPU time per request (the child's process.cpuUsage, thread pool included) is
// reported, over all rounds and as the median of the per-round ratios: on a busy 2-core machine
// that is the number to trust.
//
// A bench script calls `runHttpBench(import.meta.url, { rows, comparisons })`; `rows` maps a
// name to an async function that starts that server (in the child) and resolves with its port.
/* global performance */
// Run it after `pnpm build` (the rows import the built packages): `node <bench script>`.
// BENCH_ROUNDS (default 6) and BENCH_AMOUNT (requests per batch, default 3000) tune it.
import { fork } from 'node:child_process';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/** Serves a node:http request listener on a free loopback port; resolves with the port. */
export function listen(listener) {
  const server = createServer(listener);
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve(server.address().port));
  });
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

async function serve(rows) {
  const name = process.argv[3];
  const port = await rows[name]();
  let since = process.cpuUsage();
  process.on('message', (message) => {
    if (message === 'reset') {
      since = process.cpuUsage();
      process.send({ reset: true });
      return;
    }
    const used = process.cpuUsage(since);
    process.send({ cpu: used.user + used.system });
  });
  process.send({ port });
}

function ask(child, message) {
  return new Promise((resolve) => {
    child.once('message', resolve);
    child.send(message);
  });
}

/**
 * Runs the bench (in the parent) or one row's server (in a child).
 *
 * @param {string} benchUrl - `import.meta.url` of the bench script
 * @param {{
 *   rows: Record<string, () => Promise<number>>,
 *   cases?: Record<string, {
 *     server: string,
 *     headers?: (url: string) => Promise<Record<string, string>>,
 *     expect?: '2xx' | '3xx',
 *   }>,
 *   comparisons: Array<[ours: string, peer: string]>,
 *   path?: string,
 *   connections?: number,
 *   title?: string,
 * }} bench
 */
export async function runHttpBench(benchUrl, bench) {
  if (process.argv[2] === 'serve') {
    await serve(bench.rows);
    return;
  }
  const autocannon = createRequire(benchUrl)('autocannon');
  const rounds = Number(process.env.BENCH_ROUNDS ?? 6);
  const amount = Number(process.env.BENCH_AMOUNT ?? 3000);
  const connections = bench.connections ?? 10;
  const path = bench.path ?? '/api/blogs/7';
  // A case is one kind of request to one server (by default: each server, plain GET).
  const cases =
    bench.cases ??
    Object.fromEntries(Object.keys(bench.rows).map((name) => [name, { server: name }]));
  const names = Object.keys(cases);

  const children = new Map();
  try {
    for (const name of Object.keys(bench.rows)) {
      const child = fork(fileURLToPath(benchUrl), ['serve', name], { stdio: 'inherit' });
      const { port } = await new Promise((resolve, reject) => {
        child.once('message', resolve);
        child.once('error', reject);
        child.once('exit', (code) => reject(new Error(`${name}: server exited (${code})`)));
      });
      child.removeAllListeners('exit');
      children.set(name, { child, url: `http://127.0.0.1:${port}${path}` });
    }

    const requests = new Map();
    for (const [name, { server, headers }] of Object.entries(cases)) {
      const { child, url } = children.get(server);
      requests.set(name, { child, url, headers: headers ? await headers(url) : {} });
    }

    const tallies = new Map(
      names.map((name) => [name, { requests: 0, seconds: 0, cpu: 0, perRun: [] }]),
    );
    const batch = async (name, record) => {
      const { child, url, headers } = requests.get(name);
      await ask(child, 'reset');
      const started = performance.now();
      const result = await autocannon({ url, amount, connections, headers, sampleInt: 5 });
      const seconds = (performance.now() - started) / 1000;
      const { cpu } = await ask(child, 'read');
      const expected = cases[name].expect === '3xx' ? result['3xx'] : result['2xx'];
      const unexpected = result.requests.total - expected;
      if (unexpected > 0 || result.errors > 0) {
        throw new Error(`${name}: ${unexpected} unexpected statuses, ${result.errors} errors`);
      }
      if (!record) return;
      const tally = tallies.get(name);
      tally.requests += result.requests.total;
      tally.seconds += seconds;
      tally.cpu += cpu;
      tally.perRun.push(cpu / result.requests.total);
    };

    // Warm every server (JIT, connections) outside the measured rounds.
    for (const name of names) await batch(name, false);
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? names : [...names].reverse();
      for (const name of order) await batch(name, true);
    }

    const rate = (name) => tallies.get(name).requests / tallies.get(name).seconds;
    const cpu = (name) => tallies.get(name).cpu / tallies.get(name).requests;
    const width = Math.max(...names.map((name) => name.length)) + 2;
    const lines = [
      `\n${bench.title ?? 'HTTP bench'}: ${rounds} interleaved rounds × ${amount} requests per row, ${connections} connections, one process per server, Node ${process.versions.node}`,
      ...names.map(
        (name) =>
          `  ${name.padEnd(width)} ${String(Math.round(rate(name))).padStart(6)} req/s  ${cpu(name).toFixed(1).padStart(6)} µs CPU/req`,
      ),
      'ratios (above 1 = ours faster; CPU = peer CPU per request / ours, over all rounds and as the median of rounds)',
      ...bench.comparisons.map(([ours, peer]) => {
        const perRound = tallies
          .get(ours)
          .perRun.map((micros, index) => tallies.get(peer).perRun[index] / micros);
        return `  ${ours} vs ${peer}: wall ${(rate(ours) / rate(peer)).toFixed(2)}×  CPU ${(cpu(peer) / cpu(ours)).toFixed(2)}×  median ${median(perRound).toFixed(2)}×`;
      }),
    ];
    console.log(lines.join('\n'));
  } finally {
    for (const { child } of children.values()) child.kill();
  }
}
