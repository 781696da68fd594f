// Everything the app answers is problem+json, including failures of its own outermost layers:
// the metrics middleware once ran outside the problem boundary, and for `Host: a b` on Express it
// threw, so Express's default handler printed a stack trace and a source path as HTML.
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { createMetrics, type Metrics } from '../src/metrics.js';
import { startExpress } from '../src/servers/express.js';
import { openStore, type Store } from '../src/storage/store.js';

const LEAKS = / {4}at |\/work\/|\.ts:|node_modules/;

function get(port: number, path: string, host: string) {
  return new Promise<{ status: number; type: string | undefined; body: string }>(
    (resolve, reject) => {
      const request = httpRequest({ port, path, headers: { Host: host } }, (response) => {
        let body = '';
        response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            type: response.headers['content-type'],
            body,
          }),
        );
      });
      request.on('error', reject).end();
    },
  );
}

describe('the problem boundary', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore({ dataDir: 'memory://' });
  });
  afterAll(() => store.close());

  it('records a request whose URL cannot be parsed without throwing', async () => {
    const metrics = createMetrics();
    // What a lazy adapter request looks like when the Host header makes no URL.
    const request = { method: 'GET', url: 'http://a b/api/v1', headers: new Headers() };
    const answer = new Response('ok');
    await expect(metrics.middleware(request as Request, () => answer)).resolves.toBe(answer);
    expect(await (await metrics.render()).text()).toContain(
      'http_requests_total{method="GET",route="unmatched",status="200"} 1',
    );
  });

  it('answers a failure of the metrics layer itself as a 500 problem', async () => {
    const broken: Metrics = {
      ...createMetrics(),
      middleware: function brokenMetrics() {
        throw new Error('metrics failed');
      },
    };
    const app = createApp({ store, metrics: broken });
    const response = await app(new Request('http://api.test/api/v1'));
    expect(response.status).toBe(500);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.text()).not.toMatch(/metrics failed| {4}at /);
  });

  it('answers Host: a b on Express with problem+json, without a stack or a path', async () => {
    const server = await startExpress(createApp({ store, metrics: createMetrics() }), 0);
    try {
      const response = await get(Number(new URL(server.url).port), '/api/v1', 'a b');
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.type).toBe('application/problem+json');
      expect(response.body).not.toMatch(LEAKS);
    } finally {
      await server.close();
    }
  });
});
