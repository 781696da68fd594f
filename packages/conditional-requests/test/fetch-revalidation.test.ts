// A real fetch() against a real server: Node's global fetch (undici) adds `Cache-Control:
// no-cache` and `Pragma: no-cache` to every request that carries a conditional header, as the
// Fetch standard says every fetch() does. Only a wire test shows that such a client can
// revalidate (RFC 9111 §5.2.1.4: request no-cache asks for validation at the origin — a 304).
// The server is test harness on node:http; vitest's edge-runtime project swaps only the globals
// (node built-ins stay importable by tests), so there the package's code answers with the edge
// runtime's Request, Response and Headers behind the same real server.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compose, type FetchHandler } from '@fielding/core';
import { toNodeListener } from '@fielding/node';
import { respondToPreconditions, shallowEtag } from '../src/index.node.js';

const LAST_MODIFIED = 'Wed, 10 Jan 2024 12:00:00 GMT';

// Three resources: a deep ETag, a shallow ETag, and the old `fresh` rule opted into.
const deep: FetchHandler = (request) => {
  const headers = { ETag: '"42"', 'Last-Modified': LAST_MODIFIED, Vary: 'Accept' };
  return (
    respondToPreconditions(request, { etag: '"42"', lastModified: LAST_MODIFIED }, { headers }) ??
    Response.json({ id: 7 }, { headers })
  );
};
const shallow = compose(shallowEtag())(() => Response.json({ id: 8 }));
const reload = compose(shallowEtag({ fullResponseOnNoCache: true }))(() =>
  Response.json({ id: 9 }),
);

describe('fetch() revalidation over http (node:http, global fetch)', () => {
  let origin = '';
  const seen: IncomingHttpHeaders[] = [];
  const server = createServer((req, res) => {
    seen.push(req.headers);
    const path = req.url ?? '/';
    const handler = path === '/deep' ? deep : path === '/shallow' ? shallow : reload;
    toNodeListener(handler, { fastResponse: false })(req, res);
  });

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it.each([
    ['a deep etag', '/deep', 'If-None-Match'],
    ['a shallow etag', '/shallow', 'If-None-Match'],
    ['a deep etag', '/deep', 'If-Modified-Since'],
    ['a shallow etag', '/shallow', 'If-Modified-Since'],
  ])('gets a 304 for %s at %s with %s', async (_name, path, condition) => {
    const first = await fetch(`${origin}${path}`);
    await first.arrayBuffer();
    const etag = first.headers.get('etag');
    expect(first.status).toBe(200);
    expect(etag).toMatch(/^"/);
    const value = condition === 'If-None-Match' ? (etag ?? '') : LAST_MODIFIED;
    // The shallow resource has no Last-Modified: If-Modified-Since alone cannot match there.
    const expected = condition === 'If-Modified-Since' && path === '/shallow' ? 200 : 304;
    seen.length = 0;
    const again = await fetch(`${origin}${path}`, { headers: { [condition]: value } });
    const body = await again.text();
    // fetch() really sent the caching headers this test is about.
    expect(seen[0]?.['cache-control']).toBe('no-cache');
    expect(seen[0]?.pragma).toBe('no-cache');
    expect(again.status).toBe(expected);
    if (expected === 304) {
      expect(body).toBe('');
      expect(again.headers.get('etag')).toBe(etag);
    }
  });

  it('gets the full response where fullResponseOnNoCache keeps the fresh rule', async () => {
    const first = await fetch(`${origin}/reload`);
    await first.arrayBuffer();
    const etag = first.headers.get('etag') ?? '';
    const again = await fetch(`${origin}/reload`, { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ id: 9 });
    // Without no-cache (a client that sets its own Cache-Control), the 304 comes back.
    const plain = await fetch(`${origin}/reload`, {
      headers: { 'If-None-Match': etag, 'Cache-Control': 'max-age=0' },
    });
    await plain.arrayBuffer();
    expect(plain.status).toBe(304);
  });
});
