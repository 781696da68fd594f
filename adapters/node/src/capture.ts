import type {
  IncomingMessage,
  OutgoingHttpHeader,
  OutgoingHttpHeaders,
  ServerResponse,
} from 'node:http';
import { FastHeaders, lightResponse } from './undici/index.js';
import { writeThrough, type NodeOutput } from './write-response.js';

// A framework's own handlers (Express's `res.json`, Fastify's `reply.send`, anything that ends
// in `writeHead`/`write`/`end` of a `node:http` ServerResponse) answer by writing to `res`. To
// run a Fielding middleware around them, what they write has to become a `Response` the
// middleware can read and change before anything goes out. The capture patches the four
// methods that send (`writeHead`, `write`, `end`, `flushHeaders`) on the one `res`, and gives
// them back when the final `Response` is written or the caller restores them.

/** What {@link captureResponse} hands back. */
export interface ResponseCapture {
  /**
   * The `Response` the handler wrote, settled as soon as its head is complete: at the first
   * `write`, `end` or `flushHeaders`. Rejects with what {@link ResponseCapture.fail} was given,
   * with the `TypeError`/`RangeError` of a head a `Response` cannot carry (a 1xx status), or
   * with an `AbortError` when the client leaves before the head.
   */
  readonly response: Promise<Response>;
  /**
   * Writes the final `Response` to the real `res` (with `writeResponse`'s rules). The captured
   * `Response` itself is written with exactly its headers; any other replaces it, written over
   * the headers `res` had before the capture (an earlier middleware's CORS or cookies). `res`
   * gets its methods back once the handler has ended; what it writes after the final response
   * went out is dropped.
   *
   * @returns what `writeResponse` returns: `undefined`, or a promise that rejects only for a
   *   failure before the head (the caller may then answer with another `respond`)
   */
  respond(response: Response): Promise<void> | undefined;
  /**
   * The handler failed: `response` rejects with `error`; when it had already settled, its
   * body stream errors instead (a writer that is sending it destroys the connection).
   */
  fail(error: unknown): void;
  /**
   * Gives `res` back as it was before the capture — its methods, `headersSent` and only the
   * headers set before — so the framework's own error handling can answer.
   *
   * @returns `false` when the handler is still writing a streamed body: the rest of it is
   *   dropped, `res` is given back when the handler ends, and the caller should destroy `res`
   */
  restore(): boolean;
}

/** A streamed body waits for its reader above this many bytes (`write()` returns false). */
const HIGH_WATER_MARK = 64 * 1024;

/** Fetch and RFC 9110 §6.4.1: no content with these, whatever the handler writes. */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

type Callback = (error?: Error | null) => void;
const PATCHED = ['writeHead', 'write', 'end', 'flushHeaders'] as const;

function toBytes(chunk: unknown, encoding: unknown): Uint8Array {
  if (chunk instanceof Uint8Array) return chunk;
  return Buffer.from(
    String(chunk ?? ''),
    typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8',
  );
}

/** `res`'s headers as a `Headers`, without framing: the writer decides how the body is sent. */
function headersOf(res: ServerResponse): Headers {
  const headers = new FastHeaders() as unknown as Headers;
  for (const name of res.getHeaderNames()) {
    if (name === 'transfer-encoding') continue;
    const value = res.getHeader(name);
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else if (value !== undefined) headers.append(name, String(value));
  }
  return headers;
}

/** `writeHead`'s headers, as Node applies them: raw pairs keep repeats, an object overrides. */
function applyHeaders(
  res: ServerResponse,
  headers: OutgoingHttpHeaders | readonly OutgoingHttpHeader[] | readonly (readonly string[])[],
): void {
  if (!Array.isArray(headers)) {
    for (const [name, value] of Object.entries(headers)) {
      if (value !== undefined) res.setHeader(name, value);
    }
    return;
  }
  // Raw pairs, flat ([name, value, name, value]) or nested ([[name, value]]): Node writes them
  // as they are (repeats kept) when nothing was set before, else through setHeader.
  const pairs: Array<[string, OutgoingHttpHeader]> = [];
  if (Array.isArray(headers[0])) {
    for (const pair of headers as readonly (readonly string[])[]) {
      pairs.push([String(pair[0]), pair[1] as OutgoingHttpHeader]);
    }
  } else {
    for (let i = 0; i + 1 < headers.length; i += 2) {
      pairs.push([String(headers[i]), headers[i + 1] as OutgoingHttpHeader]);
    }
  }
  const progressive = res.getHeaderNames().length > 0;
  for (const [name, value] of pairs) {
    if (progressive || !res.hasHeader(name)) res.setHeader(name, value);
    else res.appendHeader(name, Array.isArray(value) ? value : String(value));
  }
}

