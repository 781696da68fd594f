// One suite of real-HTTP scenarios for every framework adapter (whatwg-node runs one suite on
// every server the same way). A framework only supplies `mount`: serve a FetchHandler under
// `/api` on a real server listening on loopback, and say where. `ServerTraits` says where a
// framework or the server that writes the response (e.g. @hono/node-server) behaves differently
// by design, and the suite asserts that exact behaviour instead of skipping the case.
import { request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, describe, expect, it } from 'vitest';
import type { FetchHandler } from '@fielding/core';
import { HttpError, PROBLEM_JSON } from '@fielding/problem-errors';

/** A FetchHandler served for real; `url` ends with the mount prefix, e.g. `http://127.0.0.1:5/api`. */
export interface MountedServer {
  url: string;
  close(): Promise<void>;
}

/** Serves `handler` under the prefix `/api` of a fresh server listening on `127.0.0.1:0`. */
export type Mount = (handler: FetchHandler) => Promise<MountedServer>;

/** Where the server writing the response differs from a hand-written Node bridge. */
export interface ServerTraits {
  /** `custom`: a `statusText` goes out as the reason phrase; `standard`: the status's own. */
  reasonPhrase: 'custom' | 'standard';
  /** The `signal.reason` on client disconnect: an `AbortError` DOMException, or any value. */
  abortReason: 'abort-error' | 'any';
  /**
   * An empty stream body: always `Content-Length: 0`, or either that or an empty chunked body
   * (@hono/node-server reads ahead for a moment and sets the length only if the stream ended).
   */
  emptyStream: 'content-length' | 'either';
  /**
   * The body of a request without content: an empty stream (Node's own reading), or `null`
   * (Fastify's rule: no Transfer-Encoding and no Content-Length means no content).
   */
  bodylessRequest: 'empty-stream' | 'null';
}

/** What a hand-written Node bridge (the Express adapter's) does. */
export const EXACT_TRAITS: ServerTraits = {
  reasonPhrase: 'custom',
  abortReason: 'abort-error',
  emptyStream: 'content-length',
  bodylessRequest: 'empty-stream',
};

/** A reply read by `send`, body kept as bytes. */
export interface Reply {
  status: number;
  statusMessage: string;
  headers: IncomingMessage['headers'];
  rawHeaders: string[];
  body: Buffer;
}

/** One request over `node:http` (no pooling); `headers` may be a raw array to repeat names. */
export function send(
  url: string,
  options: {
    method?: string;
    headers?: OutgoingHttpHeaders | string[];
    body?: string | Buffer;
  } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, {
      method: options.method ?? 'GET',
      headers: options.headers,
      agent: false,
    });
    req.once('error', reject);
    req.once('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.once('error', reject);
      res.once('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          statusMessage: res.statusMessage ?? '',
          headers: res.headers,
          rawHeaders: res.rawHeaders,
          body: Buffer.concat(chunks),
        }),
      );
    });
    req.end(options.body);
  });
}

const MB = 1024 * 1024;
const CHUNK = new Uint8Array(64 * 1024).fill(97);

/** A pull-driven body of `total` bytes that records how many bytes it has produced so far. */
function countedStream(total: number): {
  stream: ReadableStream<Uint8Array>;
  produced: () => number;
} {
  let produced = 0;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (produced >= total) {
          controller.close();
          return;
        }
        produced += CHUNK.byteLength;
        controller.enqueue(CHUNK);
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, produced: () => produced };
}

// Live (not yet collected) buffer memory: a garbage collection first, so what is measured is
// what the adapter keeps, not what it already let go of.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
function liveBuffers(): number {
  gc();
  return process.memoryUsage().arrayBuffers;
}

const tick = (ms = 20): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Registers the shared adapter scenarios under `describe(name)`.
 *
 * @param name - the framework and version, e.g. `express 5`
 * @param mount - serves a FetchHandler under `/api` on a real loopback server
 * @param traits - how the server writing the response behaves where servers differ
 */
