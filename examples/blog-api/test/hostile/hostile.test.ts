// The hostile-input suite: every row of rows.ts sent over real HTTP, as raw bytes, to each of the
// four servers (node:http, Express, Fastify, Hono), each in its own child process started as
// `pnpm start` starts it (test/support/child-server.ts, --expose-gc). Every answer must be the
// row's status; every 4xx/5xx application/problem+json; no body may hold a stack, a file path or
// SQL. After the table, /health still answers 200 and the heap (after a forced GC, reported over
// IPC — nothing in the app exposes it) has not grown by more than HEAP_GROWTH_BOUND.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FRAMEWORKS, type Framework } from '../../src/config.js';
import { startServerProcess, type ServerProcess } from '../support/server-process.js';
import { rawRequest } from './raw-http.js';
import { ROWS, type RowContext } from './rows.js';

/** What no answer may contain: a stack frame, a source path, SQL or a PostgreSQL message. */
const LEAKS = / {4}at |\/work\/|\.ts:|node_modules|SELECT|INSERT|UPDATE|syntax error|relation/;
/** The members a log line may have (src/log.ts: codes and route templates only). */
const LOG_FIELDS = new Set(['level', 'event', 'method', 'route', 'status', 'error', 'code', 'at']);
/** Heap growth allowed across the whole table (after a forced GC), per server. */
const HEAP_GROWTH_BOUND = 8 * 1024 * 1024;

/** Every row for every server, interleaved so that all four servers are busy at once. */
const TABLE = ROWS.flatMap((row) =>
  FRAMEWORKS.map((framework) => ({
    ...row,
    framework,
    title: `${framework} ${row.group}: ${row.name} → ${row.status.join(' or ')}`,
  })),
);

describe('hostile requests', () => {
  const servers = new Map<Framework, ServerProcess>();
  const baselines = new Map<Framework, number>();
  const contexts = new Map<Framework, RowContext>();

  beforeAll(async () => {
    const started = await Promise.all(FRAMEWORKS.map((framework) => startServerProcess(framework)));
    FRAMEWORKS.forEach((framework, index) => {
      const server = started[index]!;
      servers.set(framework, server);
      contexts.set(framework, {
        async etag() {
          const response = await fetch(`${server.url}/api/v1/blogs/1`);
          await response.arrayBuffer();
          return response.headers.get('etag') ?? '';
        },
        read: async (path) => (await fetch(`${server.url}${path}`)).text(),
      });
    });
  }, 120_000);
  afterAll(() => Promise.all([...servers.values()].map((server) => server.stop())));

  it.each(FRAMEWORKS)('%s answers ordinary requests before the table', async (framework) => {
    const server = servers.get(framework)!;
    for (const path of ['/api/v1', '/api/v1/blogs', '/api/v1/blogs/1', '/health', '/metrics']) {
      const response = await fetch(`${server.url}${path}`);
      await response.arrayBuffer();
      expect(response.status).toBe(200);
    }
    baselines.set(framework, await server.heapUsed());
  });

  // Five rows at a time (vitest's maxConcurrency), spread over the four servers.
  it.concurrent.each(TABLE)('$title', async (row) => {
    const server = servers.get(row.framework)!;
    const answer = await rawRequest(server.port, await row.request(contexts.get(row.framework)!));
    const seen = `${answer.status} ${answer.headers['content-type']} ${answer.body.slice(0, 300)}`;
    expect(answer.closedWithoutAnswer, 'closed the connection without an answer').toBe(false);
    expect(row.status, seen).toContain(answer.status);
    if (answer.status >= 400) {
      expect(answer.headers['content-type'], seen).toBe('application/problem+json');
    }
    expect(answer.body).not.toMatch(LEAKS);
  });

  it.each(FRAMEWORKS)(
    '%s still answers /health with 200, and nothing was written',
    async (framework) => {
      const server = servers.get(framework)!;
      const health = await fetch(`${server.url}/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: 'ok', database: 'pglite' });
      // No hostile write went through: blog 1 is still at its first version, unpolluted.
      const blog = await fetch(`${server.url}/api/v1/blogs/1`);
      expect(blog.headers.get('etag')).toBe('"v1-hal"');
      expect(await blog.text()).not.toContain('polluted');
      expect(server.running()).toBe(true);
    },
  );

  it.each(FRAMEWORKS)('%s logged only JSON events, without request data', (framework) => {
    const lines = servers.get(framework)!.stderr().split('\n').filter(Boolean);
    for (const line of lines) {
      const entry = JSON.parse(line) as Record<string, unknown>;
      expect(
        Object.keys(entry).every((key) => LOG_FIELDS.has(key)),
        line,
      ).toBe(true);
      expect(String(entry.route ?? 'unmatched'), line).toMatch(/^[\w/:-]*$/);
      expect(line).not.toMatch(/polluted|garbage|\\u0000/);
    }
  });

  it.each(FRAMEWORKS)(
    `%s keeps its heap within ${HEAP_GROWTH_BOUND / 1024 / 1024} MB of where it was`,
    async (framework) => {
      const before = baselines.get(framework) ?? Number.NaN;
      const after = await servers.get(framework)!.heapUsed();
      if (process.env.HOSTILE_REPORT) {
        console.info(`${framework}: heap ${mb(before)} → ${mb(after)} MB after the table`);
      }
      expect(after - before).toBeLessThan(HEAP_GROWTH_BOUND);
    },
  );
});

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
