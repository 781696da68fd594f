import { quoteString } from '@fielding/core';
import { HttpError, type HttpErrorInit } from './http-error.js';

/**
 * A `Retry-After` value: seconds to wait (rounded down, at least 0) or the time to retry at.
 *
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-10.2.3
 */
export type RetryAfter = number | Date;

/** {@link HttpErrorInit} plus a `Retry-After` hint. */
export interface RetryAfterInit extends HttpErrorInit {
  /** Sent as `Retry-After`: delay-seconds for a number, an IMF-fixdate for a `Date`. */
  retryAfter?: RetryAfter;
}

/** {@link HttpErrorInit} plus the media types the resource does accept. */
export interface UnsupportedMediaTypeInit extends HttpErrorInit {
  /** Sent as `Accept`: media types accepted in request content (e.g. for `POST`). */
  accept?: readonly string[];
  /** Sent as `Accept-Patch` (RFC 5789 §3.1): patch document formats accepted by `PATCH`. */
  acceptPatch?: readonly string[];
  /** Sent as `Accept-Post` (W3C LDP §7.1): media types accepted by `POST`. */
  acceptPost?: readonly string[];
  /** Sent as `Accept-Encoding` when the content coding was the problem (RFC 9110 §15.5.16). */
  acceptEncoding?: readonly string[];
}

/**
 * One authentication challenge of a `WWW-Authenticate` field (RFC 9110 §11.6.1), e.g.
 * `{ scheme: 'Bearer', parameters: { realm: 'api', error: 'invalid_token' } }`.
 */
export interface AuthChallenge {
  /** The authentication scheme, e.g. `Basic` or `Bearer`. */
  scheme: string;
  /** Auth parameters; values are quoted when they are not tokens. */
  parameters?: Readonly<Record<string, string>>;
  /** A token68 credential hint, sent instead of parameters when given. */
  token68?: string;
}

function formatChallenge(challenge: string | AuthChallenge): string {
  if (typeof challenge === 'string') return challenge;
  if (challenge.token68 !== undefined) return `${challenge.scheme} ${challenge.token68}`;
  const parameters = Object.entries(challenge.parameters ?? {}).map(
    ([name, value]) =>
      `${name}=${name.toLowerCase() === 'realm' ? `"${value.replace(/["\\]/g, '\\$&')}"` : quoteString(value)}`,
  );
  return parameters.length === 0
    ? challenge.scheme
    : `${challenge.scheme} ${parameters.join(', ')}`;
}

/**
 * The `Retry-After` field value for a delay in seconds or a date, for the helpers that take
 * `retryAfter` (not exported from the package): `120` → `'120'`, `new Date(0)` →
 * `'Thu, 01 Jan 1970 00:00:00 GMT'`.
 *
 * @throws RangeError for a negative or non-finite delay or an invalid date
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-10.2.3
 */
export function formatRetryAfter(value: RetryAfter): string {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new RangeError('Retry-After date is invalid');
    return value.toUTCString();
  }
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`Retry-After must be a non-negative number of seconds, got ${value}`);
  }
  return String(Math.floor(value));
}

function withHeaders(
  init: HttpErrorInit,
  set: Readonly<Record<string, string | undefined>>,
): HttpErrorInit {
  const headers = new Headers(init.headers);
  for (const [name, value] of Object.entries(set)) {
    if (value !== undefined) headers.set(name, value);
  }
  return { ...init, headers };
}

function list(values: readonly string[] | undefined): string | undefined {
  return values === undefined ? undefined : [...new Set(values)].join(', ');
}

function split<T extends HttpErrorInit>(init: T, keys: readonly (keyof T)[]): HttpErrorInit {
  const rest: Record<string, unknown> = { ...(init as HttpErrorInit) };
  for (const key of keys) delete rest[key as string];
  return rest as HttpErrorInit;
}

