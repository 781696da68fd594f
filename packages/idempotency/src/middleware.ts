import { bodySource, type Middleware } from '@fielding/core';
import { readUpTo, replayThenRest } from './_bytes.js';
import { decideIdempotency, isReplayableStatus } from './decision.js';
import { requestFingerprint } from './fingerprint.js';
import { parseIdempotencyKey } from './idempotency-key.js';
import {
  decisionResponse,
  idempotencyProblem,
  type IdempotencyProblemOptions,
} from './responses.js';
import type { IdempotencyStore, StoredResponse } from './store.js';

/**
 * The methods {@link idempotency} applies to by default: the two that are not idempotent.
 *
 * @example
 * ```ts
 * import { IDEMPOTENCY_METHODS, idempotency, memoryStore } from '@fielding/idempotency';
 *
 * const middleware = idempotency({ store: memoryStore(), methods: [...IDEMPOTENCY_METHODS, 'DELETE'] });
 * ```
 */
export const IDEMPOTENCY_METHODS: readonly string[] = Object.freeze(['POST', 'PATCH']);

/**
 * How long a completed response is kept for replays by default: 24 hours, in ms.
 *
 * @example
 * ```ts
 * import { IDEMPOTENCY_TTL, idempotency, memoryStore } from '@fielding/idempotency';
 *
 * const middleware = idempotency({ store: memoryStore(), ttl: 7 * IDEMPOTENCY_TTL }); // a week
 * ```
 */
export const IDEMPOTENCY_TTL = 86_400_000;

/**
 * How long a claim may stay unfinished by default before it lapses (the instance running the
 * request crashed), in ms: 60 s, twice the request timeout of `@fielding/node`'s server.
 *
 * @example
 * ```ts
 * import { IDEMPOTENCY_LOCK_TTL } from '@fielding/idempotency';
 *
 * const longest = IDEMPOTENCY_LOCK_TTL / 1000; // seconds a handler may take
 * ```
 */
export const IDEMPOTENCY_LOCK_TTL = 60_000;

/**
 * The largest request body (fingerprinted) and response body (stored) by default: 1 MiB.
 *
 * @example
 * ```ts
 * import { IDEMPOTENCY_MAX_BODY_BYTES, idempotency, memoryStore } from '@fielding/idempotency';
 *
 * const middleware = idempotency({ store: memoryStore(), maxRequestBytes: 4 * IDEMPOTENCY_MAX_BODY_BYTES });
 * ```
 */
export const IDEMPOTENCY_MAX_BODY_BYTES = 1_048_576;

/** Options of {@link idempotency}. */
export interface IdempotencyOptions extends IdempotencyProblemOptions {
  /** Where keys and responses are kept: `memoryStore()`, `postgresStore()`, `redisStore()`. */
  store: IdempotencyStore;
  /** Answer 400 to a request of `methods` without `Idempotency-Key`. Default: `false`. */
  required?: boolean;
  /** The methods that honour the key; others pass through. Default: {@link IDEMPOTENCY_METHODS}. */
  methods?: readonly string[];
  /** How long a completed response is replayed, in ms. Default: {@link IDEMPOTENCY_TTL}. */
  ttl?: number;
  /** How long a claim may stay unfinished, in ms. Default: {@link IDEMPOTENCY_LOCK_TTL}. */
  lockTtl?: number;
  /** The request fingerprint. Default: {@link requestFingerprint} (method, target, body, …). */
  fingerprint?: (request: Request, body: Uint8Array<ArrayBuffer>) => string | Promise<string>;
  /**
   * The client a key belongs to (e.g. the authenticated subject), so that one client's key never
   * replays another's response. Default: none (one key space for all clients).
   */
  scope?: (request: Request) => string | undefined | Promise<string | undefined>;
  /** The longest key, in characters. Default: {@link MAX_IDEMPOTENCY_KEY_LENGTH}. */
  maxKeyLength?: number;
  /** The largest request body with a key; more gets 413. Default: {@link IDEMPOTENCY_MAX_BODY_BYTES}. */
  maxRequestBytes?: number;
  /**
   * The largest response body kept for replay. A larger response is sent in full, and its key
   * is kept as completed without the body: a retry gets 409, never a second run.
   * Default: {@link IDEMPOTENCY_MAX_BODY_BYTES}.
   */
  maxResponseBytes?: number;
  /** Whether a final status is stored and replayed. Default: {@link isReplayableStatus}. */
  replayable?: (status: number) => boolean;
  /** Called when storing or releasing a key fails after the handler ran (the response is still sent). */
  onStoreError?: (error: unknown) => void;
}

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
  const read = await readUpTo(request.body, limit);
  if (read.complete) return read.bytes;
  await read.reader.cancel().catch(() => undefined);
  return undefined;
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
  const read = await readUpTo(response.body, limit);
  const init = { status, statusText: response.statusText, headers: response.headers };
  if (read.complete) {
    return {
      stored: { status, headers, body: read.bytes },
      response: new Response(read.bytes, init),
    };
  }
  return {
    stored: { status, headers, body: null },
    response: new Response(replayThenRest(read.chunks, read.reader), init),
  };
}

/**
 * Idempotency-Key for unsafe requests (draft-ietf-httpapi-idempotency-key-header): the first
 * request with a key runs and its final response is stored; a retry with the same key and
 * fingerprint gets that response replayed (same status, header fields and bytes) without
 * running the handler; the same key with another method, target or payload gets 422, a retry
 * while the first still runs 409, a `required` route without a key 400, a malformed key 400.
 * 5xx and {@link NOT_REPLAYED_STATUSES} are not stored, and a thrown error frees the key, so a
 * retry runs again. Problems are `application/problem+json`.
 *
 * @param options - the store and the policy
 * @returns the middleware
 *
 * @example
 * ```ts
 * import { compose } from '@fielding/core';
 * import { idempotency, memoryStore } from '@fielding/idempotency';
 *
 * let next = 1;
 * const createOrder = compose(idempotency({ store: memoryStore(), required: true }))(
 *   () => Response.json({ id: next++ }, { status: 201 }),
 * );
 * ```
 * @see https://datatracker.ietf.org/doc/html/draft-ietf-httpapi-idempotency-key-header
 */
export function idempotency(options: IdempotencyOptions): Middleware {
  const store = options.store;
  const required = options.required ?? false;
  const methods = new Set(options.methods ?? IDEMPOTENCY_METHODS);
  const ttl = options.ttl ?? IDEMPOTENCY_TTL;
  const lockTtl = options.lockTtl ?? IDEMPOTENCY_LOCK_TTL;
  const fingerprint = options.fingerprint ?? ((request, body) => requestFingerprint(request, body));
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
      response = await next(
        new Request(request.url, {
          method: request.method,
          headers: request.headers,
          body: request.body === null ? null : body,
          signal: request.signal,
        }),
      );
    } catch (error) {
      await release();
      throw error;
    }
    if (!replayable(response.status)) {
      await release();
      return response;
    }
    const result = await captured(response, maxResponseBytes);
    await store.complete({ key, token, response: result.stored, ttl }).catch(onStoreError);
    return result.response;
  };
}
