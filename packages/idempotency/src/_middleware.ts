// The idempotency() middleware over a default fingerprint: Web Crypto (middleware.ts) or
// node:crypto (middleware.node.ts).
import { bodySource, bufferAtMost, readAtMost, type Middleware } from '@fielding/core';
import type { Fingerprint } from './_fingerprint.js';
import { decideIdempotency, isReplayableStatus } from './decision.js';
import { parseIdempotencyKey } from './idempotency-key.js';
import {
  IDEMPOTENCY_LOCK_TTL,
  IDEMPOTENCY_MAX_BODY_BYTES,
  IDEMPOTENCY_METHODS,
  IDEMPOTENCY_TTL,
  type IdempotencyOptions,
} from './idempotency-options.js';
import {
  decisionResponse,
  idempotencyProblem,
  type IdempotencyProblemOptions,
} from './responses.js';
import type { StoredResponse } from './store.js';

const encoder = /* @__PURE__ */ new TextEncoder();

function scopedKey(scope: string | undefined, key: string): string {
  const prefix = scope ?? '';
  return `${prefix.length}:${prefix}:${key}`;
}

/** The request body, or `undefined` when it has more than `limit` bytes. */
async function requestBody(
  request: Request,
  limit: number,
): Promise<Uint8Array<ArrayBuffer> | undefined> {
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > limit) return undefined;
  if (request.body === null) return new Uint8Array();
  // A copy is read: the handler gets the request itself, so what other middleware keeps about
  // it (the verified claims of @fielding/auth, keyed by the Request) stays reachable.
  const body = request.clone().body as ReadableStream<Uint8Array>;
  const bytes = await readAtMost(body, limit);
  // Past the limit both branches of the clone are cancelled: only then does the upload stop.
  if (bytes === null) await request.body.cancel().catch(() => undefined);
  // A request body stream's chunks are ArrayBuffer-backed (Fetch never hands out shared memory).
  return (bytes as Uint8Array<ArrayBuffer> | null) ?? undefined;
}

/**
 * The response to send and what to store of it. A body offered through `BODY_SOURCE` is taken
 * without reading the stream; a stream is read up to `limit` bytes.
 */
async function captured(
  response: Response,
  limit: number,
): Promise<{ stored: StoredResponse; response: Response }> {
  const headers = [...response.headers];
  const status = response.status;
  const source = bodySource(response);
  if (source !== undefined || response.body === null) {
    const bytes =
      typeof source === 'string' ? encoder.encode(source) : (source ?? new Uint8Array());
    return { stored: { status, headers, body: bytes.byteLength > limit ? null : bytes }, response };
  }
  const read = await bufferAtMost(response.body, limit);
  const init = { status, statusText: response.statusText, headers: response.headers };
  if (read instanceof Uint8Array) {
    // A response body stream's chunks are ArrayBuffer-backed (Fetch never hands out shared memory).
    const bytes = read as Uint8Array<ArrayBuffer>;
    return { stored: { status, headers, body: bytes }, response: new Response(bytes, init) };
  }
  // Too large to keep: the client still gets every byte; a retry runs the handler again.
  return { stored: { status, headers, body: null }, response: new Response(read, init) };
}

export function createIdempotency(
  defaultFingerprint: Fingerprint,
): (options: IdempotencyOptions) => Middleware {
  return function idempotency(options) {
    const store = options.store;
    const required = options.required ?? false;
    const methods = new Set(options.methods ?? IDEMPOTENCY_METHODS);
    const ttl = options.ttl ?? IDEMPOTENCY_TTL;
    const lockTtl = options.lockTtl ?? IDEMPOTENCY_LOCK_TTL;
    const fingerprint = options.fingerprint ?? defaultFingerprint;
    const scope = options.scope;
    const parseOptions =
      options.maxKeyLength === undefined ? {} : { maxLength: options.maxKeyLength };
    const maxRequestBytes = options.maxRequestBytes ?? IDEMPOTENCY_MAX_BODY_BYTES;
    const maxResponseBytes = options.maxResponseBytes ?? IDEMPOTENCY_MAX_BODY_BYTES;
    const replayable = options.replayable ?? isReplayableStatus;
    const onStoreError = options.onStoreError ?? (() => undefined);
    const problems: IdempotencyProblemOptions =
      options.documentation === undefined ? {} : { documentation: options.documentation };

    return async function idempotencyMiddleware(request, next) {
      if (!methods.has(request.method)) return next(request);
      const parsed = parseIdempotencyKey(request.headers.get('idempotency-key'), parseOptions);
      if (parsed.type === 'missing') {
        return required ? idempotencyProblem('missing', request, problems) : next(request);
      }
      if (parsed.type === 'invalid') {
        return idempotencyProblem('invalid', request, problems, parsed.detail);
      }
      const body = await requestBody(request, maxRequestBytes);
      if (body === undefined) {
        return idempotencyProblem(
          'too-large',
          request,
          problems,
          `A request with an Idempotency-Key may carry at most ${maxRequestBytes} bytes of content.`,
        );
      }
      const print = await fingerprint(request, body);
      const key = scopedKey(scope === undefined ? undefined : await scope(request), parsed.key);
      const claim = await store.claim({ key, fingerprint: print, lockTtl });
      if (!claim.claimed) {
        return decisionResponse(decideIdempotency(claim.record, print), request, problems);
      }
      const token = claim.token;
      const release = (): Promise<unknown> => store.release({ key, token }).catch(onStoreError);
      let response: Response;
      try {
        response = await next(request);
      } catch (error) {
        await release();
        throw error;
      }
      if (!replayable(response.status)) {
        await release();
        return response;
      }
      let result: Awaited<ReturnType<typeof captured>>;
      try {
        result = await captured(response, maxResponseBytes);
      } catch (error) {
        // The body failed while it was read: nothing whole to store or to send.
        await release();
        throw error;
      }
      await store.complete({ key, token, response: result.stored, ttl }).catch(onStoreError);
      return result.response;
    };
  };
}
