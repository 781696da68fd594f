// The declaration's cost: the tasks resource declared with @fielding/resource against the same
// endpoints glued by hand from the packages below it (bench/_apps.ts; test/bench-apps.test.ts
// checks that both answer byte for byte alike), for GET item 200, GET item 304, GET collection
// page and PATCH. Both are fetch handlers over equal in-memory stores, called in this process
// with real Request objects and their bodies read, so the ratio is the resource layer's own
// cost, not diluted by a server's. The two apps run in short alternating batches (the order
// flipping every pair), so a burst of load elsewhere hits both alike; it prints CPU µs per
// request (this process's user + system time: on a shared machine far steadier than wall time)
// and the median of the per-pair ratios (declared / hand: 1.05 means 5% slower), with the
// quartiles. Run from the repository root:
//   TSX_TSCONFIG_PATH=tsconfig.json node \
//     --import ./node_modules/.pnpm/tsx@4.20.6/node_modules/tsx/dist/esm/index.mjs \
//     packages/resource/bench/declared-vs-hand.measure.ts
// BENCH_PAIRS (batches per app and case; default 150) and BENCH_BATCH (requests; default 200).
import type { FetchHandler } from '@fielding/core';
import { declaredApp, handApp, taskStore } from './_apps.js';

const PAIRS = Number(process.env.BENCH_PAIRS ?? 150);
const REQUESTS = Number(process.env.BENCH_BATCH ?? 200);
const ORIGIN = 'http://bench.test';

interface Scenario {
  name: string;
  /** Makes the next request; `last` is the app's previous answer in this scenario. */
  request: (state: { etag: string }) => Request;
  /** The status every answer must have. */
  status: number;
}

const scenarios: Scenario[] = [
  { name: 'GET item 200', request: () => new Request(`${ORIGIN}/api/tasks/7`), status: 200 },
  {
    name: 'GET item 304',
    request: (state) =>
      new Request(`${ORIGIN}/api/tasks/7`, { headers: { 'If-None-Match': state.etag } }),
    status: 304,
  },
  {
    name: 'GET collection page',
    request: () => new Request(`${ORIGIN}/api/tasks?pageIndex=2&sort=-priority&done=false`),
    status: 200,
  },
  {
    name: 'PATCH (merge patch)',
    request: (state) =>
      new Request(`${ORIGIN}/api/tasks/8`, {
        method: 'PATCH',
        headers: { 'Content-Type': 'application/merge-patch+json', 'If-Match': state.etag },
        body: '{"done":true}',
      }),
    status: 200,
  },
];

interface App {
  name: 'declared' | 'hand';
  fetch: FetchHandler;
  state: Map<string, { etag: string }>;
}

async function start(name: App['name']): Promise<App> {
  const store = await taskStore();
  const fetch = name === 'declared' ? declaredApp(store) : handApp(store);
  const etagOf = async (path: string) =>
    (await fetch(new Request(`${ORIGIN}${path}`))).headers.get('etag') ?? '';
  return {
    name,
    fetch,
    state: new Map([
      ['GET item 304', { etag: await etagOf('/api/tasks/7') }],
      ['PATCH (merge patch)', { etag: await etagOf('/api/tasks/8') }],
    ]),
  };
}

/** Runs one batch; returns the process's CPU µs per request (user + system). */
async function batch(app: App, scenario: Scenario): Promise<number> {
  const state = app.state.get(scenario.name) ?? { etag: '' };
  const started = process.cpuUsage();
  for (let index = 0; index < REQUESTS; index++) {
    const response = await app.fetch(scenario.request(state));
    await response.arrayBuffer();
    if (response.status !== scenario.status) {
      throw new Error(`${app.name} ${scenario.name}: status ${response.status}`);
    }
    // A PATCH moves the version on: the next one pins the new tag.
    if (scenario.name.startsWith('PATCH')) state.etag = response.headers.get('etag') ?? '';
  }
  const used = process.cpuUsage(started);
  return (used.user + used.system) / REQUESTS;
}

const quantile = (values: readonly number[], q: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
};

const apps = [await start('declared'), await start('hand')];
const lines = [
  `declared resource vs hand-glued, in process: ${PAIRS} alternating pairs of ${REQUESTS}-request batches per case, Node ${process.versions.node}`,
  `  ${'case'.padEnd(22)} ${'declared'.padStart(10)} ${'hand'.padStart(10)}   ratio: median (quartiles)`,
];
for (const scenario of scenarios) {
  // Warm-up, not recorded: the JIT, the stores' first writes.
  for (let index = 0; index < 5; index++) for (const app of apps) await batch(app, scenario);
  const declared: number[] = [];
  const hand: number[] = [];
  for (let pair = 0; pair < PAIRS; pair++) {
    const order = pair % 2 === 0 ? apps : [...apps].reverse();
    for (const app of order)
      (app.name === 'declared' ? declared : hand).push(await batch(app, scenario));
  }
  const ratios = declared.map((micros, index) => micros / (hand[index] as number));
  lines.push(
    `  ${scenario.name.padEnd(22)} ${`${quantile(declared, 0.5).toFixed(1)} µs`.padStart(10)} ${`${quantile(hand, 0.5).toFixed(1)} µs`.padStart(10)}   ${quantile(ratios, 0.5).toFixed(3)} (${quantile(ratios, 0.25).toFixed(2)}–${quantile(ratios, 0.75).toFixed(2)})`,
  );
}
lines.push('ratio = declared CPU µs / hand CPU µs per request; the goal is ≤ 1.05');
process.stdout.write(`${lines.join('\n')}\n`);
