// PATCH validates the patched document against the resource's schema. That schema must be built
// once when the app is set up: a new schema object per request is compiled again by Ajv and kept
// in its cache, so every PATCH leaked about 10 KB (8,000 PATCHes grew the heap by 80 MB).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from './support/server-process.js';

const PATCHES = 1_000;
/** Heap growth allowed over 1,000 PATCHes after a forced GC (the leak was about 10 MB). */
const HEAP_BOUND = 2 * 1024 * 1024;

describe('PATCH keeps no per-request state', () => {
  let server: ServerProcess;
  beforeAll(async () => {
    // 1,100 requests from one client: over the default rate limit, which is not what this measures.
    server = await startServerProcess('node', { RATE_LIMIT: '100000' });
  });
  afterAll(() => server?.stop());

  it(`grows the heap by less than 2 MB over ${PATCHES} PATCHes`, async () => {
    const url = `${server.url}/api/v1/blogs/1`;
    let etag = (await fetch(url)).headers.get('etag') ?? '';
    const patch = async (round: number) => {
      const response = await fetch(url, {
        method: 'PATCH',
        body: JSON.stringify({ title: `Title ${round}` }),
        headers: { 'Content-Type': 'application/merge-patch+json', 'If-Match': etag },
      });
      expect(response.status).toBe(200);
      await response.arrayBuffer();
      etag = response.headers.get('etag') ?? '';
    };
    for (let round = 0; round < 100; round += 1) await patch(round);
    const before = await server.heapUsed();
    for (let round = 0; round < PATCHES; round += 1) await patch(round);
    const after = await server.heapUsed();
    expect(after - before).toBeLessThan(HEAP_BOUND);
  }, 120_000);
});
