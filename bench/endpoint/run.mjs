// The whole-stack benchmark: one realistic endpoint (article.mjs) written with the full Fielding
// stack and by hand, on node:http, Express, Fastify and Hono — 200 and 304 paths.
//
//   pnpm build && node bench/endpoint/run.mjs            # with this node; any binary works:
//   $(npx -y node@24 -p process.execPath) bench/endpoint/run.mjs
//
// Every row is a server in its own child process, started with the same node binary as this
// one. Load comes from wrk (-t1 -c50, one run of BENCH_SECONDS per case and round) when it is
// installed, else from autocannon in this process. Rounds are interleaved and the order rotates
// every round, so a burst of load elsewhere hits every row alike. The report gives, per case,
// the median req/s and the server's CPU per request; per comparison, the median of per-round
// req/s ratios with min–max, and the same for CPU (peer CPU / ours). Above 1: Fielding faster.
// Before measuring, every row's answers are checked to be the same bytes as the reference row.
//
// BENCH_ROWS (a regular expression over row names), BENCH_ROUNDS (5), BENCH_SECONDS (3).
/* global fetch, performance */
import { execFileSync, fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { PATH } from './article.mjs';
import { comparisons, rows, SHALLOW } from './servers.mjs';

const REFERENCE = 'hand/node';
const ACCEPT = 'application/hal+json';

function ask(child, message) {
  return new Promise((resolve) => {
    child.once('message', resolve);
    child.send(message);
  });
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

function hasWrk() {
  try {
    execFileSync('wrk', ['--version'], { stdio: 'ignore' });
    return true;
  } catch (error) {
    return error.status === 1; // wrk --version prints usage and exits 1
  }
}

/** One load run against `url` for `seconds`: requests done and unexpected answers. */
async function load(url, headers, seconds, expected) {
  if (useWrk) {
    const args = ['-t1', '-c50', `-d${seconds}s`];
    for (const [name, value] of Object.entries(headers)) args.push('-H', `${name}: ${value}`);
    const out = execFileSync('wrk', [...args, url], { encoding: 'utf8' });
    // wrk: "  123456 requests in 3.00s, …" — the first number on the line before " requests in".
    const line = out.split('\n').find((text) => text.includes(' requests in ')) ?? '';
    const requests = Number(line.trim().split(' ')[0]);
    const bad = Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0);
    const errors = /Socket errors: (.*)/.exec(out)?.[1];
    if (bad > 0 || errors) throw new Error(`${url}: ${bad} bad answers, socket errors ${errors}`);
    return requests;
  }
  const autocannon = createRequire(import.meta.url)('autocannon');
  const result = await autocannon({ url, connections: 50, duration: seconds, headers });
  const good = expected === 304 ? result['3xx'] : result['2xx'];
  if (good !== result.requests.total || result.errors > 0) {
    throw new Error(`${url}: ${result.requests.total - good} bad answers, ${result.errors} errors`);
  }
  return result.requests.total;
}

/** What a row answers, reduced to what must be equal across rows. */
async function observe(origin, name) {
  const ok = await fetch(`${origin}${PATH}`, { headers: { Accept: ACCEPT } });
  const etag = ok.headers.get('etag');
  const seen = {
    status: ok.status,
    type: ok.headers.get('content-type')?.replace(/; ?charset=utf-8/i, ''),
    vary: ok.headers.get('vary'),
    lastModified: ok.headers.get('last-modified'),
    cacheControl: ok.headers.get('cache-control'),
    etag: SHALLOW.has(name) ? 'shallow' : etag,
    body: await ok.text(),
  };
  // fetch adds Cache-Control: no-cache to a conditional request unless one is given, and the
  // `fresh` package then refuses a 304; wrk sends neither, so the check sends what wrk does.
  const revalidated = await fetch(`${origin}${PATH}`, {
    headers: { Accept: ACCEPT, 'If-None-Match': etag, 'Cache-Control': 'max-age=0' },
  });
  await revalidated.arrayBuffer();
  const missing = await fetch(`${origin}/api/blogs/1/articles/404`, {
    headers: { Accept: ACCEPT },
  });
  await missing.arrayBuffer();
  return {
    seen,
    etag,
    notModified: revalidated.status,
    missing: `${missing.status} ${missing.headers.get('content-type')}`,
  };
}

function checkSame(name, observed, reference) {
  const problems = [];
  for (const [key, value] of Object.entries(reference.seen)) {
    if (key === 'etag' && observed.seen.etag === 'shallow') continue;
    if (observed.seen[key] !== value) {
      problems.push(`${key}: ${JSON.stringify(observed.seen[key])} ≠ ${JSON.stringify(value)}`);
    }
  }
  if (observed.notModified !== 304) problems.push(`If-None-Match gave ${observed.notModified}`);
  if (!observed.missing.startsWith('404 application/problem+json')) {
    problems.push(`unknown id gave ${observed.missing}`);
  }
  if (problems.length > 0)
    throw new Error(`${name} does not do the same work:\n  ${problems.join('\n  ')}`);
}

async function main() {
  const only = new RegExp(process.env.BENCH_ROWS ?? '.');
  const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
  const seconds = Number(process.env.BENCH_SECONDS ?? 3);
  const names = Object.keys(rows).filter((name) => name === REFERENCE || only.test(name));
  const children = new Map();
  try {
    for (const name of names) {
      const child = fork(fileURLToPath(import.meta.url), ['serve', name], { stdio: 'inherit' });
      const { port } = await new Promise((resolve, reject) => {
        child.once('message', resolve);
        child.once('exit', (code) => reject(new Error(`${name}: server exited (${code})`)));
      });
      child.removeAllListeners('exit');
      children.set(name, { child, origin: `http://127.0.0.1:${port}` });
    }
    const observed = new Map();
    for (const [name, { origin }] of children) observed.set(name, await observe(origin, name));
    for (const name of names) checkSame(name, observed.get(name), observed.get(REFERENCE));

    const cases = names.flatMap((name) => [
      { name, path: '200', headers: { Accept: ACCEPT }, expected: 200 },
      {
        name,
        path: '304',
        headers: { Accept: ACCEPT, 'If-None-Match': observed.get(name).etag },
        expected: 304,
      },
    ]);
    const results = new Map(cases.map((c) => [`${c.name} ${c.path}`, { rates: [], cpus: [] }]));
    const run = async (c, record) => {
      const { child, origin } = children.get(c.name);
      await ask(child, 'reset');
      const started = performance.now();
      const requests = await load(`${origin}${PATH}`, c.headers, record ? seconds : 1, c.expected);
      const elapsed = (performance.now() - started) / 1000;
      const { cpu } = await ask(child, 'read');
      if (!record) return;
      const result = results.get(`${c.name} ${c.path}`);
      result.rates.push(requests / elapsed);
      result.cpus.push(cpu / requests);
    };
    for (const c of cases) await run(c, false);
    for (let round = 0; round < rounds; round++) {
      const shift = (round * 3) % cases.length;
      const order = [...cases.slice(shift), ...cases.slice(0, shift)];
      for (const c of round % 2 === 0 ? order : order.reverse()) await run(c, true);
    }
    report(results, names, rounds, seconds);
  } finally {
    for (const { child } of children.values()) child.kill();
  }
}

function report(results, names, rounds, seconds) {
  const tool = useWrk ? 'wrk -t1 -c50' : 'autocannon -c50';
  console.log(
    `\nWhole-stack bench — Node ${process.versions.node}, ${tool}, ${rounds} rounds × ${seconds} s, order rotated, one process per server\n`,
  );
  console.log('| row | path | req/s (median) | µs CPU/request (median) |');
  console.log('| --- | --- | ---: | ---: |');
  for (const [key, { rates, cpus }] of results) {
    const [path] = key.split(' ').slice(-1);
    const name = key.slice(0, -path.length - 1);
    console.log(
      `| ${name} | ${path} | ${Math.round(median(rates))} | ${median(cpus).toFixed(1)} |`,
    );
  }
  console.log('\n| Fielding ÷ peer | path | req/s ratio, median (min–max) | CPU ratio, median |');
  console.log('| --- | --- | --- | ---: |');
  for (const [ours, peer] of comparisons) {
    if (!names.includes(ours) || !names.includes(peer)) continue;
    for (const path of ['200', '304']) {
      const a = results.get(`${ours} ${path}`);
      const b = results.get(`${peer} ${path}`);
      const rate = a.rates.map((value, i) => value / b.rates[i]);
      const cpu = a.cpus.map((value, i) => b.cpus[i] / value);
      console.log(
        `| ${ours} ÷ ${peer} | ${path} | ${median(rate).toFixed(2)} (${Math.min(...rate).toFixed(2)}–${Math.max(...rate).toFixed(2)}) | ${median(cpu).toFixed(2)} |`,
      );
    }
  }
}

const useWrk = process.argv[2] !== 'serve' && hasWrk();

if (process.argv[2] === 'serve') {
  const port = await rows[process.argv[3]]();
  let since = process.cpuUsage();
  process.on('message', (message) => {
    if (message === 'reset') since = process.cpuUsage();
    const used = process.cpuUsage(since);
    process.send({ cpu: used.user + used.system });
  });
  process.send({ port });
} else {
  await main();
}
