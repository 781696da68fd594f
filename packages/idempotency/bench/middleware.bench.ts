// The overhead of idempotency() per request: the same POST route with and without the
// middleware (memoryStore), for a first request (parse, read and fingerprint the body, claim,
// run, store) and for a retry (parse, fingerprint, claim, replay without running the handler).
import { compose, type FetchHandler } from '@fielding/core';
import { bench, describe } from 'vitest';
import { idempotency, memoryStore } from '../src/index.node.js';

const body = JSON.stringify({ sku: 'A-1', quantity: 2, note: 'Leave at the door, please.' });
let next = 0;
const createOrder: FetchHandler = async (request) => {
  const order = (await request.json()) as Record<string, unknown>;
  next += 1;
  return Response.json(
    { id: next, ...order },
    { status: 201, headers: { Location: `/orders/${next}` } },
  );
};
const withIdempotency = compose(idempotency({ store: memoryStore() }))(createOrder);

const post = (key?: string): Request =>
  new Request('https://api.test/orders', {
    method: 'POST',
    body,
    headers:
      key === undefined
        ? { 'content-type': 'application/json' }
        : { 'content-type': 'application/json', 'idempotency-key': key },
  });

let serial = 0;
const retried = '"retried-key"';
await (await withIdempotency(post(retried))).arrayBuffer();

describe('POST /orders', () => {
  bench(
    'without idempotency()',
    async () => {
      await (await createOrder(post())).arrayBuffer();
    },
    { time: 3000 },
  );
  bench(
    'with idempotency(), a first request (new key)',
    async () => {
      await (await withIdempotency(post(`"k-${(serial += 1)}"`))).arrayBuffer();
    },
    { time: 3000 },
  );
  bench(
    'with idempotency(), a retry (replayed)',
    async () => {
      await (await withIdempotency(post(retried))).arrayBuffer();
    },
    { time: 3000 },
  );
});
