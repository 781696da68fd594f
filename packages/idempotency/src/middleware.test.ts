import { compose, type FetchHandler, type Middleware } from '@fielding/core';
import { describe, expect, it } from 'vitest';
import { memoryStore } from './memory-store.js';
import type { IdempotencyOptions } from './idempotency-options.js';
import { idempotency } from './middleware.js';
import type { IdempotencyStore } from './store.js';

const URL_ = 'https://api.test/orders';

function post(key: string | undefined, body = '{"sku":"A-1"}', init: RequestInit = {}): Request {
  const headers = new Headers(init.headers);
  headers.set('content-type', 'application/json');
  if (key !== undefined) headers.set('idempotency-key', key);
  return new Request(init.method === undefined ? URL_ : URL_, {
    method: 'POST',
    body,
    ...init,
    headers,
  });
}

/** An app whose handler counts its runs and answers 201 with the run number and the body. */
function app(
  options: Partial<IdempotencyOptions> = {},
  answer?: (run: number, request: Request) => Response | Promise<Response>,
): { handler: FetchHandler; runs: () => number; store: IdempotencyStore } {
  let runs = 0;
  const store = options.store ?? memoryStore();
  const handler = compose(idempotency({ ...options, store }))(async (request) => {
    runs += 1;
    if (answer) return answer(runs, request);
    const body = await request.text();
    return Response.json(
      { run: runs, received: body },
      { status: 201, headers: { Location: `/orders/${runs}`, 'Set-Cookie': 'a=1' } },
    );
  });
  return { handler, runs: () => runs, store };
}

const snapshot = async (response: Response) => ({
  status: response.status,
  headers: [...response.headers],
  body: new Uint8Array(await response.arrayBuffer()),
});

async function problemOf(response: Response) {
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  return (await response.json()) as {
    status: number;
    detail?: string;
    type: string;
    title: string;
  };
}

describe('idempotency: replays a retried request exactly', () => {
  it('runs the first request, replays the retry without running the handler', async () => {
    const { handler, runs } = app();
    const first = await snapshot(await handler(post('"k1"')));
    const retry = await snapshot(await handler(post('"k1"')));
    expect(runs()).toBe(1);
    expect(first.status).toBe(201);
    expect(JSON.parse(new TextDecoder().decode(first.body))).toEqual({
      run: 1,
      received: '{"sku":"A-1"}',
    });
    expect(retry).toEqual(first);
  });

  it('replays status, every header field (repeated Set-Cookie too) and binary bytes', async () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, index) => index);
    const { handler } = app({}, () => {
      const headers = new Headers({ 'content-type': 'application/octet-stream', etag: '"1"' });
      headers.append('set-cookie', 'a=1; Path=/');
      headers.append('set-cookie', 'b=2; Path=/');
      return new Response(bytes, { status: 202, headers });
    });
    const first = await snapshot(await handler(post('"bin"')));
    const retry = await snapshot(await handler(post('"bin"')));
    expect(retry).toEqual(first);
    expect(retry.headers.filter(([name]) => name === 'set-cookie')).toHaveLength(2);
    expect(Array.from(retry.body)).toEqual(Array.from(bytes));
  });

  it('replays a streamed body and a 204 without a body', async () => {
    const streamed = app({}, () => {
      const encoder = new TextEncoder();
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(encoder.encode('chunk 1, '));
          controller.enqueue(encoder.encode('chunk 2'));
          controller.close();
        },
      });
      return new Response(stream, { status: 200 });
    });
    const first = await streamed.handler(post('"s"'));
    expect(await first.text()).toBe('chunk 1, chunk 2');
    expect(await (await streamed.handler(post('"s"'))).text()).toBe('chunk 1, chunk 2');
    expect(streamed.runs()).toBe(1);

    const empty = app({}, () => new Response(null, { status: 204 }));
    await empty.handler(post('"e"'));
    const replay = await empty.handler(post('"e"'));
    expect(replay.status).toBe(204);
    expect(replay.body).toBeNull();
    expect(empty.runs()).toBe(1);
  });

  it('hands the handler the body it fingerprinted', async () => {
    const { handler } = app({}, async (_, request) => new Response(await request.text()));
    expect(await (await handler(post('"b"', 'payload é'))).text()).toBe('payload é');
  });

  it('replays a stored client error (a 422 from the handler)', async () => {
    const { handler, runs } = app({}, () => Response.json({ title: 'invalid' }, { status: 422 }));
    await handler(post('"c"'));
    expect((await handler(post('"c"'))).status).toBe(422);
    expect(runs()).toBe(1);
  });
});

