import { requestInstance } from '@fielding/core';
import { problem, statusTitle } from '@fielding/problem-errors';
import type { IdempotencyDecision } from './decision.js';
import type { StoredResponse } from './store.js';

/** Options of the problem responses of this package. */
export interface IdempotencyProblemOptions {
  /**
   * A URL documenting the API's idempotency rules (key format, expiry), as the draft asks every
   * server to publish: sent as the problem `type` and in `Link: <…>; rel="describedby"`.
   * Default: none (`type` is `about:blank`, `title` the status phrase).
   */
  documentation?: string;
}

/** The problems of this package, with the titles of the draft's examples. */
export type IdempotencyProblemKind =
  | 'missing'
  | 'invalid'
  | 'mismatch'
  | 'in-flight'
  | 'not-replayable'
  | 'too-large';

const PROBLEMS: Readonly<Record<IdempotencyProblemKind, { status: number; title: string }>> = {
  missing: { status: 400, title: 'Idempotency-Key is missing' },
  invalid: { status: 400, title: 'Idempotency-Key is invalid' },
  mismatch: { status: 422, title: 'Idempotency-Key is already used' },
  'in-flight': { status: 409, title: 'A request is outstanding for this Idempotency-Key' },
  'not-replayable': { status: 409, title: 'The response for this Idempotency-Key was not kept' },
  'too-large': { status: 413, title: 'Content too large for an idempotent request' },
};

const DEFAULT_DETAIL: Readonly<Partial<Record<IdempotencyProblemKind, string>>> = {
  missing: 'This operation requires an Idempotency-Key header field.',
  mismatch:
    'This Idempotency-Key was used for another request: a key must not be reused with a different method, target or payload.',
  'in-flight':
    'A request with this Idempotency-Key is still being processed; retry after it has completed.',
};

/**
 * An `application/problem+json` response for one of the idempotency errors (draft §2.7), with
 * the request path as `instance`: `missing` and `invalid` (400), `mismatch` (422), `in-flight`
 * (409 with `Retry-After: 1`), `not-replayable` (409) and `too-large` (413).
 *
 * @param kind - which problem
 * @param request - the request it answers (for `instance`)
 * @param options - the documentation URL
 * @param detail - the occurrence's explanation; a default per kind when omitted
 * @param extensions - extension members
 * @returns the problem response
 *
 * @example
 * ```ts
 * import { idempotencyProblem } from '@fielding/idempotency';
 *
 * const response = idempotencyProblem('missing', new Request('https://api.example/orders'), {
 *   documentation: 'https://api.example/docs/idempotency',
 * }); // 400, Link: <https://api.example/docs/idempotency>; rel="describedby"
 * ```
 * @see https://datatracker.ietf.org/doc/html/draft-ietf-httpapi-idempotency-key-header#section-2.7
 */
export function idempotencyProblem(
  kind: IdempotencyProblemKind,
  request: Request,
  options: IdempotencyProblemOptions = {},
  detail?: string,
  extensions?: Readonly<Record<string, unknown>>,
): Response {
  const { status, title } = PROBLEMS[kind];
  const headers = new Headers();
  if (kind === 'in-flight') headers.set('Retry-After', '1');
  const documentation = options.documentation;
  if (documentation !== undefined) {
    headers.set('Link', `<${documentation}>; rel="describedby"; type="text/html"`);
  }
  const occurrence = detail ?? DEFAULT_DETAIL[kind];
  const instance = requestInstance(request);
  return problem({
    status,
    type: documentation ?? 'about:blank',
    title: documentation === undefined ? statusTitle(status) : title,
    ...(occurrence !== undefined && { detail: occurrence }),
    ...(instance !== undefined && { instance }),
    ...(kind === 'invalid' && {
      errors: [{ header: 'Idempotency-Key', detail: occurrence ?? title }],
    }),
    ...(extensions !== undefined && { extensions }),
    headers,
  });
}

const NULL_BODY = new Set([101, 103, 204, 205, 304]);

/**
 * Rebuilds a stored response: the same status, the same header fields in the same order, the
 * same body bytes. Each call gives a new `Response`.
 *
 * @param stored - the response as a store keeps it (with a body)
 * @returns the response to send
 *
 * @example
 * ```ts
 * import { replayResponse } from '@fielding/idempotency';
 *
 * const response = replayResponse({ status: 201, headers: [['location', '/orders/7']], body: new Uint8Array() });
 * ```
 */
export function replayResponse(stored: StoredResponse): Response {
  const bytes = stored.body ?? new Uint8Array();
  const body =
    NULL_BODY.has(stored.status) && bytes.byteLength === 0
      ? null
      : bytes.buffer instanceof ArrayBuffer
        ? (bytes as Uint8Array<ArrayBuffer>)
        : new Uint8Array(bytes);
  return new Response(body, { status: stored.status, headers: stored.headers });
}

/**
 * The response for a decision on a retried request: the replay, or the 409 / 422 problem.
 *
 * @param decision - what {@link decideIdempotency} decided
 * @param request - the retried request
 * @param options - the documentation URL for the problems
 * @returns the response to send instead of running the request
 *
 * @example
 * ```ts
 * import { decideIdempotency, decisionResponse } from '@fielding/idempotency';
 *
 * const request = new Request('https://api.example/orders', { method: 'POST' });
 * decisionResponse(decideIdempotency({ state: 'in-flight', fingerprint: 'a' }, 'a'), request).status; // 409
 * ```
 */
export function decisionResponse(
  decision: IdempotencyDecision,
  request: Request,
  options: IdempotencyProblemOptions = {},
): Response {
  switch (decision.type) {
    case 'replay':
      return replayResponse(decision.response);
    case 'not-replayable':
      return idempotencyProblem(
        'not-replayable',
        request,
        options,
        `The request with this Idempotency-Key completed with status ${decision.status}, but its response was too large to keep for replay; it is not run again. Send a new request with a new key.`,
        { completedStatus: decision.status },
      );
    default:
      return idempotencyProblem(decision.type, request, options);
  }
}
