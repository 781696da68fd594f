import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { FetchHandler } from '@fielding/core';
import { HttpError, PROBLEM_JSON } from '@fielding/problem-errors';
import { send } from '../test/adapter-suite.js';
import { listen } from '../test/_servers.js';
import { toNodeListener, type NodeListenerOptions } from './node-listener.js';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function serve(handler: FetchHandler, options?: NodeListenerOptions): Promise<string> {
  const { origin, close } = await listen(toNodeListener(handler, options));
  closers.push(close);
  return origin;
}

/** Sends bytes as they are (a Host no HTTP client would send) and returns the raw reply. */
function raw(origin: string, text: string): Promise<string> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.end(text));
    let reply = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (reply += chunk));
    socket.once('end', () => resolve(reply));
    socket.once('error', reject);
  });
}

describe('toNodeListener', () => {
  it.each([
    [
      'thrown',
      (): Response => {
        throw new HttpError(409, { detail: 'Taken.' });
      },
    ],
    ['rejected', (): Promise<Response> => Promise.reject(new HttpError(409, { detail: 'Taken.' }))],
  ])('answers an HttpError %s by the handler as its problem', async (_, handler) => {
    const errors: unknown[] = [];
    const origin = await serve(handler, { onError: (error) => errors.push(error) });
    const reply = await send(`${origin}/x`);
    expect(reply.status).toBe(409);
    expect(reply.headers['content-type']).toBe(PROBLEM_JSON);
    expect(JSON.parse(reply.body.toString())).toMatchObject({ status: 409, detail: 'Taken.' });
    expect(errors).toEqual([]);
  });

  it.each([
    [
      'a thrown error',
      (): Response => {
        throw new Error('secret /etc/passwd');
      },
    ],
    ['a rejection', (): Promise<Response> => Promise.reject(new Error('secret /etc/passwd'))],
    ['no response', (): Response => undefined as unknown as Response],
    [
      'a promise of no response',
      (): Promise<Response> => Promise.resolve(42 as unknown as Response),
    ],
  ])('answers %s with a 500 that tells nothing and reports it', async (_, handler) => {
    const errors: unknown[] = [];
    const origin = await serve(handler, { onError: (error) => errors.push(error) });
    const reply = await send(`${origin}/x`);
    expect(reply.status).toBe(500);
    expect(reply.headers['content-type']).toBe(PROBLEM_JSON);
    const body = reply.body.toString();
    expect(JSON.parse(body)).toMatchObject({ status: 500, title: 'Internal Server Error' });
    expect(body).not.toMatch(/secret|passwd|at |node:/);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(Error);
  });

  it('keeps serving after a failing request (no crash without onError)', async () => {
    let calls = 0;
    const origin = await serve(() => {
      calls++;
      if (calls === 1) throw new Error('boom');
      return Response.json({ ok: true });
    });
    expect((await send(`${origin}/a`)).status).toBe(500);
    expect((await send(`${origin}/b`)).status).toBe(200);
  });

  it.each(['a/b', 'user@evil.example', 'a b', 'x"y'])(
    'answers a Host of %j that makes no URL with 400',
    async (host) => {
      let called = false;
      const origin = await serve(() => {
        called = true;
        return new Response('no');
      });
      const reply = await raw(
        origin,
        `GET /x HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`,
      );
      expect(reply).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
      expect(reply).toContain(`content-type: ${PROBLEM_JSON}`);
      expect(called).toBe(false);
    },
  );

  it('takes an absolute-form target as the URL', async () => {
    const origin = await serve((request) => new Response(request.url));
    const reply = await raw(
      origin,
      'GET http://example.com:8080/p?q=1 HTTP/1.1\r\nHost: example.com:8080\r\nConnection: close\r\n\r\n',
    );
    expect(reply).toMatch(/\r\n\r\nhttp:\/\/example\.com:8080\/p\?q=1$/);
  });

  it('builds the URL from Host and the target, and forwarded headers only when trusted', async () => {
    const handler = (request: Request): Response => new Response(request.url);
    // The client forged the first value; the proxy appended the one it saw.
    const headers = {
      'x-forwarded-proto': 'https',
      'x-forwarded-host': 'evil.test, api.example.com',
    };
    const direct = await serve(handler);
    const proxied = await serve(handler, { trustProxy: 'x-forwarded' });
    const host = new URL(direct).host;
    expect((await send(`${direct}/a?b=1`, { headers })).body.toString()).toBe(
      `http://${host}/a?b=1`,
    );
    expect((await send(`${proxied}/a?b=1`, { headers })).body.toString()).toBe(
      'https://api.example.com/a?b=1',
    );
    // A scheme that is neither http nor https is not taken.
    expect(
      (await send(`${proxied}/a`, { headers: { 'x-forwarded-proto': 'gopher' } })).body.toString(),
    ).toBe(`http://${new URL(proxied).host}/a`);
  });
});

describe('the global Response', () => {
  it('is replaced only when the application asks with fastResponse: true', async () => {
    const before = globalThis.Response;
    const origin = await serve(() => Response.json({ light: globalThis.Response !== before }));
    expect(JSON.parse((await send(`${origin}/x`)).body.toString())).toEqual({ light: false });
    expect(globalThis.Response).toBe(before);
    try {
      toNodeListener(() => new Response('x'), { fastResponse: true });
      expect(globalThis.Response).not.toBe(before);
      expect(Response.json({})).toBeInstanceOf(before);
    } finally {
      globalThis.Response = before;
    }
  });
});
