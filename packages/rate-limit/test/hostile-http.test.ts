// Hostile clients over real HTTP (Node servers, raw bytes on a socket so that no client library
// cleans them up first): spoofed forwarding headers, huge and malformed headers, a flood of
// distinct keys, a store that is down, an event loop under pressure. Every answer is a 200, or
// a correct 4xx/503 problem+json — never a 500, a stack, a hang or unbounded memory.
import type { Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compose, createRouter, type FetchHandler } from '@fielding/core';
import { serve } from '@fielding/node';
import { problemDetails } from '@fielding/problem-errors';
import {
  memoryStore,
  postgresStore,
  rateLimit,
  redisStore,
  shedLoad,
  type MemoryRateLimitStore,
  type RateLimitOptions,
} from '../src/index.node.js';
import { serveWithAddress, socketAddress } from './support/socket-address.js';

interface RawResponse {
  status: number;
  headers: Map<string, string>;
  body: string;
}

const ok: FetchHandler = () => Response.json({ ok: true });
const servers: Server[] = [];

function portOf(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    const ready = (): void => resolve((server.address() as AddressInfo).port);
    if (server.listening) ready();
    else server.once('listening', ready).once('error', reject);
  });
}

async function start(server: Server): Promise<number> {
  servers.push(server);
  return portOf(server);
}

function limited(options: Omit<RateLimitOptions, 'limit' | 'window'>): FetchHandler {
  return compose(problemDetails(), rateLimit({ limit: 3, window: 600, ...options }))(ok);
}

/** Sends raw bytes, reads until the server closes, parses one HTTP/1.1 response. */
function raw(port: number, bytes: Buffer | string): Promise<RawResponse> {
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
    // Not end(): Node drops a connection half-closed before the answer; Connection: close ends it.
    socket.write(bytes);
  });
}

/** A GET with the given header lines (raw, `\r\n` added). */
function get(lines: (string | Buffer)[], path = '/blogs'): Buffer {
  const head = [`GET ${path} HTTP/1.1`, 'Host: api.test', 'Connection: close'];
  return Buffer.concat([
    Buffer.from(head.map((line) => `${line}\r\n`).join('')),
    ...lines.map((line) => Buffer.concat([Buffer.from(line), Buffer.from('\r\n')])),
    Buffer.from('\r\n'),
  ]);
}

function expectSound(response: RawResponse, allowed: number[]): void {
  expect(allowed).toContain(response.status);
  if (response.status >= 400) {
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.body).not.toMatch(/\bat \S+:\d+:\d+|Error:/);
  }
}

let untrusted = 0;
let trusted = 0;
let forwarded = 0;
let keyed = 0;
let flooded = 0;
const floodStore: MemoryRateLimitStore = memoryStore({ maxKeys: 500 });

beforeAll(async () => {
  untrusted = await start(
    serveWithAddress(limited({ store: memoryStore(), remoteAddress: socketAddress })),
  );
  trusted = await start(
    serve(limited({ store: memoryStore({ maxKeys: 1000 }), trustProxy: 'x-forwarded' }), {
      port: 0,
    }),
  );
  forwarded = await start(
    serve(limited({ store: memoryStore({ maxKeys: 1000 }), trustProxy: 'forwarded' }), {
      port: 0,
    }),
  );
  keyed = await start(
    serve(
      limited({
        store: memoryStore({ maxKeys: 1000 }),
        key: (request) => request.headers.get('authorization') ?? undefined,
      }),
      { port: 0 },
    ),
  );
  flooded = await start(
    serve(limited({ store: floodStore, trustProxy: 'x-forwarded' }), { port: 0 }),
  );
});

afterAll(async () => {
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  for (const server of servers) server.closeAllConnections();
});