describe('idempotency: errors (draft §2.7)', () => {
  it('the same key with another payload → 422, and the handler does not run', async () => {
    const { handler, runs } = app();
    await handler(post('"k"'));
    const response = await handler(post('"k"', '{"sku":"B-2"}'));
    expect(response.status).toBe(422);
    expect((await problemOf(response)).detail).toMatch(/another request/);
    expect(runs()).toBe(1);
  });

  it('the same key on another target or method → 422', async () => {
    const { handler } = app();
    await handler(post('"k"'));
    const elsewhere = new Request('https://api.test/invoices', {
      method: 'POST',
      body: '{"sku":"A-1"}',
      headers: { 'content-type': 'application/json', 'idempotency-key': '"k"' },
    });
    expect((await handler(elsewhere)).status).toBe(422);
    expect((await handler(post('"k"', '{"sku":"A-1"}', { method: 'PATCH' }))).status).toBe(422);
  });

  it('a retry while the first request runs → 409 with Retry-After; afterwards the replay', async () => {
    let finish: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (finish = resolve));
    const { handler, runs } = app({}, async (run) => {
      await gate;
      return Response.json({ run }, { status: 201 });
    });
    const first = handler(post('"slow"'));
    await new Promise((resolve) => setTimeout(resolve, 10));
    const concurrent = await handler(post('"slow"'));
    expect(concurrent.status).toBe(409);
    expect(concurrent.headers.get('retry-after')).toBe('1');
    expect((await problemOf(concurrent)).detail).toMatch(/still being processed/);
    finish();
    expect((await first).status).toBe(201);
    expect(await (await handler(post('"slow"'))).json()).toEqual({ run: 1 });
    expect(runs()).toBe(1);
  });

  it('a required route without the key → 400; an optional one runs every time', async () => {
    const required = app({ required: true });
    const response = await required.handler(post(undefined));
    expect(response.status).toBe(400);
    expect((await problemOf(response)).detail).toMatch(/requires an Idempotency-Key/);
    expect(required.runs()).toBe(0);

    const optional = app();
    await optional.handler(post(undefined));
    await optional.handler(post(undefined));
    expect(optional.runs()).toBe(2);
  });

  it.each([['abc'], ['""'], ['"a", "b"'], ['"caf\u00e9"'], [`"${'k'.repeat(256)}"`]])(
    'a malformed key %j → 400 naming the header, and the handler does not run',
    async (key) => {
      const { handler, runs } = app();
      const response = await handler(post(key));
      expect(response.status).toBe(400);
      const body = (await problemOf(response)) as { errors?: { header: string }[] };
      expect(body.errors?.[0]?.header).toBe('Idempotency-Key');
      expect(runs()).toBe(0);
    },
  );

  it('the documentation URL is the problem type and a describedby link', async () => {
    const documentation = 'https://api.test/docs/idempotency';
    const { handler } = app({ required: true, documentation });
    const response = await handler(post(undefined));
    expect(response.headers.get('link')).toBe(
      `<${documentation}>; rel="describedby"; type="text/html"`,
    );
    const body = await problemOf(response);
    expect([body.type, body.title]).toEqual([documentation, 'Idempotency-Key is missing']);
  });

  it('a body over maxRequestBytes → 413, declared or streamed, and the key stays free', async () => {
    const { handler, runs } = app({ maxRequestBytes: 8 });
    expect((await handler(post('"big"', '123456789'))).status).toBe(413);
    const chunked = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new Uint8Array(5));
        controller.enqueue(new Uint8Array(5));
        controller.close();
      },
    });
    const streamed = new Request(URL_, {
      method: 'POST',
      body: chunked,
      headers: { 'idempotency-key': '"big"' },
      duplex: 'half',
    } as RequestInit);
    expect((await handler(streamed)).status).toBe(413);
    expect((await handler(post('"big"', '12345678'))).status).toBe(201);
    expect(runs()).toBe(1);
  });
});