function withRetryAfter(status: number, init: RetryAfterInit): HttpError {
  return new HttpError(
    status,
    withHeaders(split(init, ['retryAfter']), {
      'Retry-After': init.retryAfter === undefined ? undefined : formatRetryAfter(init.retryAfter),
    }),
  );
}

/**
 * 400 Bad Request: the request is malformed (syntax, framing, a parameter that does not parse).
 *
 * @param init - problem members and headers
 * @returns the error to throw
 *
 * @example
 * ```ts
 * import { badRequest } from '@fielding/problem-errors';
 *
 * throw badRequest({ detail: 'page_size must be a number.', errors: [{ parameter: 'page_size', detail: 'must be a number' }] });
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-15.5.1
 */
export function badRequest(init: HttpErrorInit = {}): HttpError {
  return new HttpError(400, init);
}

/**
 * 401 Unauthorized with the `WWW-Authenticate` challenges the client can answer (a 401 MUST
 * carry at least one).
 *
 * @param challenges - one challenge or several, as field text or structured
 * @param init - problem members and headers
 * @returns the error to throw
 *
 * @example
 * ```ts
 * import { unauthorized } from '@fielding/problem-errors';
 *
 * throw unauthorized({ scheme: 'Bearer', parameters: { realm: 'blog' } }); // WWW-Authenticate: Bearer realm="blog"
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-15.5.2
 */
export function unauthorized(
  challenges: string | AuthChallenge | readonly (string | AuthChallenge)[],
  init: HttpErrorInit = {},
): HttpError {
  const all = Array.isArray(challenges) ? challenges : [challenges as string | AuthChallenge];
  if (all.length === 0)
    throw new TypeError('A 401 response needs at least one WWW-Authenticate challenge');
  return new HttpError(
    401,
    withHeaders(init, { 'WWW-Authenticate': all.map(formatChallenge).join(', ') }),
  );
}

/**
 * 403 Forbidden: understood, but the client may not do it (re-authenticating will not help).
 *
 * @param init - problem members and headers
 * @returns the error to throw
 *
 * @example
 * ```ts
 * import { forbidden } from '@fielding/problem-errors';
 *
 * throw forbidden({ detail: 'Only the author may delete blog 7.' });
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-15.5.4
 */
export function forbidden(init: HttpErrorInit = {}): HttpError {
  return new HttpError(403, init);
}

/**
 * 404 Not Found: no current representation for the target resource.
 *
 * @param init - problem members and headers
 * @returns the error to throw
 *
 * @example
 * ```ts
 * import { notFound } from '@fielding/problem-errors';
 *
 * throw notFound({ detail: 'No blog 7.' });
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-15.5.5
 */
export function notFound(init: HttpErrorInit = {}): HttpError {
  return new HttpError(404, init);
}

/**
 * 405 Method Not Allowed with the `Allow` field listing the methods the resource supports
 * (a 405 MUST carry it; an empty list means none).
 *
 * @param allow - the supported methods, e.g. `['GET', 'HEAD']`
 * @param init - problem members and headers
 * @returns the error to throw
 *
 * @example
 * ```ts
 * import { methodNotAllowed } from '@fielding/problem-errors';
 *
 * throw methodNotAllowed(['GET', 'HEAD', 'PUT']); // Allow: GET, HEAD, PUT
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-15.5.6
 */
export function methodNotAllowed(allow: readonly string[], init: HttpErrorInit = {}): HttpError {
  return new HttpError(405, withHeaders(init, { Allow: list(allow) }));
}

/**
 * 406 Not Acceptable: no representation matches the request's `Accept*` fields. Name the
 * available ones in `detail` or an extension member so the client can choose.
 *
 * @param init - problem members and headers
 * @returns the error to throw
 *
 * @example
 * ```ts
 * import { notAcceptable } from '@fielding/problem-errors';
 *
 * throw notAcceptable({ extensions: { available: ['application/json', 'application/hal+json'] } });
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-15.5.7
 */
