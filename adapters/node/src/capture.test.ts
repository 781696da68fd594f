import {
  ServerResponse,
  request as httpRequest,
  type IncomingMessage,
  type RequestListener,
} from 'node:http';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { bodySource } from '@fielding/core';
import { send, type Reply } from '../test/adapter-suite.js';
import { listen } from '../test/_servers.js';
import { captureResponse, type ResponseCapture } from './capture.js';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function serve(listener: RequestListener): Promise<string> {
  const { origin, close } = await listen(listener);
  closers.push(close);
  return origin;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** What the wrapping middleware saw of the captured response. */
interface Seen {
  status: number;
  statusText: string;
  headers: Array<[string, string]>;
  whole: boolean;
  body: string | null;
}

/**
 * Serves `handler` captured: the middleware reads the captured response (a clone of it),
 * then `change` decides what to answer (the captured one by default).
 */
async function captured(
  handler: Handler,
  change: (response: Response, capture: ResponseCapture) => Response | Promise<Response> = (r) => r,
  seen: Seen[] = [],
): Promise<string> {
  return serve(async (req, res) => {
    const capture = captureResponse(req, res);
    handler(req, res);
    const response = await capture.response;
    seen.push({
      status: response.status,
      statusText: response.statusText,
      headers: [...response.headers],
      whole: bodySource(response) !== undefined,
      body: response.body === null ? null : await response.clone().text(),
    });
    await capture.respond(await change(response, capture));
  });
}

/** The headers without what differs between any two responses (date, connection, framing). */
function comparable(reply: Reply): Reply['headers'] {
  const headers = { ...reply.headers };
  delete headers.date;
  delete headers.connection;
  delete headers['keep-alive'];
  delete headers['transfer-encoding'];
  return headers;
}

/**
 * Both replies, compared as a client sees them. How a body is framed may differ: where Node
 * streamed (chunked), the writer sends a body that is complete at once with its length.
 */
function compare(viaCapture: Reply, plain: Reply): void {
  const headers = comparable(viaCapture);
  if (plain.headers['content-length'] === undefined) delete headers['content-length'];
  const view = (reply: Reply, fields: Reply['headers']): unknown => ({
    status: reply.status,
    statusMessage: reply.statusMessage,
    headers: fields,
    body: reply.body.toString('latin1'),
  });
  expect(view(viaCapture, headers)).toEqual(view(plain, comparable(plain)));
}

const KB = 1024;

const handlers: Array<[string, Handler]> = [
  [
    'writeHead with a reason and an object, then end(data)',
    (_req, res) => {
      res.writeHead(201, 'Made', { 'Content-Type': 'text/plain', 'X-A': ['1', '2'] });
      res.end('hello');
    },
  ],
  [
    'writeHead with a flat array that repeats Set-Cookie',
    (_req, res) => {
      res.writeHead(200, ['Set-Cookie', 'a=1', 'Set-Cookie', 'b=2', 'Content-Type', 'text/plain']);
      res.end('x');
    },
  ],
  [
    'writeHead with nested pairs',
    (_req, res) => {
      res.writeHead(200, [
        ['X-A', '1'],
        ['X-B', '2'],
      ] as unknown as string[]);
      res.end('nested');
    },
  ],
  [
    'setHeader, then writeHead with an object that overrides it',
    (_req, res) => {
      res.setHeader('X-A', 'set');
      res.setHeader('Content-Type', 'text/html');
      res.writeHead(202, { 'X-A': 'head' });
      res.end('<p>hi</p>');
    },
  ],
  [
    'setHeader, then write in chunks and end with data',
    (_req, res) => {
      res.setHeader('Content-Type', 'text/plain; charset=utf-8');
      res.write('a');
      res.write(Buffer.from('b'));
      res.end('c');
    },
  ],
  ['end with a Buffer', (_req, res) => res.end(Buffer.from([0, 1, 2, 255]))],
  ['end with an encoding', (_req, res) => res.end('68656c6c6f', 'hex')],
  [
    'a status code and message set as fields, no body',
    (_req, res) => {
      res.statusCode = 404;
      res.statusMessage = 'Nope';
      res.end();
    },
  ],
  [
    'flushHeaders, then the body',
    (_req, res) => {
      res.setHeader('X-Early', '1');
      res.flushHeaders();
      setTimeout(() => res.end('later'), 5);
    },
  ],
  [
    'a stream piped in with backpressure',
    (_req, res) => {
      res.setHeader('Content-Type', 'application/octet-stream');
      Readable.from(
        (function* chunks() {
          for (let i = 0; i < 32; i++) yield Buffer.alloc(16 * KB, 97 + (i % 26));
        })(),
      ).pipe(res);
    },
  ],
  [
    'a Content-Length it sets and streams to',
    (_req, res) => {
      res.setHeader('Content-Length', '5');
      res.write('hel');
      setTimeout(() => res.end('lo'), 5);
    },
  ],
  [
    '204 with a body it writes anyway',
    (_req, res) => {
      res.writeHead(204, { 'X-A': '1' });
      res.write('ignored');
      res.end('ignored');
    },
  ],
  [
    '304 with its validator',
    (_req, res) => {
      res.writeHead(304, { ETag: '"v1"' });
      res.end();
    },
  ],
];

describe('captureResponse', () => {
  describe.each(['GET', 'HEAD'])(
    'puts on the wire what the handler would have, for %s',
    (method) => {
      it.each(handlers)('%s', async (_name, handler) => {
        const plain = await send(`${await serve(handler)}/x`, { method });
        const viaCapture = await send(`${await captured(handler)}/x`, { method });
        compare(viaCapture, plain);
      });
    },
  );

  it('shows a body ended in one write whole, and status, reason and headers as written', async () => {
    const seen: Seen[] = [];
    await send(`${await captured(handlers[0]![1], undefined, seen)}/x`);
    expect(seen).toEqual([
      {
        status: 201,
        statusText: 'Made',
        headers: [
          ['content-type', 'text/plain'],
          ['x-a', '1, 2'],
        ],
        whole: true,
        body: 'hello',
      },
    ]);
  });

  it('shows a body written in chunks as a stream, framing left out', async () => {
    const seen: Seen[] = [];
    await send(
      `${await captured(
        (_req, res) => {
          res.setHeader('Transfer-Encoding', 'chunked');
          res.write('a');
          res.end('b');
        },
        undefined,
        seen,
      )}/x`,
    );
    expect(seen[0]).toMatchObject({ status: 200, whole: false, body: 'ab', headers: [] });
  });

  it('shows no body for HEAD, 204 and 304, but the headers the handler set', async () => {
    const seen: Seen[] = [];
    const origin = await captured(
      (_req, res) => {
        res.setHeader('Content-Length', '5');
        res.end('hello');
      },
      undefined,
      seen,
    );
    const reply = await send(`${origin}/x`, { method: 'HEAD' });
    expect(seen[0]).toMatchObject({ body: null, headers: [['content-length', '5']] });
    expect(reply.headers['content-length']).toBe('5');
  });

  it('lets the middleware change headers in place, status and body by a new Response', async () => {
    const origin = await captured(
      (_req, res) => {
        res.setHeader('Content-Type', 'text/plain');
        res.end('hello');
      },
      async (response) => {
        response.headers.set('X-Seen', 'yes');
        // A new status, and a body made from the captured one.
        const text = await response.text();
        return new Response(text.toUpperCase(), { status: 299, headers: response.headers });
      },
    );
    const reply = await send(`${origin}/x`);
    expect(reply.status).toBe(299);
    expect(reply.headers['x-seen']).toBe('yes');
    expect(reply.headers['content-type']).toBe('text/plain');
    expect(reply.body.toString()).toBe('HELLO');
  });

  it('writes the captured response with exactly its headers, a replacement over those set before', async () => {
    const handler: Handler = (_req, res) => {
      res.setHeader('X-Handler', '1');
      res.end('handler');
    };
    const before =
      (listener: RequestListener): RequestListener =>
      (req, res) => {
        res.setHeader('Access-Control-Allow-Origin', '*');
        res.setHeader('Set-Cookie', 'session=1');
        listener(req, res);
      };
    const wrap = (replace: boolean): RequestListener =>
      before(async (req, res) => {
        const capture = captureResponse(req, res);
        handler(req, res);
        const response = await capture.response;
        response.headers.delete('access-control-allow-origin');
        const final = replace
          ? new Response('replaced', { headers: { 'Set-Cookie': 'theme=dark' } })
          : response;
        await capture.respond(final);
      });
    const same = await send(`${await serve(wrap(false))}/x`);
    expect(same.headers['access-control-allow-origin']).toBeUndefined();
    expect(same.headers['x-handler']).toBe('1');
    expect(same.headers['set-cookie']).toEqual(['session=1']);
    const replaced = await send(`${await serve(wrap(true))}/x`);
    expect(replaced.body.toString()).toBe('replaced');
    expect(replaced.headers['access-control-allow-origin']).toBe('*');
    expect(replaced.headers['x-handler']).toBeUndefined();
    expect(replaced.headers['set-cookie']).toEqual(['session=1', 'theme=dark']);
  });

  it('streams a large body through with backpressure, the handler paced by its reader', async () => {
    let pauses = 0;
    const handler: Handler = (_req, res) => {
      let sent = 0;
      const next = (): void => {
        while (sent < 2048) {
          sent++;
          if (!res.write(Buffer.alloc(KB, 120))) {
            pauses++;
            res.once('drain', next);
            return;
          }
        }
        res.end();
      };
      next();
    };
    const reply = await send(`${await captured(handler, (response) => response)}/x`);
    expect(reply.body.byteLength).toBe(2048 * KB);
    expect(pauses).toBeGreaterThan(0);
  });

  it('does not block a streaming handler whose body is replaced, and gives res back when it ends', async () => {
    let finished = false;
    let restoredAfter = false;
    const origin = await serve(async (req, res) => {
      const capture = captureResponse(req, res);
      let sent = 0;
      const next = (): void => {
        while (sent < 512) {
          sent++;
          if (!res.write(Buffer.alloc(KB, 120))) {
            res.once('drain', next);
            return;
          }
        }
        res.end(() => {
          finished = true;
          restoredAfter = res.write === ServerResponse.prototype.write;
        });
      };
      next();
      await capture.response;
      await capture.respond(new Response('short'));
    });
    const reply = await send(`${origin}/x`);
    expect(reply.body.toString()).toBe('short');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(finished).toBe(true);
    expect(restoredAfter).toBe(true);
  });

  it('calls write and end callbacks', async () => {
    const calls: string[] = [];
    const reply = await send(
      `${await captured((_req, res) => {
        res.write('a', () => calls.push('write'));
        res.end('b', () => calls.push('end'));
      })}/x`,
    );
    expect(reply.body.toString()).toBe('ab');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(calls).toEqual(['write', 'end']);
  });

  it('rejects the response with the error of a handler that failed before its head', async () => {
    const outcome = await new Promise<unknown>((resolve) => {
      void serve((req, res) => {
        const capture = captureResponse(req, res);
        capture.fail(new Error('boom'));
        capture.response.then(resolve, resolve);
        capture.restore();
        res.end();
      }).then((origin) => send(`${origin}/x`));
    });
    expect(outcome).toEqual(new Error('boom'));
  });

  it('rejects a head a Response cannot carry, and refuses a status Node refuses', async () => {
    const outcomes: unknown[] = [];
    const origin = await serve((req, res) => {
      const capture = captureResponse(req, res);
      expect(() => res.writeHead(99)).toThrow(RangeError);
      res.writeHead(103);
      res.end();
      capture.response.then(
        () => outcomes.push('settled'),
        (error: unknown) => outcomes.push(error),
      );
      void capture.response
        .catch(() => undefined)
        .then(() => {
          capture.restore();
          res.writeHead(500).end();
        });
    });
    expect((await send(`${origin}/x`)).status).toBe(500);
    expect(outcomes[0]).toBeInstanceOf(RangeError);
  });

  it('breaks the connection when the handler fails after its head went out', async () => {
    const origin = await serve(async (req, res) => {
      const capture = captureResponse(req, res);
      res.write('partial');
      setTimeout(() => capture.fail(new Error('late')), 20);
      await capture.respond(await capture.response);
    });
    await expect(send(`${origin}/x`)).rejects.toThrow(/aborted|socket hang up|ECONNRESET/);
  });

  it('rejects with an AbortError when the client leaves before the head', async () => {
    const outcome = await new Promise<unknown>((resolve) => {
      void serve((req, res) => {
        captureResponse(req, res).response.then(resolve, resolve);
        // The handler is slow; the client gives up first.
      }).then((origin) => {
        const client = httpRequest(`${origin}/x`, { agent: false });
        client.on('error', () => undefined);
        client.end();
        setTimeout(() => client.destroy(), 20);
      });
    });
    expect(outcome).toMatchObject({ name: 'AbortError' });
  });

  it('lets a streaming handler finish when the client leaves mid-body', async () => {
    const done = new Promise<number>((resolve) => {
      void serve(async (req, res) => {
        const capture = captureResponse(req, res);
        let sent = 0;
        const next = (): void => {
          while (sent < 4096) {
            sent++;
            if (!res.write(Buffer.alloc(KB))) {
              res.once('drain', next);
              return;
            }
          }
          res.end();
          resolve(sent);
        };
        next();
        await capture.respond(await capture.response);
      }).then((origin) => {
        const client = httpRequest(`${origin}/x`, { agent: false });
        client.on('error', () => undefined);
        client.on('response', (reply) => reply.once('data', () => client.destroy()));
        client.end();
      });
    });
    expect(await done).toBe(4096);
  });

  it('gives res back as it was, for a framework error handler', async () => {
    let methods: unknown[] = [];
    const custom = function write(this: ServerResponse): boolean {
      return true;
    };
    const origin = await serve((req, res) => {
      res.setHeader('X-Before', '1');
      res.write = custom as unknown as ServerResponse['write'];
      const capture = captureResponse(req, res);
      res.setHeader('X-Handler', '1');
      expect(res.headersSent).toBe(false);
      res.writeHead(201);
      expect(res.headersSent).toBe(true);
      expect(capture.restore()).toBe(true);
      methods = [res.write, res.end, res.writeHead, res.headersSent];
      res.statusCode = 500;
      res.end('error page');
    });
    const reply = await send(`${origin}/x`);
    expect(reply.status).toBe(500);
    expect(reply.body.toString()).toBe('error page');
    expect(reply.headers['x-before']).toBe('1');
    expect(reply.headers['x-handler']).toBeUndefined();
    expect(methods).toEqual([
      custom,
      ServerResponse.prototype.end,
      ServerResponse.prototype.writeHead,
      false,
    ]);
  });

  it('cannot give res back while the handler is still streaming', async () => {
    let answer: boolean | undefined;
    const origin = await serve((req, res) => {
      const capture = captureResponse(req, res);
      res.write('a');
      answer = capture.restore();
      res.write('dropped');
      setTimeout(() => {
        res.end('dropped');
        // Given back once the handler ended: this one goes out.
        res.end('real');
      }, 5);
    });
    const reply = await send(`${origin}/x`);
    expect(answer).toBe(false);
    expect(reply.body.toString()).toBe('real');
  });
});

describe('captureResponse with a head no Response can carry', () => {
  it('rejects, and lets a handler that streams on finish without blocking', async () => {
    const outcome = await new Promise<unknown[]>((resolve) => {
      void serve((req, res) => {
        const capture = captureResponse(req, res);
        const results: unknown[] = [];
        res.writeHead(600);
        let sent = 0;
        const next = (): void => {
          while (sent < 256) {
            sent++;
            if (!res.write(Buffer.alloc(KB))) {
              res.once('drain', next);
              return;
            }
          }
          res.end();
          results.push(sent);
          capture.restore();
          res.writeHead(500).end();
          resolve(results);
        };
        capture.response.catch((error: unknown) => results.push(error));
        next();
      }).then((origin) => send(`${origin}/x`));
    });
    // The handler wrote everything synchronously; the rejection came right after.
    expect(outcome[0]).toBe(256);
    expect(outcome[1]).toBeInstanceOf(RangeError);
  });
});