describe('idempotency: what is stored', () => {
  it.each([500, 502, 503, 401, 403, 409, 412, 428, 429])(
    'a %i is not stored: the retry runs again',
    async (status) => {
      const { handler, runs } = app({}, (run) =>
        run === 1 ? new Response('no', { status }) : Response.json({ run }, { status: 201 }),
      );
      expect((await handler(post('"k"'))).status).toBe(status);
      expect((await handler(post('"k"'))).status).toBe(201);
      expect(runs()).toBe(2);
    },
  );

  it('a thrown error frees the key: the retry runs again, and the error reaches the caller', async () => {
    const { handler, runs } = app({}, (run) => {
      if (run === 1) throw new Error('database down');
      return Response.json({ run }, { status: 201 });
    });
    await expect(handler(post('"k"'))).rejects.toThrow('database down');
    expect((await handler(post('"k"'))).status).toBe(201);
    expect(runs()).toBe(2);
  });

  it('a response body that fails while it is read frees the key, and the error reaches the caller', async () => {
    const { handler, runs } = app({}, (run) => {
      if (run > 1) return Response.json({ run }, { status: 201 });
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          controller.error(new Error('upstream reset'));
        },
      });
      return new Response(stream, { status: 201 });
    });
    await expect(handler(post('"k"'))).rejects.toThrow('upstream reset');
    expect((await handler(post('"k"'))).status).toBe(201);
    expect(runs()).toBe(2);
  });

  it('a response over maxResponseBytes is sent whole; the retry gets 409, never a second run', async () => {
    const big = 'x'.repeat(100);
    const { handler, runs } = app({ maxResponseBytes: 64 }, () => {
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          for (let i = 0; i < 10; i += 1)
            controller.enqueue(new TextEncoder().encode(big.slice(i * 10, i * 10 + 10)));
          controller.close();
        },
      });
      return new Response(stream, { status: 201, headers: { location: '/orders/1' } });
    });
    const first = await handler(post('"big"'));
    expect([first.status, await first.text()]).toEqual([201, big]);
    const retry = await handler(post('"big"'));
    expect(retry.status).toBe(409);
    const body = (await problemOf(retry)) as { completedStatus?: number; detail?: string };
    expect(body.completedStatus).toBe(201);
    expect(body.detail).toMatch(/too large to keep/);
    expect(runs()).toBe(1);
  });

  it('keys expire after ttl: then the request runs again', async () => {
    const { handler, runs } = app({ ttl: 30 });
    await handler(post('"k"'));
    await handler(post('"k"'));
    expect(runs()).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 60));
    await handler(post('"k"'));
    expect(runs()).toBe(2);
  });

  it('replayable decides what is stored', async () => {
    const { handler, runs } = app(
      { replayable: (status) => status === 201 },
      (run) => new Response(null, { status: run === 1 ? 400 : 201 }),
    );
    await handler(post('"k"'));
    await handler(post('"k"'));
    await handler(post('"k"'));
    expect(runs()).toBe(2);
  });

  it('a failing store after the handler ran still sends the response, and reports the error', async () => {
    const errors: unknown[] = [];
    const inner = memoryStore();
    const store: IdempotencyStore = {
      ...inner,
      complete: () => Promise.reject(new Error('redis gone')),
    };
    const { handler } = app({ store, onStoreError: (error) => errors.push(error) });
    expect((await handler(post('"k"'))).status).toBe(201);
    expect(errors).toEqual([new Error('redis gone')]);
  });
});

describe('idempotency: which requests', () => {
  it('GET, PUT and DELETE pass through by default, key or not', async () => {
    const { handler, runs } = app({ required: true }, () => new Response('ok'));
    for (const method of ['GET', 'PUT', 'DELETE']) {
      const request = new Request(URL_, {
        method,
        headers: { 'idempotency-key': 'not even valid' },
      });
      expect((await handler(request)).status).toBe(200);
    }
    expect(runs()).toBe(3);
  });

  it('methods chooses the methods', async () => {
    const { handler, runs } = app({ methods: ['PUT'] }, () => new Response('ok'));
    const put = (): Request =>
      new Request(URL_, { method: 'PUT', body: 'x', headers: { 'idempotency-key': '"p"' } });
    await handler(put());
    await handler(put());
    await handler(post('"p"'));
    expect(runs()).toBe(2);
  });

  it('scope gives each client its own keys', async () => {
    const { handler, runs } = app({
      scope: (request) => request.headers.get('x-user') ?? undefined,
    });
    const as = (user: string): Request => post('"k"', '{}', { headers: { 'x-user': user } });
    await handler(as('ann'));
    await handler(as('bob'));
    await handler(as('ann'));
    expect(runs()).toBe(2);
  });

  it('fingerprint chooses what makes two requests the same', async () => {
    const { handler, runs } = app({ fingerprint: () => 'always the same' });
    await handler(post('"k"', '{"a":1}'));
    const replay = await handler(post('"k"', '{"a":2}'));
    expect(replay.status).toBe(201);
    expect(runs()).toBe(1);
  });
});

describe('idempotency() hands the handler the request itself', () => {
  it('so what other middleware keyed on the Request (verified claims) stays reachable', async () => {
    const context = new WeakMap<Request, string>();
    const remember: Middleware = (request, next) => {
      context.set(request, 'claims of alice');
      return next(request);
    };
    let seen: string | undefined;
    let body: unknown;
    const handler = compose(
      remember,
      idempotency({ store: memoryStore() }),
    )(async (request) => {
      seen = context.get(request);
      body = await request.json();
      return Response.json({ ok: true }, { status: 201 });
    });
    const response = await handler(
      new Request('https://api.test/orders', {
        method: 'POST',
        headers: { 'Idempotency-Key': '"k-1"', 'Content-Type': 'application/json' },
        body: '{"sku":"A-1"}',
      }),
    );
    expect(response.status).toBe(201);
    expect(seen).toBe('claims of alice');
    expect(body).toEqual({ sku: 'A-1' });
  });
});
