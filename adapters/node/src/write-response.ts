import {
  STATUS_CODES,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  type ServerResponse,
} from 'node:http';
import { NativeResponse, wholeBody } from './undici/index.js';

/**
 * The three `ServerResponse` methods the writer calls, with `res` as `this`: the response's
 * own, or the originals while a capture (`captureResponse`) has patched them on `res`.
 */
export interface NodeOutput {
  /** `ServerResponse.prototype.writeHead` or the saved original. */
  writeHead: ServerResponse['writeHead'];
  /** `ServerResponse.prototype.write` or the saved original. */
  write: (this: ServerResponse, chunk: Uint8Array) => boolean;
  /** `ServerResponse.prototype.end` or the saved original. */
  end: (this: ServerResponse, chunk?: string | Uint8Array) => unknown;
}

/** RFC 9110 §6.4.1: these never carry content, whatever the `Response` holds. */
function isBodiless(method: string | undefined, status: number): boolean {
  return method === 'HEAD' || status === 204 || status === 304 || status < 200;
}

function outgoingHeaders(response: Response, res: ServerResponse): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  let cookie = false;
  for (const [name, value] of response.headers) {
    if (name === 'set-cookie') cookie = true;
    else out[name] = value;
  }
  if (cookie) {
    const cookies = response.headers.getSetCookie();
    // Cookies an earlier middleware set (sessions, CSRF) are kept beside the handler's.
    const before = res.getHeader('set-cookie');
    out['set-cookie'] =
      before === undefined
        ? cookies
        : [...(Array.isArray(before) ? before : [String(before)]), ...cookies];
  }
  return out;
}

/** Resolves with `undefined` when `read` has not settled within the current microtask queue. */
function readNow(
  read: Promise<ReadableStreamReadResult<Uint8Array>>,
): Promise<ReadableStreamReadResult<Uint8Array> | undefined> {
  return Promise.race([read, Promise.resolve().then(() => undefined)]);
}

/** Waits while the socket buffer is full; `writableNeedDrain` cannot be fooled by a fake drain. */
function drained(res: ServerResponse): Promise<void> | undefined {
  if (!res.writableNeedDrain || res.destroyed) return undefined;
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', check);
      res.off('close', done);
      resolve();
    };
    const check = (): void => {
      if (!res.writableNeedDrain) done();
    };
    res.on('drain', check);
    res.once('close', done);
  });
}

/**
 * Writes a Web `Response` to a Node response: status and reason, every header (each
 * `Set-Cookie` separately), then the body. A body whose whole source is at hand — a light
 * `Response` (`bodySource` of `@fielding/core`), or on Node 20 and 22 what undici keeps of
 * `new Response(text)` — is sent in one `end` with `Content-Length`, its stream untouched. Any
 * other body that is complete after one read is also sent with `Content-Length`; otherwise it
 * streams chunked with backpressure, and is cancelled when the client leaves. No body for
 * `HEAD`, 204, 304. Headers already on `res` (set by earlier middleware) are kept; the
 * `Response` wins on conflicts, except `Set-Cookie`, which is appended. Nothing is written
 * twice: if `res` already answered, the body is cancelled. An error before the first byte
 * rejects (the caller can still answer); after it, the socket is destroyed.
 *
 * @param response - the response to send
 * @param req - the request it answers (its method decides whether a body goes out)
 * @param res - where to write
 * @returns `undefined` when the body was written at once; else a promise that resolves when it
 *   is written (or abandoned because the client left) and rejects on a failure before the head
 *   (a `TypeError`, with nothing written, when `response` is not a `Response`)
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { writeResponse } from '@fielding/node';
 *
 * createServer((req, res) => {
 *   void writeResponse(Response.json({ hello: 'world' }), req, res);
 * }).listen(3000);
 * ```
 */