describe('spoofed forwarding headers', () => {
  it('nothing trusted: a new X-Forwarded-For on every request does not reset the limit', async () => {
    const statuses: number[] = [];
    for (let index = 0; index < 6; index += 1) {
      const response = await raw(untrusted, get([`X-Forwarded-For: 198.51.100.${index}`]));
      expectSound(response, [200, 429]);
      statuses.push(response.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429, 429]);
  });

  it('one trusted proxy: what the client put before the proxy’s value is never read', async () => {
    const statuses: number[] = [];
    for (let index = 0; index < 6; index += 1) {
      const spoof = `203.0.113.${index}, ${'10.0.0.1, '.repeat(index)}198.51.100.200`;
      const response = await raw(trusted, get([`X-Forwarded-For: ${spoof}, 192.0.2.44`]));
      expectSound(response, [200, 429]);
      statuses.push(response.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429, 429]);
  });

  it('Forwarded: a client’s unclosed quote does not hide the proxy’s element', async () => {
    const statuses: number[] = [];
    for (let index = 0; index < 5; index += 1) {
      const spoof = `Forwarded: for="198.51.100.${index}${index % 2 === 0 ? '' : '\\'}`;
      const response = await raw(forwarded, get([spoof, 'Forwarded: for=192.0.2.60;proto=https']));
      expectSound(response, [200, 429]);
      statuses.push(response.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
  });

  it('an IPv6 client rotating addresses within its /64 stays one client', async () => {
    const statuses: number[] = [];
    for (let index = 0; index < 5; index += 1) {
      const response = await raw(
        trusted,
        get([`X-Forwarded-For: 2001:db8:77:1:${index.toString(16)}::${index + 1}`]),
      );
      statuses.push(response.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
  });
});

describe('malformed and huge headers', () => {
  const big = (size: number): string =>
    Array.from({ length: Math.ceil(size / 12) }, (_, i) => `6.6.${i % 256}.1`).join(', ');
  it.each<[string, () => number, (string | Buffer)[], number[]]>([
    [
      'X-Forwarded-For of 15 KB',
      () => trusted,
      [`X-Forwarded-For: ${big(15_000)}, 192.0.2.90`],
      [200],
    ],
    ['a header section over 16 KiB', () => trusted, [`X-Forwarded-For: ${big(20_000)}`], [431]],
    [
      'X-Forwarded-For of 8,000 commas',
      () => trusted,
      [`X-Forwarded-For: ${','.repeat(8000)}`],
      [200, 429],
    ],
    [
      'X-Forwarded-For of bytes that are no text',
      () => trusted,
      [Buffer.from([...Buffer.from('X-Forwarded-For: '), 0xff, 0xfe, 0x80])],
      [200, 429],
    ],
    ['X-Forwarded-For: unknown', () => trusted, ['X-Forwarded-For: unknown'], [200, 429]],
    ['X-Forwarded-For of a host name', () => trusted, ['X-Forwarded-For: evil.test'], [200, 429]],
    [
      'two X-Forwarded-For fields',
      () => trusted,
      ['X-Forwarded-For: 6.6.6.6', 'X-Forwarded-For: 192.0.2.91'],
      [200],
    ],
    [
      'Forwarded with an unterminated quote',
      () => forwarded,
      [`Forwarded: for="${'x'.repeat(9000)}`],
      [200, 429],
    ],
    [
      'Forwarded of 600 elements',
      () => forwarded,
      [`Forwarded: ${'for=6.6.6.6;proto=http, '.repeat(600)}for=192.0.2.92`],
      [200],
    ],
    [
      'Forwarded with escapes and semicolons',
      () => forwarded,
      ['Forwarded: for="\\"[::1]\\";;,,", for=_obf;by=_lb'],
      [200],
    ],
    [
      'Authorization of 12 KB as the key',
      () => keyed,
      [`Authorization: Bearer ${'a'.repeat(12_000)}`],
      [200],
    ],
    [
      'Authorization of bytes that are no text',
      () => keyed,
      [Buffer.from([...Buffer.from('Authorization: '), 0xc3, 0x28])],
      [200],
    ],
    [
      'a RateLimit field sent by the client',
      () => trusted,
      ['RateLimit: "default";r=999999;t=0', 'X-Forwarded-For: 192.0.2.93'],
      [200],
    ],
  ])('%s', async (_, port, lines, allowed) => {
    const response = await raw(port(), get(lines));
    expectSound(response, allowed);
    if (response.status === 200) {
      expect(response.headers.get('ratelimit-policy')).toBe('"default";q=3;w=600');
      expect(response.headers.get('ratelimit')).toMatch(/^"default";r=[0-2];t=\d+$/);
    }
  });
});

describe('a flood of distinct keys', () => {
  it('2,000 addresses: every one served, the store never holds more than maxKeys', async () => {
    const origin = `http://127.0.0.1:${flooded}`;
    const statuses = new Map<number, number>();
    let next = 0;
    let largest = 0;
    const worker = async (): Promise<void> => {
      while (next < 2000) {
        const index = next++;
        const address = `10.${(index >> 16) & 255}.${(index >> 8) & 255}.${index & 255}`;
        const response = await fetch(`${origin}/blogs`, {
          headers: { 'x-forwarded-for': address },
        });
        await response.arrayBuffer();
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        largest = Math.max(largest, floodStore.size);
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    expect(Object.fromEntries(statuses)).toEqual({ 200: 2000 });
    expect(largest).toBeLessThanOrEqual(500);
    expect(floodStore.size).toBe(500);
  }, 120_000);
});

describe('a store that is down', () => {
  // Real clients pointed at a port nothing listens on.
  const closedPort = async (): Promise<number> => {
    const server = serve(ok, { port: 0 });
    const port = await portOf(server);
    await new Promise((resolve) => server.close(resolve));
    return port;
  };
  const stores = [
    [
      'PostgreSQL',
      async () => {
        const pool = new pg.Pool({
          host: '127.0.0.1',
          port: await closedPort(),
          user: 'x',
          max: 2,
        });
        pool.on('error', () => undefined);
        return { store: postgresStore({ pool }), close: () => pool.end() };
      },
    ],
    [
      'Redis',
      async () => {
        const client = new Redis({
          host: '127.0.0.1',
          port: await closedPort(),
          maxRetriesPerRequest: 0,
          enableOfflineQueue: false,
          retryStrategy: () => null,
        });
        client.on('error', () => undefined);
        return { store: redisStore({ client }), close: async () => void client.disconnect() };
      },
    ],
  ] as const;

  it.each(stores)('%s down: served without RateLimit (fail-open, the default)', async (_, make) => {
    const { store, close } = await make();
    const errors: unknown[] = [];
    const port = await start(
      serve(
        limited({ store, key: () => 'c', storeTimeout: 2000, onError: (e) => errors.push(e) }),
        {
          port: 0,
        },
      ),
    );
    const response = await raw(port, get([]));
    await close();
    expectSound(response, [200]);
    expect(response.headers.get('ratelimit-policy')).toBe('"default";q=3;w=600');
    expect(response.headers.has('ratelimit')).toBe(false);
    expect(errors.length).toBeGreaterThan(0);
  });

  it.each(stores)(
    '%s down, onStoreError: deny: 503 problem+json with Retry-After',
    async (_, make) => {
      const { store, close } = await make();
      const port = await start(
        serve(limited({ store, key: () => 'c', storeTimeout: 2000, onStoreError: 'deny' }), {
          port: 0,
        }),
      );
      const response = await raw(port, get([]));
      await close();
      expectSound(response, [503]);
      expect(response.headers.get('retry-after')).toBe('1');
      expect(response.body).not.toContain('ECONNREFUSED');
    },
  );
});

describe('load shedding over HTTP', () => {
  it('a request that blocks the event loop makes the next ones 503, until the loop recovers', async () => {
    const block = (ms: number): void => {
      const end = performance.now() + ms;
      while (performance.now() < end) {
        // a CPU-bound handler
      }
    };
    const router = createRouter()
      .get('/slow', () => {
        block(600);
        return Response.json({ slow: true });
      })
      .get('/fast', () => Response.json({ fast: true }));
    const port = await start(
      serve(compose(shedLoad({ maxEventLoopDelayMs: 150, retryAfter: 2 }))(router.fetch), {
        port: 0,
      }),
    );
    const path = (name: string): Buffer => get([], name);
    // Until the server answers: a busy shared machine can delay a loop by itself now and then.
    const untilServed = async (): Promise<number> => {
      for (let attempt = 1; attempt <= 50; attempt += 1) {
        const response = await raw(port, path('/fast'));
        expectSound(response, [200, 503]);
        if (response.status === 200) return attempt;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error('still shedding after 5 s');
    };
    await untilServed();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expectSound(await raw(port, path('/slow')), [200]); // blocks the loop for 600 ms
    const shed = await raw(port, path('/fast'));
    expectSound(shed, [503]);
    expect(shed.headers.get('retry-after')).toBe('2');
    expect(await untilServed()).toBeGreaterThan(0);
  });
});
