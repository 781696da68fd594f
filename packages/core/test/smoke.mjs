// Runtime smoke test: the built package's public API, run by scripts/smoke/run-matrix.mjs on
// Node 20/22/24, Deno and Bun. Plain assertions so it needs nothing but the runtime.
import { compose } from '../dist/index.js';

const handler = compose(async (request, next) => {
  const response = await next(request);
  response.headers.set('X-Smoke', 'yes');
  return response;
})(() => new Response('ok'));

const response = await handler(new Request('http://smoke.test/'));
if ((await response.text()) !== 'ok' || response.headers.get('X-Smoke') !== 'yes') {
  throw new Error('compose smoke failed');
}
