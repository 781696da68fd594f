// Hostile Idempotency-Key requests over real HTTP (serve() of @fielding/node, raw bytes on a
// socket, so that nothing in a client library cleans them up first): every one gets a correct
// 4xx application/problem+json, never a 500, a stack or a hang.
import type { Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compose } from '@fielding/core';
import { serve } from '@fielding/node';
import { problemDetails } from '@fielding/problem-errors';
import { idempotency, memoryStore } from '../src/index.node.js';

interface RawResponse {
  status: number;
  headers: Map<string, string>;
  body: string;
}

let port = 0;
let server: Server;
let runs = 0;
const thrown: unknown[] = [];

/** Sends raw bytes, reads until the server closes, parses one HTTP/1.1 response. */
function raw(bytes: Buffer | string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.setTimeout(10_000, () => socket.destroy(new Error('no answer within 10 s')));
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('latin1');
      const [head = '', ...rest] = text.split('\r\n\r\n');
      const [statusLine = '', ...lines] = head.split('\r\n');
      const headers = new Map(
        lines.map((line) => {
          const colon = line.indexOf(':');
          return [line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()] as const;
        }),
      );
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: rest.join('\r\n\r\n') });
    });
    // write, not end: Node's server drops a connection whose client half-closes it before the
    // answer (httpAllowHalfOpen is off); `Connection: close` makes the server close it after.
    socket.write(bytes);
  });
}

/** A POST with the given header lines (raw, `\r\n` added) and body. */
function post(lines: (string | Buffer)[], body = '{"sku":"A-1"}', path = '/orders'): Buffer {
  const head = [
    `POST ${path} HTTP/1.1`,
    'Host: api.test',
    'Connection: close',
    'Content-Type: application/json',
    `Content-Length: ${Buffer.byteLength(body)}`,
  ];
  return Buffer.concat([
    Buffer.from(head.map((line) => `${line}\r\n`).join('')),
    ...lines.map((line) => Buffer.concat([Buffer.from(line), Buffer.from('\r\n')])),
    Buffer.from(`\r\n${body}`),
  ]);
}

const key = (value: string | Buffer): Buffer =>
  Buffer.concat([Buffer.from('Idempotency-Key: '), Buffer.from(value)]);

beforeAll(async () => {
  const handler = compose(
    problemDetails({
      onError: (error) => {
        thrown.push(error);
      },
    }),
    idempotency({ store: memoryStore(), required: true, maxRequestBytes: 1024 }),
  )(async (request) => {
    runs += 1;
    const order = (await request.json()) as { sku: string };
    await new Promise((resolve) => setTimeout(resolve, 20));
    return Response.json({ id: runs, sku: order.sku }, { status: 201 });
  });
  server = serve(handler, { port: 0 });
  await new Promise((resolve) => server.once('listening', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

type Row = [name: string, request: Buffer, status: number, detail: RegExp];
const rows: Row[] = [
  ['no key on a route that requires one', post([]), 400, /requires an Idempotency-Key/],
  ['a 256-character key', post([key(`"${'k'.repeat(256)}"`)]), 400, /limited to 255/],
  ['a 12 kB key', post([key(`"${'k'.repeat(12_000)}"`)]), 400, /limited to 255/],
  ['a 20 kB key (past the header limit)', post([key(`"${'k'.repeat(20_000)}"`)]), 431, /too large/],
  ['a token', post([key('order-7')]), 400, /token \(quote it\)/],
  ['an integer', post([key('42')]), 400, /a number/],
  ['a byte sequence', post([key(':AQID:')]), 400, /byte sequence/],
  ['a display string', post([key('%"caf%c3%a9"')]), 400, /display string/],
  ['an empty string', post([key('""')]), 400, /must not be empty/],
  ['an empty field', post([key('')]), 400, /quoted string/],
  ['an unterminated string', post([key('"abc')]), 400, /quoted string/],
  ['a bad escape', post([key('"a\\qb"')]), 400, /quoted string/],
  ['two fields', post([key('"a"'), key('"b"')]), 400, /at most one/],
  ['a list of two keys', post([key('"a", "b"')]), 400, /at most one/],
  ['non-ASCII UTF-8 bytes', post([key(Buffer.from('"clé-🔑"', 'utf8'))]), 400, /printable ASCII/],
  ['a Latin-1 byte', post([key(Buffer.from([0x22, 0x61, 0xe9, 0x22]))]), 400, /printable ASCII/],
  ['a tab inside the string', post([key('"a\tb"')]), 400, /printable ASCII/],
  ['a control byte', post([key(Buffer.from([0x22, 0x61, 0x01, 0x22]))]), 400, /not valid HTTP/],
  ['a NUL byte', post([key(Buffer.from([0x22, 0x61, 0x00, 0x22]))]), 400, /not valid HTTP/],
  [
    'a body over the limit',
    post([key('"big"')], `"${'x'.repeat(2000)}"`),
    413,
    /at most 1024 bytes/,
  ],
];

describe('hostile Idempotency-Key requests over HTTP → 4xx problem+json', () => {
  it.each(rows.map(([name, request, status, detail]) => ({ name, request, status, detail })))(
    '$name → $status',
    async ({ request, status, detail }) => {
      const before = runs;
      const response = await raw(request);
      expect(response.status).toBe(status);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      const problem = JSON.parse(response.body) as { status: number; detail: string };
      expect(problem.status).toBe(status);
      expect(problem.detail).toMatch(detail);
      expect(response.body).not.toMatch(/at .+\.ts:\d+/);
      expect(runs).toBe(before);
    },
  );

  it('20 concurrent requests with one key: one runs, the others get 409 or the replay', async () => {
    const before = runs;
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => raw(post([key('"concurrent"')]))),
    );
    const statuses = responses.map((response) => response.status);
    expect(runs - before).toBe(1);
    expect(statuses.every((status) => status === 201 || status === 409)).toBe(true);
    expect(statuses.filter((status) => status === 201).length).toBeGreaterThanOrEqual(1);
    for (const response of responses.filter((each) => each.status === 409)) {
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect(response.headers.get('retry-after')).toBe('1');
    }
    const bodies = new Set(responses.filter((r) => r.status === 201).map((r) => r.body));
    expect(bodies.size).toBe(1);
  });

  it('20 concurrent requests with one key and different payloads: one runs, never a 500', async () => {
    const before = runs;
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        raw(post([key('"contested"')], `{"sku":"S-${index}"}`)),
      ),
    );
    const statuses = responses.map((response) => response.status);
    expect(runs - before).toBe(1);
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.every((status) => [201, 409, 422].includes(status))).toBe(true);
  });

  it('nothing above was thrown to the problem middleware (no 500)', () => {
    expect(thrown).toEqual([]);
  });
});
