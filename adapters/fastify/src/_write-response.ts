import { STATUS_CODES } from 'node:http';
import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { WebBodyReadable } from './_node-stream.js';
import { bodySource } from '@fielding/core';

/** What a `Response` becomes for Fastify: a whole string or bytes, a stream, or no body. */
export type Payload = string | Buffer | Readable | null;

/** RFC 9110 §6.4.1: these never carry content, whatever the `Response` holds. */
export function isBodiless(method: string, status: number): boolean {
  return method === 'HEAD' || status === 204 || status === 304 || status < 200;
}

/** Resolves with `undefined` when `read` has not settled within the current microtask queue. */
function readNow(
  read: Promise<ReadableStreamReadResult<Uint8Array>>,
): Promise<ReadableStreamReadResult<Uint8Array> | undefined> {
  return Promise.race([read, Promise.resolve().then(() => undefined)]);
}

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes)
    ? bytes
    : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * Puts a `Response`'s status, reason phrase and headers on the reply. With `replace`, the
 * reply's earlier headers are dropped first (the `Response` already holds them); otherwise
 * they stay, the `Response` winning on conflicts and its `Set-Cookie`s appended.
 */
export function applyHead(reply: FastifyReply, response: Response, replace: boolean): void {
  const status = response.status;
  reply.code(status);
  // The standard phrase when the Response has none (Response.json() etc.), set explicitly so a
  // phrase left on the socket response for another status is not reused.
  reply.raw.statusMessage = response.statusText || (STATUS_CODES[status] as string);
  if (replace) {
    for (const name of Object.keys(reply.getHeaders())) reply.removeHeader(name);
    for (const name of reply.raw.getHeaderNames()) reply.raw.removeHeader(name);
  }
  let cookie = false;
  for (const [name, value] of response.headers) {
    if (name === 'set-cookie') cookie = true;
    else reply.header(name, value);
  }
  if (cookie) reply.header('set-cookie', response.headers.getSetCookie());
}

/**
 * Turns a `Response` body into what Fastify sends: `null` for no content (204, 304, 1xx, an
 * empty body); a `Buffer` when the body is complete at once (Fastify adds its
 * `Content-Length`, also for `HEAD`, where nothing is written); otherwise a Node stream pulled
 * with backpressure and cancelled when the client leaves — or, for `HEAD`, `null` and the
 * stream cancelled. An error before the first chunk rejects; a later one destroys the stream,
 * and Fastify then destroys the connection.
 */
export async function responsePayload(method: string, response: Response): Promise<Payload> {
  // First, before `body`: a light Response (FastResponse) would otherwise build its stream.
  // A source exists only for statuses that may carry content (a Response refuses a body on
  // 204/304), and the stream was never touched, so there is nothing to cancel.
  const whole = bodySource(response);
  if (whole !== undefined) {
    if (whole.length === 0) return null;
    // A string goes to Node as it is: written with the head in one syscall, where a Buffer
    // takes a second one (writev). Only with a Content-Type, which Fastify would otherwise pick
    // for a string differently than for bytes.
    if (typeof whole === 'string') {
      return response.headers.has('content-type') ? whole : Buffer.from(whole);
    }
    return toBuffer(whole);
  }
  const body = response.body;
  if (body === null) return null;
  if (isBodiless('GET', response.status)) {
    await body.cancel().catch(() => undefined);
    return null;
  }
  const reader = body.getReader();
  let first: ReadableStreamReadResult<Uint8Array>;
  try {
    first = await reader.read();
  } catch (error) {
    reader.releaseLock();
    throw error;
  }
  if (first.done) return null;
  const pending = reader.read();
  const second = await readNow(pending).catch(() => undefined);
  if (second?.done) return toBuffer(first.value);
  if (method === 'HEAD') {
    pending.catch(() => undefined);
    await reader.cancel().catch(() => undefined);
    return null;
  }
  // `pending` keeps its result: a second chunk already in hand is the stream's next one.
  return new WebBodyReadable(reader, first.value, pending);
}

const asIs = (payload: string): string => payload;

/**
 * Sends a payload with `reply.send`. A string is the body exactly as the `Response` had it:
 * an identity serializer keeps Fastify from treating it as a value to serialise (and from
 * appending `; charset=utf-8` to a JSON `Content-Type`).
 */
export function sendPayload(reply: FastifyReply, payload: Payload): FastifyReply {
  if (typeof payload === 'string') reply.serializer(asIs);
  return reply.send(payload ?? undefined);
}

/**
 * Answers a Fastify request with a Web `Response` through `reply.send`, so Fastify's own
 * `onSend`/`onResponse` hooks still run. Nothing is sent twice: if the reply already went out,
 * the `Response` body is cancelled.
 *
 * @returns the reply, as Fastify expects from an async handler
 */
export async function sendResponse(reply: FastifyReply, response: Response): Promise<FastifyReply> {
  if (reply.sent || reply.raw.headersSent || reply.raw.destroyed) {
    await response.body?.cancel().catch(() => undefined);
    return reply;
  }
  const method = reply.request.method;
  const payload = await responsePayload(method, response);
  applyHead(reply, response, false);
  if (payload === null && method === 'HEAD' && response.headers.has('content-length')) {
    // Fastify's HEAD route for a GET sets Content-Length: 0 for "no payload"; an empty stream
    // keeps the length the Response announced.
    return reply.send(Readable.from([]));
  }
  return sendPayload(reply, payload);
}
