// Two instances of one API — two Node HTTP servers (serve() of @fielding/node), each with its
// own idempotency() middleware and its own store client — sharing one PostgreSQL or Redis
// store. A client sends retried POSTs spread over both and counts what came back.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { compose } from '@fielding/core';
import { serve } from '@fielding/node';
import { formatIdempotencyKey, idempotency, type IdempotencyStore } from '../../src/index.node.js';

/** What a run of retried POSTs gave. */
export interface Figures {
  /** Logical POSTs, each with its own key. */
  keys: number;
  /** HTTP requests sent, 409 retries included. */
  requests: number;
  /** Final (non-409) responses received. */
  responses: number;
  /** Times the handler ran (created an order). */
  executions: number;
  /** Final responses served from the store without running the handler. */
  replays: number;
  /** Replays answered by the other instance than the one that ran the handler. */
  crossInstanceReplays: number;
  /** 409 answers (a retry while the first attempt still ran), each retried by the client. */
  conflicts: number;
  /** Orders created more than once for one key. */
  duplicates: number;
  /** Keys whose final responses were not all identical (status, header fields, body). */
  differingReplays: number;
  /** Wall time of the run, in ms. */
  ms: number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
// Set by the transport per response, not by the application.
const TRANSPORT = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding']);

interface Snapshot {
  servedBy: string;
  createdBy: string | null;
  text: string;
}

function listening(server: Server): Promise<string> {
  return new Promise((resolve, reject) => {
    const ready = (): void => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    if (server.listening) ready();
    else server.once('listening', ready).once('error', reject);
  });
}

/**
 * Runs `keys` retried POSTs over two instances: a quarter of the keys are sent to both at once,
 * the others to one instance then retried on the other (some twice). A 409 is retried after a
 * few ms, as a client does.
 */
export async function retriedPosts(
  makeStore: () => IdempotencyStore,
  options: { keys?: number; concurrency?: number } = {},
): Promise<Figures> {
  const keys = options.keys ?? 1000;
  const concurrency = options.concurrency ?? 16;
  const executions = new Map<string, number>();
  let nextId = 0;
  const instance = (name: string): Server =>
    serve(
      compose(idempotency({ store: makeStore(), required: true }))(async (request) => {
        const key = request.headers.get('idempotency-key') ?? '';
        executions.set(key, (executions.get(key) ?? 0) + 1);
        const order = (await request.json()) as { sku: string };
        await sleep(Math.floor(Math.random() * 4)); // the write
        nextId += 1;
        return Response.json(
          { id: nextId, sku: order.sku, createdBy: name },
          { status: 201, headers: { Location: `/orders/${nextId}`, 'X-Created-By': name } },
        );
      }),
      { port: 0, fastResponse: false },
    );
  const servers = [instance('A'), instance('B')];
  const [a, b] = await Promise.all(servers.map(listening));
  const origins = { A: a ?? '', B: b ?? '' };

  let requests = 0;
  let conflicts = 0;
  const send = async (target: 'A' | 'B', key: string, sku: string): Promise<Snapshot> => {
    for (let attempt = 0; attempt < 500; attempt += 1) {
      requests += 1;
      const response = await fetch(`${origins[target]}/orders`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'idempotency-key': formatIdempotencyKey(key),
        },
        body: JSON.stringify({ sku }),
      });
      if (response.status === 409) {
        conflicts += 1;
        await response.arrayBuffer();
        await sleep(2 + Math.floor(Math.random() * 5));
        continue;
      }
      const headers = [...response.headers].filter(([name]) => !TRANSPORT.has(name));
      const body = await response.text();
      return {
        servedBy: target,
        createdBy: response.headers.get('x-created-by'),
        text: JSON.stringify([response.status, headers, body]),
      };
    }
    throw new Error(`key ${key}: still 409 after 500 attempts`);
  };
  const plans: ((key: string, sku: string) => Promise<Snapshot[]>)[] = [
    (key, sku) => Promise.all([send('A', key, sku), send('B', key, sku)]),
    async (key, sku) => [await send('A', key, sku), await send('B', key, sku)],
    async (key, sku) => [await send('B', key, sku), await send('A', key, sku)],
    async (key, sku) => [
      await send('A', key, sku),
      await send('A', key, sku),
      await send('B', key, sku),
    ],
  ];

  const started = performance.now();
  const results = new Map<string, Snapshot[]>();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < keys) {
      const index = next++;
      const key = `${crypto.randomUUID()}-${index}`;
      const plan = plans[index % plans.length];
      if (plan !== undefined) results.set(key, await plan(key, `sku-${index}`));
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
    for (const server of servers) server.closeAllConnections();
  }
  const ms = performance.now() - started;

  let responses = 0;
  let differingReplays = 0;
  let crossInstanceReplays = 0;
  for (const snapshots of results.values()) {
    responses += snapshots.length;
    if (new Set(snapshots.map((snapshot) => snapshot.text)).size !== 1) differingReplays += 1;
    crossInstanceReplays += snapshots.filter(
      (snapshot) => snapshot.servedBy !== snapshot.createdBy,
    ).length;
  }
  const ran = [...executions.values()];
  const executed = ran.reduce((sum, count) => sum + count, 0);
  return {
    keys,
    requests,
    responses,
    executions: executed,
    replays: responses - executed,
    crossInstanceReplays,
    conflicts,
    duplicates: ran.reduce((sum, count) => sum + Math.max(0, count - 1), 0),
    differingReplays,
    ms: Math.round(ms),
  };
}