export function runAdapterSuite(
  name: string,
  mount: Mount,
  traits: ServerTraits = EXACT_TRAITS,
): void {
  describe(name, () => {
    const servers: MountedServer[] = [];
    const serve = async (handler: FetchHandler): Promise<string> => {
      const server = await mount(handler);
      servers.push(server);
      return server.url;
    };
    afterAll(async () => {
      await Promise.all(servers.map((server) => server.close()));
    });

    it('passes method, the full original url and repeated headers', async () => {
      const url = await serve((request) =>
        Response.json({
          method: request.method,
          url: request.url,
          accept: request.headers.get('x-multi'),
          body: request.body === null,
        }),
      );
      const origin = new URL(url);
      // The raw-array form repeats a name; Node adds no Host header to it by itself.
      const reply = await send(`${url}/blogs/7?sort=title`, {
        method: 'DELETE',
        headers: ['Host', origin.host, 'X-Multi', 'a', 'X-Multi', 'b'],
      });
      expect(JSON.parse(reply.body.toString())).toEqual({
        method: 'DELETE',
        url: `${origin.origin}/api/blogs/7?sort=title`,
        accept: 'a, b',
        body: traits.bodylessRequest === 'null',
      });
    });

    it('writes status, reason phrase and several set-cookie headers', async () => {
      const url = await serve(() => {
        const headers = new Headers({ 'Content-Type': 'text/plain' });
        headers.append('Set-Cookie', 'a=1; Path=/');
        headers.append('Set-Cookie', 'b=2; HttpOnly');
        return new Response('made', { status: 201, statusText: 'Made It', headers });
      });
      const reply = await send(`${url}/x`);
      expect(reply.status).toBe(201);
      expect(reply.statusMessage).toBe(traits.reasonPhrase === 'custom' ? 'Made It' : 'Created');
      expect(reply.headers['set-cookie']).toEqual(['a=1; Path=/', 'b=2; HttpOnly']);
      expect(reply.body.toString()).toBe('made');
      expect(reply.headers['content-length']).toBe('4');
    });

    it('sends no body for head but keeps the headers', async () => {
      const url = await serve(
        () => new Response('hello', { headers: { 'Content-Length': '5', ETag: '"h"' } }),
      );
      const reply = await send(`${url}/x`, { method: 'HEAD' });
      expect(reply.status).toBe(200);
      expect(reply.headers.etag).toBe('"h"');
      expect(reply.headers['content-length']).toBe('5');
      expect(reply.body.byteLength).toBe(0);
    });

    it('answers 304 with its validators and no body', async () => {
      const url = await serve((request) =>
        request.headers.get('if-none-match') === '"v1"'
          ? new Response(null, { status: 304, headers: { ETag: '"v1"' } })
          : new Response('fresh', { headers: { ETag: '"v1"' } }),
      );
      const reply = await send(`${url}/x`, { headers: { 'If-None-Match': '"v1"' } });
      expect(reply.status).toBe(304);
      expect(reply.headers.etag).toBe('"v1"');
      expect(reply.body.byteLength).toBe(0);
    });

    it('turns a thrown http error into problem+json', async () => {
      const url = await serve(() => {
        throw new HttpError(409, { detail: 'Changed by someone else.' });
      });
      const reply = await send(`${url}/x`, { method: 'PUT', body: '{}' });
      expect(reply.status).toBe(409);
      expect(reply.headers['content-type']).toBe(PROBLEM_JSON);
      expect(JSON.parse(reply.body.toString())).toMatchObject({
        status: 409,
        detail: 'Changed by someone else.',
      });
    });

    it('turns a rejected http error into problem+json', async () => {
      const url = await serve(async () => {
        await tick(1);
        throw new HttpError(422, { errors: [{ detail: 'Required.', pointer: '/title' }] });
      });
      const reply = await send(`${url}/x`);
      expect(reply.status).toBe(422);
      expect(JSON.parse(reply.body.toString()).errors).toEqual([
        { detail: 'Required.', pointer: '/title' },
      ]);
    });

    it('refuses to read the request body twice with a type error', async () => {
      const url = await serve(async (request) => {
        const first = await request.text();
        try {
          await request.text();
          return Response.json({ first, second: 'read again' });
        } catch (error) {
          return Response.json({ first, second: (error as Error).name });
        }
      });
      const reply = await send(`${url}/x`, { method: 'POST', body: 'once' });
      expect(JSON.parse(reply.body.toString())).toEqual({ first: 'once', second: 'TypeError' });
    });

    it('does not read the request body unless the handler does', async () => {
      const url = await serve((request) => Response.json({ used: request.bodyUsed }));
      // The client sends one chunk and waits for the answer before ending its body: an adapter
      // that buffered the body first would never answer.
      const reply = await new Promise<Reply>((resolve, reject) => {
        const req = httpRequest(`${url}/x`, {
          method: 'POST',
          agent: false,
          headers: { 'Transfer-Encoding': 'chunked' },
        });
        req.once('error', reject);
        req.once('response', (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.once('end', () => {
            req.end();
            resolve({
              status: res.statusCode ?? 0,
              statusMessage: '',
              headers: res.headers,
              rawHeaders: res.rawHeaders,
              body: Buffer.concat(chunks),
            });
          });
        });
        req.write('first chunk only');
      });
      expect(reply.status).toBe(200);
      expect(JSON.parse(reply.body.toString())).toEqual({ used: false });
    });

    it('streams a 50 mb request body with backpressure and bounded memory', async () => {
      let handlerRead = 0;
      let sentBeforeRead = -1;
      let sent = 0;
      const url = await serve(async (request) => {
        // Start reading late: whatever the client got through meanwhile sits in socket buffers
        // only if the adapter does not read ahead.
        await tick(300);
        sentBeforeRead = sent;
        const reader = request.body!.getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          handlerRead += value.byteLength;
        }
        return Response.json({ bytes: handlerRead });
      });
      const total = 50 * MB;
      const before = liveBuffers();
      let peak = before;
      const reply = await new Promise<Reply>((resolve, reject) => {
        const req = httpRequest(`${url}/upload`, {
          method: 'PUT',
          agent: false,
          headers: { 'Content-Length': total },
        });
        req.once('error', reject);
        req.once('response', (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.once('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              statusMessage: '',
              headers: res.headers,
              rawHeaders: [],
              body: Buffer.concat(chunks),
            }),
          );
        });
        const write = (): void => {
          while (sent < total) {
            sent += CHUNK.byteLength;
            if (sent % (4 * MB) === 0) peak = Math.max(peak, liveBuffers());
            if (!req.write(CHUNK)) {
              req.once('drain', write);
              return;
            }
          }
          req.end();
        };
        write();
      });
      expect(JSON.parse(reply.body.toString())).toEqual({ bytes: total });
      expect(sentBeforeRead).toBeGreaterThan(0);
      expect(sentBeforeRead).toBeLessThan(8 * MB);
      // Buffering the body would hold all 50 MB; half of it leaves room for GC timing (a 16 MB
      // bound flaked at 16.06 MB on a busy machine) while still proving the body streams.
      expect(peak - before).toBeLessThan(total / 2);
    });

    it('streams a 50 mb response body with backpressure', async () => {
      const total = 50 * MB;
      let produced = (): number => 0;
      const url = await serve(() => {
        const counted = countedStream(total);
        produced = counted.produced;
        return new Response(counted.stream, {
          headers: { 'Content-Type': 'application/octet-stream' },
        });
      });
      const before = liveBuffers();
      let peak = before;
      let received = 0;
      let sampled = 0;
      let maxAhead = 0;
      await new Promise<void>((resolve, reject) => {
        const req = httpRequest(`${url}/download`, { agent: false });
        req.once('error', reject);
        req.once('response', (res) => {
          res.pause();
          // Read slowly at first: a producer without backpressure would run far ahead.
          setTimeout(() => {
            res.on('data', (chunk: Buffer) => {
              received += chunk.byteLength;
              maxAhead = Math.max(maxAhead, produced() - received);
              if (received - sampled >= 4 * MB) {
                sampled = received;
                peak = Math.max(peak, liveBuffers());
              }
            });
            res.once('end', resolve);
            res.resume();
          }, 200);
          res.once('error', reject);
        });
        req.end();
      });
      expect(received).toBe(total);
      expect(produced()).toBe(total);
      // Socket buffers on both sides hold a few MB at most; the rest must wait for the reader.
      expect(maxAhead).toBeLessThan(8 * MB);
      // Buffering the body would hold all 50 MB; half of it leaves room for GC timing (a 16 MB
      // bound flaked at 16.06 MB on a busy machine) while still proving the body streams.
      expect(peak - before).toBeLessThan(total / 2);
    });

    it('sends the first chunk before the stream ends', async () => {
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      const url = await serve(() => {
        const encoder = new TextEncoder();
        const body = new ReadableStream<Uint8Array>({
          async start(controller) {
            controller.enqueue(encoder.encode('first;'));
            await released;
            controller.enqueue(encoder.encode('second'));
            controller.close();
          },
        });
        return new Response(body);
      });
      const text = await new Promise<string>((resolve, reject) => {
        const req = httpRequest(`${url}/x`, { agent: false });
        req.once('error', reject);
        req.once('response', (res) => {
          let all = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            all += chunk;
            if (all === 'first;') release();
          });
          res.once('end', () => resolve(all));
        });
        req.end();
      });
      expect(text).toBe('first;second');
    });

    it('fires the signal when the client disconnects', async () => {
      let aborted!: (reason: unknown) => void;
      const abortedReason = new Promise<unknown>((resolve) => (aborted = resolve));
      const url = await serve((request) => {
        request.signal.addEventListener('abort', () => aborted(request.signal.reason));
        // An endless stream: only the client can end this exchange.
        return new Response(
          new ReadableStream<Uint8Array>({
            pull: async (controller) => {
              await tick(5);
              controller.enqueue(new TextEncoder().encode('.'));
            },
          }),
        );
      });
      const req = httpRequest(`${url}/events`, { agent: false });
      req.once('error', () => undefined);
      req.once('response', (res) => res.once('data', () => req.destroy()));
      req.end();
      const reason = await abortedReason;
      if (traits.abortReason === 'abort-error') {
        expect(reason).toBeInstanceOf(DOMException);
        expect((reason as DOMException).name).toBe('AbortError');
      } else {
        expect(reason).toBeDefined();
      }
    });

    it('does not fire the signal when the response ends normally', async () => {
      let signal: AbortSignal | undefined;
      const url = await serve((request) => {
        signal = request.signal;
        return new Response('done');
      });
      const reply = await send(`${url}/x`, { method: 'POST', body: 'ignored' });
      expect(reply.body.toString()).toBe('done');
      await tick(50);
      expect(signal?.aborted).toBe(false);
    });

    it('closes the connection when the body errors mid-stream', async () => {
      const url = await serve(() => {
        let sent = false;
        return new Response(
          new ReadableStream<Uint8Array>({
            async pull(controller) {
              if (sent) {
                await tick(5);
                controller.error(new Error('disk on fire'));
                return;
              }
              sent = true;
              controller.enqueue(new TextEncoder().encode('partial'));
            },
          }),
        );
      });
      const outcome = await new Promise<string>((resolve) => {
        const req = httpRequest(`${url}/x`, { agent: false });
        req.once('error', (error) =>
          resolve(`request ${(error as NodeJS.ErrnoException).code ?? error.message}`),
        );
        req.once('response', (res) => {
          res.resume();
          res.once('aborted', () => resolve('aborted'));
          res.once('error', () => resolve('aborted'));
          res.once('end', () => resolve(res.complete ? 'complete' : 'aborted'));
        });
        req.end();
      });
      expect(outcome).toBe('aborted');
    });

    it('answers an empty stream body with no bytes', async () => {
      const url = await serve(() => new Response(new ReadableStream({ start: (c) => c.close() })));
      const reply = await send(`${url}/x`);
      if (traits.emptyStream === 'content-length') {
        expect(reply.headers['content-length']).toBe('0');
      } else {
        const framing = reply.headers['transfer-encoding'] ?? reply.headers['content-length'];
        expect(['chunked', '0']).toContain(framing);
      }
      expect(reply.body.byteLength).toBe(0);
    });
  });
}