export function writeResponse(
  response: Response,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> | undefined {
  return writeThrough(response, req, res, res);
}

/** {@link writeResponse} through `output`: the original methods of a captured `res`. */
export function writeThrough(
  response: Response,
  req: IncomingMessage,
  res: ServerResponse,
  output: NodeOutput,
): Promise<void> | undefined {
  if (!(response instanceof NativeResponse)) {
    // A handler bug (it returned nothing, or a plain object): the caller answers the error.
    const kind = response === null ? 'null' : typeof response;
    return Promise.reject(new TypeError(`Expected a Response to write, got ${kind}.`));
  }
  if (res.headersSent || res.writableEnded || res.destroyed) {
    // Someone answered already: never a second head or a second end.
    return discardBody(response);
  }
  const source = wholeBody(response);
  // No content at all (a 304, a 204, `new Response(null)`): written now, not a tick later.
  const whole = source ?? (response.body === null ? null : undefined);
  if (whole === undefined) return writeStream(response, req, res, output);
  try {
    if (whole === null) writeEmpty(response, req, res, output);
    else writeSource(response, whole, req, res, output);
  } catch (error) {
    // The same contract as the stream path: a failure before the head went out rejects.
    return Promise.reject(error);
  }
  return undefined;
}

/** The fast path: the whole body is `source`, written in one `end` with its length. */
function writeSource(
  response: Response,
  source: string | Uint8Array,
  req: IncomingMessage,
  res: ServerResponse,
  output: NodeOutput,
): void {
  const headers = outgoingHeaders(response, res);
  const status = response.status;
  if (isBodiless(req.method, status)) {
    // HEAD tells the length a GET would send, as Express's own res.send does. (A source
    // exists only for statuses that may carry content: undici refuses a body on 204/304.)
    if (req.method === 'HEAD') headers['content-length'] ??= String(byteLength(source));
    writeHead(response, res, output, headers);
    output.end.call(res);
    return;
  }
  headers['content-length'] = String(byteLength(source));
  writeHead(response, res, output, headers);
  output.end.call(res, source);
}

/** A response without a body: its head (an empty length where content may follow), `end`. */
function writeEmpty(
  response: Response,
  req: IncomingMessage,
  res: ServerResponse,
  output: NodeOutput,
): void {
  const headers = outgoingHeaders(response, res);
  // Without a length, Node would frame "nothing" as an empty chunked body.
  if (!isBodiless(req.method, response.status)) headers['content-length'] ??= '0';
  writeHead(response, res, output, headers);
  output.end.call(res);
}

function byteLength(source: string | Uint8Array): number {
  return typeof source === 'string' ? Buffer.byteLength(source) : source.byteLength;
}

function discardBody(response: Response): Promise<void> | undefined {
  const body = response.body;
  return body === null ? undefined : body.cancel().catch(() => undefined);
}

/** The general path: read the body's stream (one `end` when it is complete at once). */
async function writeStream(
  response: Response,
  req: IncomingMessage,
  res: ServerResponse,
  output: NodeOutput,
): Promise<void> {
  const body = response.body;
  const status = response.status;
  if (body === null || isBodiless(req.method, status)) {
    await body?.cancel().catch(() => undefined);
    writeHead(response, res, output, outgoingHeaders(response, res));
    output.end.call(res);
    return;
  }

  const reader = body.getReader();
  let first: ReadableStreamReadResult<Uint8Array>;
  try {
    first = await reader.read();
  } catch (error) {
    reader.releaseLock();
    throw error;
  }
  const headers = outgoingHeaders(response, res);
  if (first.done) {
    headers['content-length'] = '0';
    writeHead(response, res, output, headers);
    output.end.call(res);
    return;
  }
  let pending: Promise<ReadableStreamReadResult<Uint8Array>> | undefined = reader.read();
  const second = await readNow(pending).catch(() => undefined);
  if (second?.done) {
    // The whole body is in hand: send it with its real length in one write.
    headers['content-length'] = String(first.value.byteLength);
    writeHead(response, res, output, headers);
    output.end.call(res, first.value);
    return;
  }
  writeHead(response, res, output, headers);
  await pump(reader, first.value, pending, res, output);
  pending = undefined;
}

function writeHead(
  response: Response,
  res: ServerResponse,
  output: NodeOutput,
  headers: OutgoingHttpHeaders,
): void {
  // The standard phrase when the Response has none (Response.json() etc.), set explicitly so a
  // phrase left on `res` for another status is not reused.
  const reason = response.statusText || STATUS_CODES[response.status];
  const writeHead = output.writeHead as (
    this: ServerResponse,
    status: number,
    reason: string | undefined,
    headers: OutgoingHttpHeaders,
  ) => unknown;
  writeHead.call(res, response.status, reason, headers);
}

async function pump(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  first: Uint8Array,
  pending: Promise<ReadableStreamReadResult<Uint8Array>>,
  res: ServerResponse,
  output: NodeOutput,
): Promise<void> {
  const cancel = (): void => {
    if (!res.writableFinished) reader.cancel().catch(() => undefined);
  };
  res.once('close', cancel);
  try {
    output.write.call(res, first);
    let next: Promise<ReadableStreamReadResult<Uint8Array>> | undefined = pending;
    for (;;) {
      const wait = drained(res);
      if (wait) await wait;
      if (res.destroyed) return;
      const { done, value } = await (next ?? reader.read());
      next = undefined;
      if (done) break;
      if (res.destroyed) return;
      output.write.call(res, value);
    }
    if (!res.destroyed) output.end.call(res);
  } catch (error) {
    // Headers are gone already: the only honest signal left is a broken connection.
    res.destroy(error instanceof Error ? error : new Error(String(error)));
  } finally {
    res.off('close', cancel);
  }
}