export function notAcceptable(init: HttpErrorInit = {}): HttpError {
  return new HttpError(406, init);
}

/**
 * 409 Conflict: the request conflicts with the current state of the resource.
 *
 * @param init - problem members and headers
 * @returns the error to throw
 *
 * @example
 * ```ts
 * import { conflict } from '@fielding/problem-errors';
 *
 * throw conflict({ detail: 'A blog named "news" already exists.' });
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-15.5.10
 */
export function conflict(init: HttpErrorInit = {}): HttpError {
  return new HttpError(409, init);
}

/**
 * 410 Gone: the resource existed and is gone for good.
 *
 * @param init - problem members and headers
 * @returns the error to throw
 *
 * @example
 * ```ts
 * import { gone } from '@fielding/problem-errors';
 *
 * throw gone({ detail: 'Blog 7 was deleted.' });
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-15.5.11
 */
export function gone(init: HttpErrorInit = {}): HttpError {
  return new HttpError(410, init);
}

/**
 * 412 Precondition Failed: an `If-Match` / `If-Unmodified-Since` condition was false.
 *
 * @param init - problem members and headers (e.g. the current `ETag`)
 * @returns the error to throw
 *
 * @example
 * ```ts
 * import { preconditionFailed } from '@fielding/problem-errors';
 *
 * throw preconditionFailed({ detail: 'Blog 7 has changed.', headers: { ETag: '"v8"' } });
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-15.5.13
 */
export function preconditionFailed(init: HttpErrorInit = {}): HttpError {
  return new HttpError(412, init);
}

/**
 * 413 Content Too Large, with `Retry-After` when the condition is temporary.
 *
 * @param init - problem members, headers and `retryAfter`
 * @returns the error to throw
 *
 * @example
 * ```ts
 * import { contentTooLarge } from '@fielding/problem-errors';
 *
 * throw contentTooLarge({ detail: 'The limit is 1 MiB.' });
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-15.5.14
 */
export function contentTooLarge(init: RetryAfterInit = {}): HttpError {
  return withRetryAfter(413, init);
}

/**
 * 415 Unsupported Media Type with the fields that tell the client what is accepted:
 * `Accept-Patch` for `PATCH`, `Accept-Post` for `POST`, `Accept`, or `Accept-Encoding` when the
 * content coding was the problem.
 *
 * @param init - problem members, headers and the accepted types
 * @returns the error to throw
 *
 * @example
 * ```ts
 * import { unsupportedMediaType } from '@fielding/problem-errors';
 *
 * throw unsupportedMediaType({ acceptPatch: ['application/json-patch+json', 'application/merge-patch+json'] });
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-15.5.16
 * @see https://www.rfc-editor.org/rfc/rfc5789#section-2.2
 */
export function unsupportedMediaType(init: UnsupportedMediaTypeInit = {}): HttpError {
  return new HttpError(
    415,
    withHeaders(split(init, ['accept', 'acceptPatch', 'acceptPost', 'acceptEncoding']), {
      Accept: list(init.accept),
      'Accept-Patch': list(init.acceptPatch),
      'Accept-Post': list(init.acceptPost),
      'Accept-Encoding': list(init.acceptEncoding),
    }),
  );
}

/**
 * 422 Unprocessable Content: well-formed, but the content's meaning is wrong (failed schema
 * validation, a JSON Patch that cannot apply). List the problems in `errors`.
 *
 * @param init - problem members and headers
 * @returns the error to throw
 *
 * @example
 * ```ts
 * import { unprocessableContent } from '@fielding/problem-errors';
 *
 * throw unprocessableContent({ errors: [{ pointer: '/title', detail: 'must not be empty' }] });
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-15.5.21
 */
export function unprocessableContent(init: HttpErrorInit = {}): HttpError {
  return new HttpError(422, init);
}

