// Slow-loris clients: connections that drip a byte at a time are cut off within the configured
// timeouts on every server (node:http, Express, Fastify, Hono), and the server keeps serving.
// The timeouts come from HEADERS_TIMEOUT_MS, REQUEST_TIMEOUT_MS and KEEP_ALIVE_TIMEOUT_MS; they
// are short here so the test is quick.
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FRAMEWORKS, type Framework } from '../src/config.js';
import { startServerProcess, type ServerProcess } from './support/server-process.js';

const HEADERS_MS = 1_000;
const REQUEST_MS = 2_000;
const KEEP_ALIVE_MS = 500;
/** Timers are checked at an interval and the machine may be busy: the cut may come this late. */
const SLACK_MS = 1_500;
const CONNECTIONS = 10;

/**
 * Opens a connection, writes `head`, then one byte of `drip` every 100 ms; resolves with the
 * milliseconds until the server closed the connection (or rejects after `limit` ms).
 */
function slowClient(port: number, head: string, drip: string, limit: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const socket = connect(port, '127.0.0.1', () => socket.write(head));
    const timer = setInterval(() => {
      if (!socket.destroyed && socket.writable) socket.write(drip);
    }, 100);
    const giveUp = setTimeout(() => {
      clearInterval(timer);
      socket.destroy();
      reject(new Error(`still open after ${limit} ms`));
    }, limit);
    socket.resume();
    socket.on('error', () => {});
    socket.on('close', () => {
      clearInterval(timer);
      clearTimeout(giveUp);
      resolve(performance.now() - started);
    });
  });
}

/** Sends one complete request on a kept-alive connection, then stays silent. */
function idleClient(port: number, limit: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let answered = 0;
    const socket = connect(port, '127.0.0.1', () =>
      socket.write('GET /version HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n'),
    );
    const giveUp = setTimeout(() => {
      socket.destroy();
      reject(new Error(`idle connection still open after ${limit} ms`));
    }, limit);
    socket.on('data', () => {
      answered ||= performance.now();
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      clearTimeout(giveUp);
      if (answered === 0) reject(new Error('no answer before the close'));
      else resolve(performance.now() - answered);
    });
  });
}

describe('slow clients', () => {
  const servers = new Map<Framework, ServerProcess>();
  beforeAll(async () => {
    const env = {
      HEADERS_TIMEOUT_MS: String(HEADERS_MS),
      REQUEST_TIMEOUT_MS: String(REQUEST_MS),
      KEEP_ALIVE_TIMEOUT_MS: String(KEEP_ALIVE_MS),
    };
    const started = await Promise.all(FRAMEWORKS.map((name) => startServerProcess(name, env)));
    FRAMEWORKS.forEach((name, index) => servers.set(name, started[index]!));
  }, 120_000);
  afterAll(() => Promise.all([...servers.values()].map((server) => server.stop())));

  describe.each(FRAMEWORKS)('on %s', (framework) => {
    it(`cuts off ${CONNECTIONS} clients dripping their headers within HEADERS_TIMEOUT_MS`, async () => {
      const { port } = servers.get(framework)!;
      const head = 'GET /api/v1 HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ';
      const times = await Promise.all(
        Array.from({ length: CONNECTIONS }, () => slowClient(port, head, 'a', 10_000)),
      );
      expect(Math.max(...times)).toBeLessThan(HEADERS_MS + SLACK_MS);
    });

    it(`cuts off ${CONNECTIONS} clients dripping their body within REQUEST_TIMEOUT_MS`, async () => {
      const { port } = servers.get(framework)!;
      const head =
        'POST /api/v1/blogs HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
        'Content-Length: 100000\r\n\r\n{"title":"';
      const times = await Promise.all(
        Array.from({ length: CONNECTIONS }, () => slowClient(port, head, 'a', 10_000)),
      );
      expect(Math.max(...times)).toBeLessThan(REQUEST_MS + SLACK_MS);
    });

    it('closes an idle kept-alive connection within KEEP_ALIVE_TIMEOUT_MS', async () => {
      const { port } = servers.get(framework)!;
      expect(await idleClient(port, 10_000)).toBeLessThan(KEEP_ALIVE_MS + SLACK_MS);
    });

    it('still serves afterwards', async () => {
      const response = await fetch(`${servers.get(framework)!.url}/health`);
      expect(response.status).toBe(200);
    });
  });
});
