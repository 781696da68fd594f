import type { OutgoingHttpHeader, OutgoingHttpHeaders } from 'node:http';
import type { ExpressResponse } from './types.js';
import type { NodeOutput as Output } from '@fielding/node';

type Callback = (error?: Error | null) => void;

/** What `captureResponse` hands back: the captured `Response` and the real writers. */
export interface Capture {
  /** Settles with the `Response` as soon as the handler has written its head. */
  readonly response: Promise<Response>;
  /** The `ServerResponse` methods as they were before capturing; the final writer uses them. */
  readonly output: Output;
  /** Rejects `response` (or errors its body stream when it already settled). */
  fail(error: unknown): void;
  /** Stops feeding a captured body nobody reads, so a streaming handler is not blocked. */
  discard(): void;
  /** Gives `res.headersSent` back to Node, before the final response is written. */
  release(): void;
  /**
   * Puts the original `writeHead`/`write`/`end` back unless a captured body is still being
   * written by the handler (then later writes keep going nowhere).
   *
   * @returns whether the originals are back
   */
  restore(): boolean;
}

/** The byte budget of a captured streaming body before `res.write()` returns false. */
const STREAM_HIGH_WATER_MARK = 64 * 1024;

function toBytes(chunk: unknown, encoding: unknown): Uint8Array {
  if (chunk instanceof Uint8Array) return chunk;
  return Buffer.from(
    String(chunk),
    typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8',
  );
}

function headersOf(res: ExpressResponse): Headers {
  const headers = new Headers();
  for (const name of res.getHeaderNames()) {
    const value = res.getHeader(name);
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else if (value !== undefined) headers.append(name, String(value));
  }
  return headers;
}

function applyHeaders(
  res: ExpressResponse,
  headers: OutgoingHttpHeaders | readonly OutgoingHttpHeader[],
): void {
  if (Array.isArray(headers)) {
    // writeHead(status, [name, value, name, value, …]) — Node's raw form.
    for (let i = 0; i + 1 < headers.length; i += 2) {
      res.setHeader(String(headers[i]), headers[i + 1] as OutgoingHttpHeader);
    }
    return;
  }
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) res.setHeader(name, value);
  }
}

const NULL_BODY_STATUS = new Set([101, 103, 204, 205, 304]);

/**
 * Redirects what Express handlers write to `res` (`res.json`, `res.send`, `res.status`,
 * `setHeader`, `writeHead`, `write`, `end`, `pipe` into `res`) into a Web `Response`.
 *
 * - `res.end(body)` without earlier `write`s: the `Response` holds that one body (it is the
 *   whole body already; Express's `res.send` computed it).
 * - `res.write()`: the `Response` settles at the first write and its body is a stream fed by
 *   later writes; `write()` returns false above {@link STREAM_HIGH_WATER_MARK} bytes and "drain"
 *   is emitted when the reader catches up, so piping handlers keep their backpressure.
 *
 * Headers set after the head was captured are ignored, as Node would refuse them.
 */
export function captureResponse(
  req: { method?: string | undefined },
  res: ExpressResponse,
): Capture {
  const output: Output = { writeHead: res.writeHead, write: res.write, end: res.end };
  // Some middleware (compression) patch these on the instance; put back exactly what was there.
  const own = (['writeHead', 'write', 'end'] as const).filter((name) => Object.hasOwn(res, name));
  let settle!: (response: Response) => void;
  let reject!: (error: unknown) => void;
  const response = new Promise<Response>((resolve, fail) => {
    settle = resolve;
    reject = fail;
  });
  let settled = false;
  let ended = false;
  let discarded = false;
  let controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  let waiting = false;

  const snapshot = (body: BodyInit | null): Response => {
    settled = true;
    const status = res.statusCode;
    const nullBody = NULL_BODY_STATUS.has(status) || req.method === 'HEAD';
    return new Response(nullBody ? null : body, {
      status,
      statusText: res.statusMessage ?? '',
      headers: headersOf(res),
    });
  };

  const open = (): ReadableStreamDefaultController<Uint8Array> | undefined => {
    if (controller || settled) return controller;
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
          discard();
        },
      },
      { highWaterMark: STREAM_HIGH_WATER_MARK, size: (chunk) => chunk.byteLength },
    );
    settle(snapshot(body));
    return controller;
  };

  const discard = (): void => {
    if (discarded) return;
    discarded = true;
    try {
      controller?.close();
    } catch {
      // Already closed or cancelled by its reader.
    }
    if (waiting) {
      waiting = false;
      res.emit('drain');
    }
  };

  const call = (callback: unknown): void => {
    if (typeof callback === 'function') queueMicrotask(() => (callback as Callback)());
  };

  Object.defineProperty(res, 'headersSent', {
    configurable: true,
    get: () => settled || res.writableEnded,
  });

  res.writeHead = function writeHead(
    this: ExpressResponse,
    status: number,
    reason?: string | OutgoingHttpHeaders | OutgoingHttpHeader[],
    headers?: OutgoingHttpHeaders | OutgoingHttpHeader[],
  ): ExpressResponse {
    if (settled) return res;
    res.statusCode = status;
    if (typeof reason === 'string') res.statusMessage = reason;
    else if (reason !== undefined) headers = reason;
    if (headers !== undefined) applyHeaders(res, headers);
    return res;
  } as ExpressResponse['writeHead'];

  res.write = function write(chunk: unknown, encoding?: unknown, callback?: unknown): boolean {
    if (ended) return false;
    const target = open();
    if (typeof encoding === 'function') callback = encoding;
    if (target && !discarded) {
      target.enqueue(toBytes(chunk, encoding));
      call(callback);
      if ((target.desiredSize ?? 0) <= 0) {
        waiting = true;
        return false;
      }
      return true;
    }
    call(callback);
    return true;
  } as ExpressResponse['write'];

  res.end = function end(chunk?: unknown, encoding?: unknown, callback?: unknown): ExpressResponse {
    if (ended) return res;
    ended = true;
    if (typeof chunk === 'function') {
      callback = chunk;
      chunk = undefined;
    } else if (typeof encoding === 'function') {
      callback = encoding;
    }
    const bytes = chunk === undefined || chunk === null ? undefined : toBytes(chunk, encoding);
    if (!settled) {
      settle(snapshot((bytes as Uint8Array<ArrayBuffer> | undefined) ?? null));
    } else if (controller && !discarded) {
      if (bytes !== undefined) controller.enqueue(bytes);
      controller.close();
    }
    if (typeof callback === 'function') res.once('finish', callback as Callback);
    return res;
  } as ExpressResponse['end'];

  return {
    response,
    output,
    fail(error) {
      ended = true;
      if (!settled) {
        settled = true;
        reject(error);
      } else if (controller && !discarded) {
        controller.error(error);
      }
    },
    discard,
    release() {
      delete (res as { headersSent?: boolean }).headersSent;
    },
    restore() {
      if (controller && !ended && !discarded) return false;
      ended = true;
      for (const name of ['writeHead', 'write', 'end'] as const) {
        if (own.includes(name)) Object.assign(res, { [name]: output[name] });
        else delete (res as Partial<Output>)[name];
      }
      return true;
    },
  };
}
