import { statusTitle, type HttpError, type ValidationIssue } from './http-error.js';

/** The members of an RFC 9457 problem details object. */
export interface ProblemInit {
  /** The HTTP status; also the response status. */
  status: number;
  /** Problem type URI reference; `about:blank` when omitted. */
  type?: string;
  /** Short summary of the problem type. */
  title?: string;
  /** Explanation specific to this occurrence. */
  detail?: string;
  /** URI reference of this occurrence. */
  instance?: string;
  /** Validation problems (`errors` extension). */
  errors?: readonly ValidationIssue[];
  /** Extension members. */
  extensions?: Readonly<Record<string, unknown>>;
  /** Extra response headers. */
  headers?: HeadersInit;
}

/** The media type of RFC 9457 problem details in JSON. */
export const PROBLEM_JSON = 'application/problem+json';

/**
 * Builds an `application/problem+json` response (RFC 9457).
 *
 * @param init - the problem members and extra headers
 * @returns a `Response` whose status equals `init.status`
 *
 * @example
 * ```ts
 * import { problem } from '@fielding/problem-errors';
 *
 * const response = problem({ status: 404, detail: 'No blog 7.' });
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9457#section-3
 */
export function problem(init: ProblemInit): Response {
  const { status, headers: extraHeaders, errors, extensions, ...members } = init;
  const body: Record<string, unknown> = { ...extensions, type: members.type ?? 'about:blank' };
  body.title = members.title ?? statusTitle(status);
  body.status = status;
  if (members.detail !== undefined) body.detail = members.detail;
  if (members.instance !== undefined) body.instance = members.instance;
  if (errors !== undefined) body.errors = errors;
  const headers = new Headers(extraHeaders);
  headers.set('Content-Type', PROBLEM_JSON);
  return new Response(JSON.stringify(body), { status, headers });
}

/**
 * Turns an {@link HttpError} into its problem response.
 *
 * @param error - the error to render
 * @returns the `application/problem+json` response
 *
 * @example
 * ```ts
 * import { HttpError, problemFromError } from '@fielding/problem-errors';
 *
 * const response = problemFromError(new HttpError(410));
 * ```
 */
export function problemFromError(error: HttpError): Response {
  return problem({
    status: error.status,
    type: error.type,
    title: error.title,
    ...(error.detail !== undefined && { detail: error.detail }),
    ...(error.instance !== undefined && { instance: error.instance }),
    ...(error.errors !== undefined && { errors: error.errors }),
    extensions: error.extensions,
    headers: error.headers,
  });
}
