// The overhead of idempotency() per request, in process, on the built Node build: one POST
// route with and without the middleware (memoryStore), for a first request (new key: read and
// fingerprint the body, claim, run, store) and for a retry (replayed without running the
// handler). Variants run in interleaved rounds and each is reported as the median µs per
// request over the rounds, so a busy machine skews them alike. After `pnpm build`:
//   node packages/idempotency/bench/overhead.mjs [rounds] [requests-per-round]
/* global performance */
import { compose } from '@fielding/core';
import { idempotency, memoryStore } from '@fielding/idempotency';

const rounds = Number(process.argv[2] ?? 30);
const perRound = Number(process.argv[3] ?? 2000);
const body = JSON.stringify({ sku: 'A-1', quantity: 2, note: 'Leave at the door, please.' });

let next = 0;
const createOrder = async (request) => {
  const order = await request.json();
  next += 1;
  return Response.json(
    { id: next, ...order },
    { status: 201, headers: { Location: `/orders/${next}` } },
  );
};
const guarded = compose(idempotency({ store: memoryStore({ maxEntries: 100_000 }) }))(createOrder);

const post = (key) =>
  new Request('https://api.test/orders', {
    method: 'POST',
    body,
    headers:
      key === undefined
        ? { 'content-type': 'application/json' }
        : { 'content-type': 'application/json', 'idempotency-key': key },
  });

let serial = 0;
const variants = {
  'without idempotency()': () => createOrder(post()),
  'idempotency(), first request': () => guarded(post(`"k-${(serial += 1)}"`)),
  'idempotency(), replayed retry': () => guarded(post('"retried"')),
};
await (await guarded(post('"retried"'))).arrayBuffer();

const samples = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
const names = Object.keys(variants);
for (let round = 0; round < rounds + 3; round += 1) {
  for (const name of round % 2 === 0 ? names : [...names].reverse()) {
    const run = variants[name];
    const started = performance.now();
    for (let i = 0; i < perRound; i += 1) await (await run()).arrayBuffer();
    // The first rounds warm the JIT and are not counted.
    if (round >= 3) samples[name].push(((performance.now() - started) * 1000) / perRound);
  }
}
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const base = median(samples['without idempotency()']);
console.log(`node ${process.version}, ${rounds} rounds × ${perRound} requests, median µs/request`);
for (const name of names) {
  const value = median(samples[name]);
  console.log(
    `${name.padEnd(32)} ${value.toFixed(1).padStart(8)} µs   ×${(value / base).toFixed(2)}`,
  );
}