/**
 * 423 Locked: the resource is locked (WebDAV).
 *
 * @param init - problem members and headers
 * @returns the error to throw
 *
 * @example
 * ```ts
 * import { locked } from '@fielding/problem-errors';
 *
 * throw locked({ detail: 'Blog 7 is being edited.' });
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc4918#section-11.3
 */
export function locked(init: HttpErrorInit = {}): HttpError {
  return new HttpError(423, init);
}

/**
 * 424 Failed Dependency: the method failed because an action it depended on failed (WebDAV).
 *
 * @param init - problem members and headers
 * @returns the error to throw
 *
 * @example
 * ```ts
 * import { failedDependency } from '@fielding/problem-errors';
 *
 * throw failedDependency({ detail: 'The batch stopped at operation 3.' });
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc4918#section-11.4
 */
export function failedDependency(init: HttpErrorInit = {}): HttpError {
  return new HttpError(424, init);
}

/**
 * 428 Precondition Required: the server requires a conditional request (`If-Match`) to avoid
 * lost updates.
 *
 * @param init - problem members and headers
 * @returns the error to throw
 *
 * @example
 * ```ts
 * import { preconditionRequired } from '@fielding/problem-errors';
 *
 * throw preconditionRequired({ detail: 'Send If-Match with the ETag you read.' });
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6585#section-3
 */
export function preconditionRequired(init: HttpErrorInit = {}): HttpError {
  return new HttpError(428, init);
}

/**
 * 429 Too Many Requests, with `Retry-After` saying when to come back.
 *
 * @param init - problem members, headers and `retryAfter`
 * @returns the error to throw
 *
 * @example
 * ```ts
 * import { tooManyRequests } from '@fielding/problem-errors';
 *
 * throw tooManyRequests({ retryAfter: 60 }); // Retry-After: 60
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6585#section-4
 */
export function tooManyRequests(init: RetryAfterInit = {}): HttpError {
  return withRetryAfter(429, init);
}

/**
 * 500 Internal Server Error. Keep internals out of `detail`; put the original error in `cause`,
 * which is never sent.
 *
 * @param init - problem members and headers
 * @returns the error to throw
 *
 * @example
 * ```ts
 * import { internalServerError } from '@fielding/problem-errors';
 *
 * throw internalServerError({ cause: new Error('db down') });
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-15.6.1
 */
export function internalServerError(init: HttpErrorInit = {}): HttpError {
  return new HttpError(500, init);
}

/**
 * 501 Not Implemented: the server does not support the functionality (e.g. an unknown method).
 *
 * @param init - problem members and headers
 * @returns the error to throw
 *
 * @example
 * ```ts
 * import { notImplemented } from '@fielding/problem-errors';
 *
 * throw notImplemented({ detail: 'Exports are not available yet.' });
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-15.6.2
 */
export function notImplemented(init: HttpErrorInit = {}): HttpError {
  return new HttpError(501, init);
}

/**
 * 503 Service Unavailable (overload or maintenance), with `Retry-After` when the delay is known.
 *
 * @param init - problem members, headers and `retryAfter`
 * @returns the error to throw
 *
 * @example
 * ```ts
 * import { serviceUnavailable } from '@fielding/problem-errors';
 *
 * throw serviceUnavailable({ retryAfter: new Date(Date.now() + 600_000) });
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-15.6.4
 */
export function serviceUnavailable(init: RetryAfterInit = {}): HttpError {
  return withRetryAfter(503, init);
}

/**
 * 507 Insufficient Storage: the server cannot store what the request needs (WebDAV).
 *
 * @param init - problem members and headers
 * @returns the error to throw
 *
 * @example
 * ```ts
 * import { insufficientStorage } from '@fielding/problem-errors';
 *
 * throw insufficientStorage({ detail: 'The upload quota is used up.' });
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc4918#section-11.5
 */
export function insufficientStorage(init: HttpErrorInit = {}): HttpError {
  return new HttpError(507, init);
}
