// Success and redirect responses that carry a target: 201, 202, 204, 301, 302, 303, 307, 308.
// Each resolves its target against the request (RFC 9110 §10.2.2 allows a relative Location,
// but an absolute one survives proxies that rewrite paths and clients that lose the base), and
// each is named for what a client does with the method, because that is the only difference
// between 301 and 308 or between 302 and 307 (RFC 9110 §15.4).

/** What every response helper takes besides its target: a body and extra headers. */
export interface ResponseOptions {
  /** The response body (a representation of the result, a status monitor, …). */
  readonly body?: BodyInit | null;
  /** Headers to add; `Location` and `Retry-After` are set by the helper. */
  readonly headers?: HeadersInit;
}

/** The options of {@link accepted}: a {@link ResponseOptions} with a retry hint. */
export interface AcceptedOptions extends ResponseOptions {
  /**
   * When to ask the status monitor again: seconds from now (a fraction is rounded down) or a date.
   * Sent as `Retry-After` (RFC 9110 §10.2.3).
   */
  readonly retryAfter?: number | Date;
}

function resolveTarget(request: Request | URL, target: string | URL): string {
  const base = request instanceof URL ? request : request.url;
  if (!URL.canParse(target, base)) {
    throw new TypeError(`The target ${JSON.stringify(String(target))} is not a URL reference.`);
  }
  return new URL(target, base).href;
}

/**
 * `Retry-After` as RFC 9110 §10.2.3 writes it: delay-seconds or an IMF-fixdate. One formatter
 * for every package that asks a client to come back later (202, 429, 503).
 *
 * @param retryAfter - seconds from now (a fraction is rounded down) or a date
 * @throws RangeError for a negative or non-finite number of seconds, or an invalid date
 *
 * @example
 * ```ts
 * import { formatRetryAfter } from '@fielding/core';
 *
 * formatRetryAfter(120); // '120'
 * formatRetryAfter(new Date(Date.UTC(2026, 0, 1))); // 'Thu, 01 Jan 2026 00:00:00 GMT'
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-10.2.3
 */
export function formatRetryAfter(retryAfter: number | Date): string {
  if (retryAfter instanceof Date) {
    if (Number.isNaN(retryAfter.getTime())) throw new RangeError('Retry-After is an invalid date.');
    return retryAfter.toUTCString();
  }
  if (!Number.isFinite(retryAfter) || retryAfter < 0) {
    throw new RangeError(
      `Retry-After must be a non-negative number of seconds, not ${retryAfter}.`,
    );
  }
  // delay-seconds is 1*DIGIT: a fraction is rounded down, never past what was asked.
  return String(Math.floor(retryAfter));
}

function withTarget(
  status: number,
  request: Request | URL,
  target: string | URL,
  options: ResponseOptions = {},
): Response {
  const headers = new Headers(options.headers);
  headers.set('Location', resolveTarget(request, target));
  return new Response(options.body ?? null, { status, headers });
}

/**
 * `201 Created` with `Location` naming the new resource, resolved against the request.
 *
 * @param request - the request that created it (its URL is the base of a relative `target`)
 * @param target - the new resource's URL, absolute or relative
 * @param options - a body (usually the new representation) and extra headers (its `ETag`)
 * @throws TypeError when `target` is no URL reference
 *
 * @example
 * ```ts
 * import { created } from '@fielding/core';
 *
 * const request = new Request('https://api.test/blogs', { method: 'POST' });
 * const response = created(request, '/blogs/7', { headers: { ETag: '"1"' } });
 * response.status; // 201
 * response.headers.get('Location'); // 'https://api.test/blogs/7'
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-15.3.2
 */
export function created(
  request: Request | URL,
  target: string | URL,
  options?: ResponseOptions,
): Response {
  return withTarget(201, request, target, options);
}

/**
 * `202 Accepted` with `Location` naming a status monitor the client can poll, and an optional
 * `Retry-After` telling it when.
 *
 * @param request - the request that started the work
 * @param monitor - the status monitor's URL, absolute or relative
 * @param options - a body (the monitor's first representation), headers and `retryAfter`
 * @throws TypeError when `monitor` is no URL reference; RangeError for a bad `retryAfter`
 *
 * @example
 * ```ts
 * import { accepted } from '@fielding/core';
 *
 * const request = new Request('https://api.test/blogs/7/exports', { method: 'POST' });
 * const response = accepted(request, '/jobs/42', { retryAfter: 5 });
 * response.headers.get('Location'); // 'https://api.test/jobs/42'
 * response.headers.get('Retry-After'); // '5'
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-15.3.3
 */
