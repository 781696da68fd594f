// The declaration's cost on a real server: the two apps of bench/_apps.ts, each served by
// serve() of @fielding/node in this process on its own port, loaded by wrk (-t1 -c10) in short
// alternating runs (the order flipping every pair). The server's CPU per request is this
// process's user + system time over the requests wrk completed. GET item 200, GET item 304
// and GET collection page; PATCH is measured in process (declared-vs-hand.measure.ts), since
// each PATCH must pin the tag the one before it made. Needs wrk; run from the repository root:
//   TSX_TSCONFIG_PATH=tsconfig.json node \
//     --import ./node_modules/.pnpm/tsx@4.20.6/node_modules/tsx/dist/esm/index.mjs \
//     packages/resource/bench/declared-vs-hand.http.measure.ts
// BENCH_PAIRS (runs per app and case; default 20) and BENCH_SECONDS (per run; default 1).
import { execFile } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { serve } from '@fielding/node';
import { declaredApp, handApp, taskStore } from './_apps.js';

const PAIRS = Number(process.env.BENCH_PAIRS ?? 20);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 1);
const run = promisify(execFile);

async function start(app: 'declared' | 'hand'): Promise<{ name: string; origin: string }> {
  const store = await taskStore();
  const server = serve(app === 'declared' ? declaredApp(store) : handApp(store), { port: 0 });
  if (!server.listening) await new Promise((resolve) => server.once('listening', resolve));
  return { name: app, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** One wrk run: the server's CPU µs per request. */
async function load(url: string, headers: Record<string, string>): Promise<number> {
  const args = ['-t1', '-c10', `-d${SECONDS}s`];
  for (const [name, value] of Object.entries(headers)) args.push('-H', `${name}: ${value}`);
  const started = process.cpuUsage();
  const { stdout } = await run('wrk', [...args, url]);
  const used = process.cpuUsage(started);
  const line = stdout.split('\n').find((text) => text.includes(' requests in ')) ?? '';
  const requests = Number(line.trim().split(' ')[0]);
  if (/Non-2xx or 3xx responses/.test(stdout) || !(requests > 0)) {
    throw new Error(`${url}: unexpected answers\n${stdout}`);
  }
  return (used.user + used.system) / requests;
}

const quantile = (values: readonly number[], q: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
};

const servers = [await start('declared'), await start('hand')];
const etag = async (origin: string) =>
  (await fetch(`${origin}/api/tasks/7`)).headers.get('etag') ?? '';
const cases: [string, string, (origin: string) => Promise<Record<string, string>>][] = [
  ['GET item 200', '/api/tasks/7', async () => ({})],
  ['GET item 304', '/api/tasks/7', async (origin) => ({ 'If-None-Match': await etag(origin) })],
  ['GET collection page', '/api/tasks?pageIndex=2&sort=-priority&done=false', async () => ({})],
];
const lines = [
  `declared resource vs hand-glued on serve() of @fielding/node: ${PAIRS} alternating pairs of ${SECONDS} s wrk runs per case, Node ${process.versions.node}`,
  `  ${'case'.padEnd(22)} ${'declared'.padStart(10)} ${'hand'.padStart(10)}   ratio: median (quartiles)`,
];
for (const [name, path, headersOf] of cases) {
  const headers = new Map(
    await Promise.all(
      servers.map(async (server) => [server.name, await headersOf(server.origin)] as const),
    ),
  );
  const cpu = new Map(servers.map((server) => [server.name, [] as number[]]));
  for (const server of servers)
    await load(`${server.origin}${path}`, headers.get(server.name) ?? {});
  for (let pair = 0; pair < PAIRS; pair++) {
    for (const server of pair % 2 === 0 ? servers : [...servers].reverse()) {
      cpu
        .get(server.name)
        ?.push(await load(`${server.origin}${path}`, headers.get(server.name) ?? {}));
    }
  }
  const declared = cpu.get('declared') ?? [];
  const hand = cpu.get('hand') ?? [];
  const ratios = declared.map((micros, index) => micros / (hand[index] as number));
  lines.push(
    `  ${name.padEnd(22)} ${`${quantile(declared, 0.5).toFixed(1)} µs`.padStart(10)} ${`${quantile(hand, 0.5).toFixed(1)} µs`.padStart(10)}   ${quantile(ratios, 0.5).toFixed(3)} (${quantile(ratios, 0.25).toFixed(2)}–${quantile(ratios, 0.75).toFixed(2)})`,
  );
}
lines.push('ratio = declared / hand server CPU µs per request; the goal is ≤ 1.05');
process.stdout.write(`${lines.join('\n')}\n`);
process.exit(0);
