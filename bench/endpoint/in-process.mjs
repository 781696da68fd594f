// The endpoint's cost without a server: the Fielding handler (router, problemDetails,
// representations, evaluatePreconditions, HAL builder) against the same endpoint written by
// hand as a fetch handler, called in the same process, alternating rounds so both see the same
// machine. Prints µs per request and the ratio (above 1: Fielding is faster), for the 200, 304
// and 404 paths. Run with any node: `node bench/endpoint/in-process.mjs` (after `pnpm build`).
import { createFieldingApp } from './fielding-app.mjs';
import {
  CONTENT_TYPES,
  ITEM_PATTERN,
  LAST_MODIFIED,
  document,
  find,
  matches,
  notFoundBody,
  variantOf,
} from './hand.mjs';
import { PATH } from './article.mjs';

/** The hand-written endpoint as a fetch handler (what a careful author writes without Fielding). */
function hand(request) {
  const url = new URL(request.url);
  const match = ITEM_PATTERN.exec(url.pathname);
  const row = match && find(match[1], match[2]);
  if (!row) {
    return new Response(notFoundBody(match ? match[2] : '', url.pathname), {
      status: 404,
      headers: { 'Content-Type': 'application/problem+json', Vary: 'Accept' },
    });
  }
  const variant = variantOf(request.headers.get('accept'));
  const etag = `"v${row.version}-${variant}"`;
  const headers = {
    ETag: etag,
    'Last-Modified': LAST_MODIFIED,
    'Cache-Control': 'no-cache',
    Vary: 'Accept',
  };
  if (matches(request.headers.get('if-none-match'), etag))
    return new Response(null, { status: 304, headers });
  headers['Content-Type'] = CONTENT_TYPES[variant];
  return new Response(JSON.stringify(document(row, match[1], match[2])), { headers });
}

const fielding = createFieldingApp();
const base = 'http://127.0.0.1:3000';
const paths = {
  200: () => new Request(`${base}${PATH}`, { headers: { Accept: 'application/hal+json' } }),
  304: () =>
    new Request(`${base}${PATH}`, {
      headers: { Accept: 'application/hal+json', 'If-None-Match': '"v3-hal"' },
    }),
  404: () =>
    new Request(`${base}/api/blogs/1/articles/99`, { headers: { Accept: 'application/hal+json' } }),
};

// Same bytes, or the comparison means nothing.
for (const [name, make] of Object.entries(paths)) {
  const [a, b] = await Promise.all([fielding(make()), hand(make())]);
  const [ta, tb] = await Promise.all([a.text(), b.text()]);
  if (a.status !== b.status || ta !== tb || a.headers.get('etag') !== b.headers.get('etag')) {
    throw new Error(
      `${name}: the rows answer differently (${a.status} ${ta.slice(0, 80)} / ${b.status} ${tb.slice(0, 80)})`,
    );
  }
}

async function round(handler, make, n) {
  const start = process.cpuUsage();
  for (let i = 0; i < n; i++) {
    const response = await handler(make());
    await response.arrayBuffer(); // what a server does: read the body out
  }
  const used = process.cpuUsage(start);
  return (used.user + used.system) / n;
}

const ROUNDS = Number(process.env.ROUNDS ?? 7);
const N = Number(process.env.N ?? 4000);
console.log(`node ${process.version}, ${ROUNDS} rounds × ${N} requests, CPU µs per request`);
for (const [name, make] of Object.entries(paths)) {
  await round(fielding, make, N); // warm-up
  await round(hand, make, N);
  const ratios = [];
  const f = [];
  const h = [];
  for (let r = 0; r < ROUNDS; r++) {
    const first = r % 2 === 0;
    const a = first ? await round(fielding, make, N) : undefined;
    const b = await round(hand, make, N);
    const c = first ? a : await round(fielding, make, N);
    f.push(c);
    h.push(b);
    ratios.push(b / c);
  }
  const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
  console.log(
    `${name}: fielding ${median(f).toFixed(1)} µs, hand ${median(h).toFixed(1)} µs, ` +
      `fielding ÷ hand speed ${median(ratios).toFixed(2)} (${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)})`,
  );
}
