// Two instances of one API, each with its own pool to one PostgreSQL 15, served over real HTTP
// by serve() of @fielding/node and called with fetch(): If-Match writes racing on one item have
// exactly one winner, the losers get 412, and read-modify-write loops lose no update.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import type { FetchHandler } from '@fielding/core';
import { serve } from '@fielding/node';
import { SKIP_SERVICES, startPostgres, type Service } from '../../../test-utils/services.js';
import { createTables, storesOf, tasksApi } from './support/api.js';

const RACES = 60;
const RACERS_PER_INSTANCE = 3;
const JSON_TYPE = { 'Content-Type': 'application/json' };

async function listen(handler: FetchHandler) {
  const server: Server = serve(handler, { port: 0, hostname: '127.0.0.1' });
  if (!server.listening) await new Promise<void>((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe.skipIf(SKIP_SERVICES)('two instances on one PostgreSQL 15', () => {
  let service: Service<pg.Pool> | undefined;
  const origins: string[] = [];
  const closers: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    service = await startPostgres();
    await createTables(service.client, 'shared');
    // Two pools: two processes' worth of connections, no state shared but the table.
    for (const pool of [service.client, service.connect()]) {
      const instance = await listen(tasksApi(storesOf(pool, 'shared')).fetch);
      origins.push(instance.origin);
      closers.push(instance.close);
    }
  });
  afterAll(async () => {
    for (const close of closers) await close();
    await service?.stop();
  });

  const put = (origin: string, path: string, etag: string, body: unknown) =>
    fetch(`${origin}${path}`, {
      method: 'PUT',
      headers: { ...JSON_TYPE, 'If-Match': etag },
      body: JSON.stringify(body),
    });

  it(`If-Match races: exactly one winner in each of ${RACES} races, every loser 412`, async () => {
    const [a, b] = origins as [string, string];
    let winners = 0;
    let losers = 0;
    for (let race = 0; race < RACES; race++) {
      const created = await fetch(`${a}/api/tasks`, {
        method: 'POST',
        headers: JSON_TYPE,
        body: JSON.stringify({ title: `race ${race}` }),
      });
      expect(created.status).toBe(201);
      const path = new URL(created.headers.get('location') ?? '', a).pathname;
      const etag = created.headers.get('etag') ?? '';
      const racers = [a, b].flatMap((origin, instance) =>
        Array.from({ length: RACERS_PER_INSTANCE }, (_, index) => ({
          origin,
          title: `race ${race} by ${instance}.${index}`,
        })),
      );
      const responses = await Promise.all(
        racers.map(({ origin, title }) => put(origin, path, etag, { title })),
      );
      const statuses = responses.map((response) => response.status);
      expect(statuses.filter((status) => status === 200)).toHaveLength(1);
      expect(statuses.filter((status) => status === 412)).toHaveLength(racers.length - 1);
      const winner = racers[statuses.indexOf(200)];
      // Either instance reads the winner's write, at version 2.
      for (const origin of [a, b]) {
        const read = await fetch(`${origin}${path}`);
        expect(read.headers.get('etag')).toMatch(/^"v2-/);
        expect((await read.json()).title).toBe(winner?.title);
      }
      winners += 1;
      losers += racers.length - 1;
    }
    expect([winners, losers]).toEqual([RACES, RACES * (RACERS_PER_INSTANCE * 2 - 1)]);
  });

  it('read-modify-write loops on both instances lose no update', async () => {
    const [a, b] = origins as [string, string];
    const created = await fetch(`${a}/api/tasks`, {
      method: 'POST',
      headers: JSON_TYPE,
      body: JSON.stringify({ title: '0' }),
    });
    const path = new URL(created.headers.get('location') ?? '', a).pathname;
    const increments = 10;
    let conflicts = 0;
    const worker = async (origin: string) => {
      for (let done = 0; done < increments; ) {
        const read = await fetch(`${origin}${path}`);
        const etag = read.headers.get('etag') ?? '';
        const { title } = (await read.json()) as { title: string };
        const written = await put(origin, path, etag, { title: String(Number(title) + 1) });
        if (written.status === 200) done += 1;
        else {
          expect(written.status).toBe(412);
          conflicts += 1;
        }
      }
    };
    const workers = [a, a, b, b].map(worker);
    await Promise.all(workers);
    const final = await fetch(`${b}${path}`);
    expect((await final.json()).title).toBe(String(workers.length * increments));
    expect(final.headers.get('etag')).toMatch(new RegExp(`^"v${workers.length * increments + 1}-`));
    expect(conflicts).toBeGreaterThan(0);
  });
});