export function accepted(
  request: Request | URL,
  monitor: string | URL,
  options: AcceptedOptions = {},
): Response {
  const response = withTarget(202, request, monitor, options);
  if (options.retryAfter !== undefined) {
    response.headers.set('Retry-After', formatRetryAfter(options.retryAfter));
  }
  return response;
}

/**
 * `204 No Content`: the request succeeded and there is nothing to send back.
 *
 * @param headers - headers to send (a new `ETag` after a write, `Preference-Applied`, …)
 *
 * @example
 * ```ts
 * import { noContent } from '@fielding/core';
 *
 * noContent({ ETag: '"4"' }).status; // 204
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-15.3.5
 */
export function noContent(headers?: HeadersInit): Response {
  return new Response(null, headers === undefined ? { status: 204 } : { status: 204, headers });
}

/**
 * `303 See Other`: the result is elsewhere; the client follows with `GET` whatever its method
 * was. The answer to a finished job's status monitor, and to a form POST.
 *
 * @example
 * ```ts
 * import { seeOther } from '@fielding/core';
 *
 * const request = new Request('https://api.test/jobs/42');
 * seeOther(request, '/exports/42.csv').headers.get('Location'); // 'https://api.test/exports/42.csv'
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-15.4.4
 */
export function seeOther(
  request: Request | URL,
  target: string | URL,
  options?: ResponseOptions,
): Response {
  return withTarget(303, request, target, options);
}

/**
 * `301 Moved Permanently`: the resource has a new URL for good. Clients may repeat a `POST` as
 * a `GET` (RFC 9110 §15.4.2); use {@link movedPermanentlyKeepingMethod} when they must not.
 *
 * @example
 * ```ts
 * import { movedPermanently } from '@fielding/core';
 *
 * const request = new Request('https://api.test/blogs/7/articles/3');
 * movedPermanently(request, '/blogs/9/articles/3').status; // 301
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-15.4.2
 */
export function movedPermanently(
  request: Request | URL,
  target: string | URL,
  options?: ResponseOptions,
): Response {
  return withTarget(301, request, target, options);
}

/**
 * `308 Permanent Redirect`: like {@link movedPermanently}, and the client must repeat the same
 * method with the same body at the new URL.
 *
 * @example
 * ```ts
 * import { movedPermanentlyKeepingMethod } from '@fielding/core';
 *
 * const request = new Request('https://api.test/v1/blogs', { method: 'POST' });
 * movedPermanentlyKeepingMethod(request, '/v2/blogs').status; // 308
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-15.4.9
 */
export function movedPermanentlyKeepingMethod(
  request: Request | URL,
  target: string | URL,
  options?: ResponseOptions,
): Response {
  return withTarget(308, request, target, options);
}

/**
 * `302 Found`: the resource is elsewhere for now. Clients may repeat a `POST` as a `GET`; use
 * {@link movedTemporarilyKeepingMethod} when they must not, or {@link seeOther} when they must.
 *
 * @example
 * ```ts
 * import { movedTemporarily } from '@fielding/core';
 *
 * movedTemporarily(new URL('https://api.test/latest'), '/blogs/7').status; // 302
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-15.4.3
 */
export function movedTemporarily(
  request: Request | URL,
  target: string | URL,
  options?: ResponseOptions,
): Response {
  return withTarget(302, request, target, options);
}

/**
 * `307 Temporary Redirect`: like {@link movedTemporarily}, and the client must repeat the same
 * method with the same body at the new URL.
 *
 * @example
 * ```ts
 * import { movedTemporarilyKeepingMethod } from '@fielding/core';
 *
 * const request = new Request('https://api.test/uploads', { method: 'PUT' });
 * movedTemporarilyKeepingMethod(request, 'https://eu.api.test/uploads').status; // 307
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-15.4.8
 */
export function movedTemporarilyKeepingMethod(
  request: Request | URL,
  target: string | URL,
  options?: ResponseOptions,
): Response {
  return withTarget(307, request, target, options);
}
