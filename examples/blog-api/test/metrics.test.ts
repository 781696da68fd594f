// Metric labels must have a bounded number of values whatever clients send: the route label is
// the matched route's pattern (or "unmatched"), the method label a known method (or "OTHER").
// Raw paths as labels once grew /metrics from 95 KB to 33 MB with 2,000 PROPFIND requests.
import { HTTP_METHODS } from '@fielding/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { createMetrics, type Metrics } from '../src/metrics.js';
import { openStore, type Store } from '../src/storage/store.js';

/** /metrics stays under this size after 2,000 random requests. */
const METRICS_BOUND = 64 * 1024;

interface Series {
  method: string;
  route: string;
  status: string;
}

function requestSeries(text: string): Series[] {
  return [...text.matchAll(/^http_requests_total\{(.*)\} \S+$/gm)].map((match) => {
    const labels = Object.fromEntries(
      [...(match[1] ?? '').matchAll(/\b(\w+)="([^"]*)"/g)].map((pair) => [pair[1], pair[2]]),
    );
    return labels as unknown as Series;
  });
}

describe('metrics labels', () => {
  let store: Store;
  let metrics: Metrics;
  let app: (request: Request) => Response | Promise<Response>;

  beforeAll(async () => {
    store = await openStore({ dataDir: 'memory://' });
  });
  afterAll(() => store.close());

  const fresh = () => {
    metrics = createMetrics();
    app = createApp({ store, metrics });
  };

  it('labels a request by the pattern of the route that answered it', async () => {
    fresh();
    await app(new Request('http://api.test/api/v1/blogs/1/articles/2'));
    await app(new Request('http://api.test/api/v1/blogs/1', { method: 'HEAD' }));
    await app(new Request('http://api.test/docs/rels/blogs'));
    const series = requestSeries(await (await metrics.render()).text());
    expect(series).toEqual(
      expect.arrayContaining([
        { method: 'GET', route: '/api/v1/blogs/:blogId/articles/:articleId', status: '200' },
        { method: 'HEAD', route: '/api/v1/blogs/:blogId', status: '200' },
        { method: 'GET', route: '/docs/rels/:rel', status: '200' },
      ]),
    );
  });

  it('labels 404s, 405s and unknown methods without their path or method name', async () => {
    fresh();
    await app(new Request('http://api.test/no/such/path'));
    await app(new Request('http://api.test/api/v1/blogs', { method: 'DELETE' }));
    await app(new Request('http://api.test/x7', { method: 'PROPFIND' }));
    const series = requestSeries(await (await metrics.render()).text());
    expect(series).toEqual(
      expect.arrayContaining([
        { method: 'GET', route: 'unmatched', status: '404' },
        { method: 'DELETE', route: 'unmatched', status: '405' },
        { method: 'OTHER', route: 'unmatched', status: '501' },
      ]),
    );
  });

  it(`stays under ${METRICS_BOUND / 1024} KB after 2,000 requests with random paths and methods`, async () => {
    fresh();
    const patterns = new Set([
      'unmatched',
      '/',
      '/api/v1',
      '/health',
      '/version',
      '/metrics',
      '/docs/rels/:rel',
      '/api/v1/blogs',
      '/api/v1/blogs/:blogId',
      '/api/v1/blogs/:blogId/articles',
      '/api/v1/blogs/:blogId/articles/:articleId',
      '/api/v1/blogs/:blogId/articles/:articleId/comments',
      '/api/v1/blogs/:blogId/articles/:articleId/comments/:commentId',
    ]);
    const method = fc.oneof(
      fc.constantFrom('GET', 'POST', 'PROPFIND', 'QUERY', 'MKCOL', 'LOCK'),
      // Fetch refuses CONNECT, TRACE and TRACK in a Request.
      fc.stringMatching(/^[A-Z]{1,12}$/).filter((name) => !/^(?:CONNECT|TRACE|TRACK)$/.test(name)),
    );
    const segment = fc.oneof(fc.constantFrom('api', 'v1', 'blogs', '1'), fc.webSegment());
    const path = fc.array(segment, { minLength: 1, maxLength: 6 }).map((s) => `/${s.join('/')}`);
    const requests = fc.sample(fc.tuple(method, path), { numRuns: 2_000, seed: 7 });
    for (const [verb, target] of requests) {
      const response = await app(new Request(`http://api.test${target}`, { method: verb }));
      await response.arrayBuffer();
    }
    const text = await (await metrics.render()).text();
    expect(text.length).toBeLessThan(METRICS_BOUND);
    const known = new Set([...HTTP_METHODS, 'OTHER']);
    for (const series of requestSeries(text)) {
      expect(known).toContain(series.method);
      expect(patterns).toContain(series.route);
    }
  }, 60_000);
});
