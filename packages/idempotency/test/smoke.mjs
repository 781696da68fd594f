// Runtime smoke test: the built package's public API, run by scripts/smoke/run-matrix.mjs on
// Node 20/22/24, Deno and Bun. Plain assertions so it needs nothing but the runtime.
import {
  decideIdempotency,
  formatIdempotencyKey,
  idempotency,
  memoryStore,
  parseIdempotencyKey,
  requestFingerprint,
  storeContract,
} from '../dist/index.js';

const check = (condition, message) => {
  if (!condition) throw new Error(`idempotency smoke: ${message}`);
};
const url = 'https://smoke.test/orders';

check(parseIdempotencyKey('"8e03978e-40d5"').key === '8e03978e-40d5', 'parse');
check(parseIdempotencyKey('token').type === 'invalid', 'parse token');
check(formatIdempotencyKey('a"b') === '"a\\"b"', 'format');
check(
  decideIdempotency({ state: 'in-flight', fingerprint: 'a' }, 'b').type === 'mismatch',
  'decide',
);

const request = new Request(url, { method: 'POST', body: '{"sku":"A"}' });
const body = new Uint8Array(await request.clone().arrayBuffer());
const print = await requestFingerprint(request, body);
check(/^[A-Z0-9+/]{43}=$/i.test(print), 'fingerprint');

// The Node build (node:crypto; Deno and Bun load it too) gives the same fingerprint.
const nodeBuild = await import('../dist/index.node.js');
check((await nodeBuild.requestFingerprint(request, body)) === print, 'node build fingerprint');

let runs = 0;
const middleware = idempotency({ store: memoryStore(), required: true });
const handler = (req) =>
  middleware(req, async (inner) => {
    runs += 1;
    return Response.json({ run: runs, body: await inner.text() }, { status: 201 });
  });
const post = (key, payload = '{"sku":"A"}') =>
  new Request(url, {
    method: 'POST',
    body: payload,
    headers: key === undefined ? {} : { 'Idempotency-Key': key },
  });
const first = await handler(post('"k"'));
const firstBody = await first.text();
const retry = await handler(post('"k"'));
check(first.status === 201 && retry.status === 201 && runs === 1, 'replay runs once');
check((await retry.text()) === firstBody, 'replay body');
check((await handler(post('"k"', '{"sku":"B"}'))).status === 422, '422');
const missing = await handler(post(undefined));
check(missing.status === 400, '400');
check(missing.headers.get('content-type') === 'application/problem+json', 'problem+json');

for (const { name, run } of storeContract(() => memoryStore(), { shortTtl: 40 })) {
  try {
    await run();
  } catch (error) {
    throw new Error(`idempotency smoke: contract "${name}": ${error.message}`);
  }
}
