// The overhead of bearerAuth per request: the same route with and without it, the token an
// HS256 JWT verified on every request (no cache of verified tokens). vitest prints the ratio
// ("… x faster than …") under the results; on a busy machine the means drift with the other
// load, so the file also prints the ratio of medians over interleaved rounds, which does not.
import { compose, createRouter } from '@fielding/core';
import { SignJWT } from 'jose';
import { bench, describe } from 'vitest';
import { bearerAuth } from '../src/index.js';

const SECRET = 'a bench secret that is at least 32 bytes long';
const token = await new SignJWT({ sub: 'ada', scope: 'read write', iss: 'https://id.test' })
  .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
  .setExpirationTime('1h')
  .sign(new TextEncoder().encode(SECRET));

const router = createRouter().post('/blogs/:blogId/posts', (_request, { params }) =>
  Response.json({ blogId: params.blogId, title: 'Bearer tokens' }, { status: 201 }),
);
const bare = router.fetch;
const guarded = compose(
  bearerAuth({
    secret: SECRET,
    issuer: 'https://id.test',
    scopes: { 'POST /blogs/:blogId/posts': ['write'] },
  }),
)(router.fetch);

const request = () =>
  new Request('https://api.test/blogs/7/posts', {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}` },
  });

describe('POST /blogs/:blogId/posts', () => {
  bench(
    'without bearerAuth',
    async () => {
      await (await bare(request())).arrayBuffer();
    },
    { time: 3000, warmupTime: 1000 },
  );
  bench(
    'with bearerAuth (HS256 verify + scope table)',
    async () => {
      const response = await guarded(request());
      if (response.status !== 201) throw new Error(`unexpected ${response.status}`);
      await response.arrayBuffer();
    },
    { time: 3000, warmupTime: 1000 },
  );
});

// Interleaved rounds: each round times 200 requests on each variant, back to back.
async function perRequest(fetch: (request: Request) => Promise<Response>): Promise<number> {
  const started = performance.now();
  for (let index = 0; index < 200; index++) await (await fetch(request())).arrayBuffer();
  return ((performance.now() - started) * 1000) / 200;
}
const median = (values: number[]): number =>
  values.sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
const rounds = { bare: [] as number[], guarded: [] as number[] };
for (let round = 0; round < 40; round++) {
  rounds.bare.push(await perRequest(async (r) => bare(r)));
  rounds.guarded.push(await perRequest(async (r) => guarded(r)));
}
const [without, withAuth] = [median(rounds.bare), median(rounds.guarded)];
console.log(
  `bearerAuth overhead (median of 40 interleaved rounds × 200 requests): ` +
    `${without.toFixed(1)} µs → ${withAuth.toFixed(1)} µs per request, ` +
    `ratio ${(withAuth / without).toFixed(2)}×, +${(withAuth - without).toFixed(1)} µs`,
);