function aborted(): DOMException {
  return new DOMException('The client closed the connection.', 'AbortError');
}

/**
 * Captures what a Node handler writes to `res` as a Web `Response`, so a Fielding middleware
 * can see and change it before anything goes out. Until {@link ResponseCapture.respond} or
 * {@link ResponseCapture.restore}, `writeHead`, `write`, `end` and `flushHeaders` of this `res`
 * write nothing: the head is taken at the first `write`/`end`/`flushHeaders` (headers from
 * `setHeader` and `writeHead`, status, reason), a body ended in one `end(data)` is whole, and
 * one written in chunks is a stream that `write()` feeds with backpressure (it returns `false`
 * above 64 KiB unread, and `res` emits `drain`). `HEAD`, 204 and 304 get no body.
 *
 * @param req - the request (its method: no body for `HEAD`)
 * @param res - the response the handler writes to
 * @returns the captured `Response`, and the ways to answer: `respond`, `fail`, `restore`
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { captureResponse } from '@fielding/node';
 *
 * createServer(async (req, res) => {
 *   const capture = captureResponse(req, res);
 *   res.setHeader('Content-Type', 'text/plain');
 *   res.end('hello'); // a framework's handler
 *   const response = await capture.response;
 *   response.headers.set('X-Length', String((await response.clone().text()).length));
 *   await capture.respond(response);
 * }).listen(3000);
 * ```
 */
