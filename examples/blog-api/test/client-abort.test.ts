// A client that goes away in the middle of its upload is not a server fault: it is counted with
// the status label 499 (nginx's "client closed request") and not logged as request_failed.
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FRAMEWORKS, type Framework } from '../src/config.js';
import { startServerProcess, type ServerProcess } from './support/server-process.js';

/** Sends the head and part of a 1 MB JSON body, then closes the connection. */
function abortUpload(port: number, path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(
        `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n` +
          `Content-Length: 1000000\r\n\r\n{"title":"${'x'.repeat(64 * 1024)}`,
      );
      setTimeout(() => {
        socket.destroy();
        resolve();
      }, 300);
    });
    socket.on('error', reject);
  });
}

async function postCounts(server: ServerProcess): Promise<Map<string, number>> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  const counts = new Map<string, number>();
  for (const match of text.matchAll(
    /^http_requests_total\{method="POST",route="\/api\/v1\/blogs",status="(\d+)"\} (\d+)$/gm,
  )) {
    counts.set(match[1] ?? '', Number(match[2]));
  }
  return counts;
}

describe('a client that aborts its upload', () => {
  const servers = new Map<Framework, ServerProcess>();
  beforeAll(async () => {
    const started = await Promise.all(FRAMEWORKS.map((framework) => startServerProcess(framework)));
    FRAMEWORKS.forEach((framework, index) => servers.set(framework, started[index]!));
  }, 120_000);
  afterAll(() => Promise.all([...servers.values()].map((server) => server.stop())));

  it.each(FRAMEWORKS)('is counted as 499 and not logged as a fault on %s', async (framework) => {
    const server = servers.get(framework)!;
    await abortUpload(server.port, '/api/v1/blogs');
    await abortUpload(server.port, '/api/v1/blogs');
    let counts = new Map<string, number>();
    for (let attempt = 0; attempt < 30 && (counts.get('499') ?? 0) < 2; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      counts = await postCounts(server);
    }
    expect(Object.fromEntries(counts)).toEqual({ 499: 2 });
    expect(server.stderr()).not.toContain('request_failed');
  });
});