export function captureResponse(req: IncomingMessage, res: ServerResponse): ResponseCapture {
  const target = res as unknown as Record<string, unknown>;
  const saved: Record<string, unknown> = {};
  // Some middleware (compression) patch these on the instance; put back exactly what was there.
  const own = new Set<string>();
  for (const name of PATCHED) {
    saved[name] = target[name];
    if (Object.hasOwn(res, name)) own.add(name);
  }
  const output = saved as unknown as NodeOutput;
  const before = res.getHeaders();
  const bodiless = (): boolean => req.method === 'HEAD' || NULL_BODY_STATUSES.has(res.statusCode);

  let settle!: (response: Response) => void;
  let reject!: (error: unknown) => void;
  const response = new Promise<Response>((resolve, fail) => {
    settle = resolve;
    reject = fail;
  });
  // Nobody may be waiting (a middleware that answered without `next`).
  response.catch(() => undefined);

  /** The head as the handler left it, once taken. */
  let captured: Response | undefined;
  let settled = false;
  let headWritten = false;
  /** The handler called `end` (or failed): nothing more comes. */
  let ended = false;
  /** Writes go nowhere from now on (the final response went out, or nobody reads). */
  let dropped = false;
  let restored = false;
  let restoreOnEnd = false;
  let controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  let waiting = false;

  const onClose = (): void => {
    if (!settled) fail(aborted());
  };
  res.once('close', onClose);

  function take(body: BodyInit | null): void {
    settled = true;
    try {
      captured = lightResponse(bodiless() ? null : body, {
        status: res.statusCode,
        statusText: res.statusMessage ?? '',
        headers: headersOf(res),
      });
      settle(captured);
    } catch (error) {
      // Nobody will read what the handler writes next: it goes nowhere, without blocking.
      dropped = true;
      reject(error);
    }
  }

  /** Settles the response with a stream body (unless it has none) and returns its controller. */
  function open(): ReadableStreamDefaultController<Uint8Array> | undefined {
    if (settled) return controller;
    if (bodiless()) {
      take(null);
      return undefined;
    }
    const body = new ReadableStream<Uint8Array>(
      {
        start(c) {
          controller = c;
        },
        pull() {
          if (waiting) {
            waiting = false;
            res.emit('drain');
          }
        },
        cancel() {
          drop();
        },
      },
      { highWaterMark: HIGH_WATER_MARK, size: (chunk) => chunk.byteLength },
    );
    take(body);
    return controller;
  }

  function drop(): void {
    if (dropped) return;
    dropped = true;
    try {
      controller?.close();
    } catch {
      // Already closed, errored or cancelled by its reader.
    }
    if (waiting) {
      waiting = false;
      res.emit('drain');
    }
  }

  function later(callback: unknown): void {
    if (typeof callback === 'function') queueMicrotask(() => (callback as Callback)());
  }

  function giveBack(): void {
    if (restored) return;
    restored = true;
    res.off('close', onClose);
    delete (res as { headersSent?: boolean }).headersSent;
    for (const name of PATCHED) {
      if (own.has(name)) target[name] = saved[name];
      else delete target[name];
    }
  }

  function resetHeaders(keepBefore: boolean): void {
    for (const name of res.getHeaderNames()) res.removeHeader(name);
    if (!keepBefore) return;
    for (const [name, value] of Object.entries(before)) {
      if (value !== undefined) res.setHeader(name, value);
    }
  }

  function fail(error: unknown): void {
    ended = true;
    if (!settled) {
      settled = true;
      reject(error);
    } else if (controller && !dropped) {
      try {
        controller.error(error);
      } catch {
        // Already closed.
      }
      dropped = true;
    }
  }

  Object.defineProperty(res, 'headersSent', {
    configurable: true,
    get: () => headWritten || settled || res.writableEnded,
  });

  target.writeHead = function writeHead(
    this: ServerResponse,
    status: number,
    reason?: string | OutgoingHttpHeaders | OutgoingHttpHeader[],
    headers?: OutgoingHttpHeaders | OutgoingHttpHeader[],
  ): ServerResponse {
    // Node refuses a second head; here it is ignored, the first one was taken.
    if (headWritten || settled) return res;
    const code = Math.trunc(Number(status));
    if (!(code >= 100 && code <= 999)) {
      throw Object.assign(new RangeError(`Invalid status code: ${String(status)}`), {
        code: 'ERR_HTTP_INVALID_STATUS_CODE',
      });
    }
    res.statusCode = code;
    if (typeof reason === 'string') res.statusMessage = reason;
    else if (reason !== undefined) headers = reason;
    if (headers !== undefined) applyHeaders(res, headers);
    headWritten = true;
    return res;
  };

  target.write = function write(chunk: unknown, encoding?: unknown, callback?: unknown): boolean {
    if (typeof encoding === 'function') callback = encoding;
    if (ended) return false;
    const stream = open();
    if (stream === undefined || dropped) {
      // No body for HEAD, 204, 304, or nobody reads it any more: Node, too, ignores it.
      later(callback);
      return true;
    }
    const bytes = toBytes(chunk, encoding);
    if (bytes.byteLength > 0) stream.enqueue(bytes);
    later(callback);
    if ((stream.desiredSize ?? 0) <= 0) {
      waiting = true;
      return false;
    }
    return true;
  };

  target.end = function end(
    chunk?: unknown,
    encoding?: unknown,
    callback?: unknown,
  ): ServerResponse {
    if (typeof chunk === 'function') {
      callback = chunk;
      chunk = undefined;
    } else if (typeof encoding === 'function') {
      callback = encoding;
    }
    if (ended) {
      later(callback);
      return res;
    }
    ended = true;
    const bytes = chunk === undefined || chunk === null ? undefined : toBytes(chunk, encoding);
    if (!settled) take((bytes as Uint8Array<ArrayBuffer> | undefined) ?? null);
    else if (controller && !dropped) {
      if (bytes !== undefined && bytes.byteLength > 0) controller.enqueue(bytes);
      controller.close();
    }
    if (typeof callback === 'function') {
      if (res.writableFinished || restoreOnEnd) later(callback);
      else res.once('finish', callback as Callback);
    }
    if (restoreOnEnd) giveBack();
    return res;
  };

  target.flushHeaders = function flushHeaders(): void {
    open();
  };

  return {
    response,
    respond(final) {
      delete (res as { headersSent?: boolean }).headersSent;
      if (!res.headersSent && !res.writableEnded) resetHeaders(final !== captured);
      const done = (): void => {
        // Whatever of the captured body nobody read is dropped; the handler is not blocked.
        drop();
        if (ended) giveBack();
        else restoreOnEnd = true;
      };
      const written = writeThrough(final, req, res, output);
      if (written === undefined) done();
      else void written.then(done, done);
      return written;
    },
    fail,
    restore() {
      if (restored) return true;
      delete (res as { headersSent?: boolean }).headersSent;
      if (!res.headersSent && !res.writableEnded) resetHeaders(true);
      if (controller !== undefined && !ended) {
        drop();
        restoreOnEnd = true;
        return false;
      }
      ended = true;
      giveBack();
      return true;
    },
  };
}
