import { mergeVary } from '@fielding/core';
import { problemJson } from './_problem-json.js';
import { statusTitle, type HttpError, type ValidationIssue } from './http-error.js';
import type { ProblemTypeRegistry } from './problem-types.js';

/** The members of an RFC 9457 problem details object. */
export interface ProblemInit {
  /** The HTTP status, 400–599; also the response status. */
  status: number;
  /** Problem type URI reference; `about:blank` when omitted. */
  type?: string;
  /** Short summary of the problem type; the status phrase when omitted. */
  title?: string;
  /** Explanation specific to this occurrence; cut to 4096 UTF-16 code units. */
  detail?: string;
  /** URI reference of this occurrence. */
  instance?: string;
  /** Validation problems (`errors` extension). */
  errors?: readonly ValidationIssue[];
  /** Extension members; members named like a reserved member are ignored. */
  extensions?: Readonly<Record<string, unknown>>;
  /** Extra response headers. */
  headers?: HeadersInit;
}

/** A problem details object as sent: the reserved members plus JSON-safe extension members. */
export interface ProblemDocument {
  /** Problem type URI reference (RFC 9457 §3.1.1). */
  type: string;
  /** Short summary of the problem type (§3.1.2). */
  title: string;
  /** The HTTP status of this occurrence (§3.1.3). */
  status: number;
  /** Explanation specific to this occurrence (§3.1.4). */
  detail?: string;
  /** URI reference of this occurrence (§3.1.5). */
  instance?: string;
  /** Validation problems (the `errors` extension). */
  errors?: ValidationIssue[];
  /** Extension members (§3.2), already converted to JSON data. */
  [member: string]: unknown;
}

/** The media types a problem response can be sent as: the same JSON under either label. */
export type ProblemMediaType = 'application/problem+json' | 'application/json';

/** How {@link problem} writes the response. */
export interface ProblemResponseOptions {
  /**
   * The `Content-Type` of the body; `application/json` labels the same JSON for clients that
   * accept only that. Default: `'application/problem+json'`.
   */
  mediaType?: ProblemMediaType;
}

/** How {@link problemFromError} fills in what the error does not say. */
export interface ProblemFromErrorOptions extends ProblemResponseOptions {
  /** `instance` to use when the error has none (the middleware passes the request path). */
  instance?: string;
  /** Extension members to add where the error has no member of that name (e.g. a trace id). */
  extensions?: Readonly<Record<string, unknown>>;
  /** Registered problem types: an error of a registered type with the default status phrase as
   *  title gets the registered title. */
  registry?: ProblemTypeRegistry;
}

/**
 * The media type of RFC 9457 problem details in JSON.
 *
 * @example
 * ```ts
 * import { PROBLEM_JSON, notFound, problemFromError } from '@fielding/problem-errors';
 *
 * problemFromError(notFound()).headers.get('content-type') === PROBLEM_JSON; // true
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9457#section-6.1
 */
export const PROBLEM_JSON = 'application/problem+json';

// The headers of a problem answer without headers of its own: shared records, read by the
// Response constructor, instead of a Headers object built, copied and edited per answer.
const PROBLEM_JSON_HEADERS = { 'content-type': PROBLEM_JSON } as const;
const JSON_HEADERS = { 'content-type': 'application/json' } as const;
const PROBLEM_JSON_VARY_HEADERS = { 'content-type': PROBLEM_JSON, vary: 'Accept' } as const;
const JSON_VARY_HEADERS = { 'content-type': 'application/json', vary: 'Accept' } as const;

/**
 * Builds the problem details object that {@link problem} sends: reserved members checked,
 * `detail` cut to 4096 UTF-16 code units, extension members made JSON-safe (cycles, `BigInt`,
 * `undefined`, throwing getters), reserved names in `extensions` ignored.
 *
 * @param init - the problem members
 * @returns the object a client parses from {@link problem}'s body
 * @throws RangeError when `status` is not an integer from 400 to 599; TypeError when `type` or
 *   `instance` is not a URI reference
 *
 * @example
 * ```ts
 * import { problemDocument } from '@fielding/problem-errors';
 *
 * problemDocument({ status: 404 }); // { type: 'about:blank', title: 'Not Found', status: 404 }
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9457#section-3.1
 */
export function problemDocument(init: ProblemInit): ProblemDocument {
  // One writer for the body and the object: the object is what the client will parse.
  return JSON.parse(bodyOf(init)) as ProblemDocument;
}

function bodyOf(init: ProblemInit): string {
  return problemJson(
    init.status,
    init.type,
    init.title,
    init.detail,
    init.instance,
    init.errors,
    init.extensions,
    undefined,
  );
}

/** Whether `headers` adds nothing: absent, an empty record or list, or an empty `Headers`. */
function isEmpty(headers: HeadersInit | undefined): boolean {
  if (headers === undefined) return true;
  if (headers instanceof Headers) return headers.keys().next().done === true;
  if (Array.isArray(headers)) return headers.length === 0;
  if (typeof (headers as Partial<Iterable<unknown>>)[Symbol.iterator] === 'function') return false;
  return Object.keys(headers).length === 0;
}

// Fields a problem body replaces: it is JSON of its own, with no length or coding of another.
const REPLACED = new Set(['content-type', 'content-length', 'content-encoding']);

/**
 * The response for a problem body: the problem's status, `headers` plus the media type, and
 * `Vary: Accept` merged in when the media type was negotiated. The fields go to the Response
 * as pairs — it validates and combines them anyway — instead of through a `Headers` built,
 * copied and edited per answer (issue 22).
 */
function respond(
  body: string,
  status: number,
  headers: HeadersInit | undefined,
  mediaType: ProblemMediaType | undefined,
  varyAccept: boolean,
): Response {
  const json = mediaType === 'application/json';
  if (isEmpty(headers)) {
    const fixed = varyAccept
      ? json
        ? JSON_VARY_HEADERS
        : PROBLEM_JSON_VARY_HEADERS
      : json
        ? JSON_HEADERS
        : PROBLEM_JSON_HEADERS;
    return new Response(body, { status, headers: fixed });
  }
  // Headers complete before the Response exists: @hono/node-server 1.x copies a response from
  // the `headers` it was built with and loses what was set on it afterwards.
  const fields: Array<[string, string]> = [];
  let vary: string | null = null;
  const visit = (name: string, value: string): void => {
    const lower = name.toLowerCase();
    if (REPLACED.has(lower)) return;
    if (lower === 'vary' && varyAccept) {
      // Repeated fields read as one list, as `Headers.get` combines them.
      vary = vary === null ? value : `${vary}, ${value}`;
      return;
    }
    fields.push([name, value]);
  };
  if (typeof (headers as Partial<Iterable<unknown>>)[Symbol.iterator] === 'function') {
    for (const pair of headers as Iterable<readonly string[]>) {
      if (pair.length !== 2) {
        throw new TypeError('Headers init: each header must be a [name, value] pair.');
      }
      visit(String(pair[0]), String(pair[1]));
    }
  } else {
    const record = headers as Record<string, string>;
    for (const name of Object.keys(record)) visit(name, String(record[name]));
  }
  if (varyAccept) fields.push(['vary', vary === null ? 'Accept' : mergeVary(vary, 'Accept')]);
  fields.push(['content-type', json ? 'application/json' : PROBLEM_JSON]);
  return new Response(body, { status, headers: fields });
}

/** {@link problem} for the middleware, which negotiated the media type (so varies on Accept). */
export function problemResponse(
  init: ProblemInit,
  mediaType: ProblemMediaType,
  varyAccept: boolean,
): Response {
  return respond(bodyOf(init), init.status, init.headers, mediaType, varyAccept);
}

/**
 * Builds an `application/problem+json` response (RFC 9457).
 *
 * @param init - the problem members and extra headers
 * @param options - the media type of the body
 * @returns a `Response` whose status equals `init.status` and the body's `status` member
 * @throws RangeError / TypeError as {@link problemDocument} does
 *
 * @example
 * ```ts
 * import { problem } from '@fielding/problem-errors';
 *
 * const response = problem({ status: 404, detail: 'No blog 7.' });
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9457#section-3
 */
export function problem(init: ProblemInit, options?: ProblemResponseOptions): Response {
  return respond(bodyOf(init), init.status, init.headers, options?.mediaType, false);
}

function registeredTitle(error: HttpError, registry: ProblemTypeRegistry | undefined): string {
  const title = error.title;
  if (registry === undefined || title !== statusTitle(error.status)) return title;
  return registry.get(error.type)?.title ?? title;
}

/**
 * The response for an error: what {@link problemFromError} and the middleware send. `instance`
 * and `extra` fill in what the error lacks; the error's own members win. `varyAccept` merges
 * `Vary: Accept` in, for a negotiated media type.
 */
export function errorResponse(
  error: HttpError,
  mediaType: ProblemMediaType | undefined,
  instance: string | undefined,
  extra: Readonly<Record<string, unknown>> | undefined,
  registry: ProblemTypeRegistry | undefined,
  varyAccept: boolean,
): Response {
  const status = error.status;
  const body = problemJson(
    status,
    error.type,
    registeredTitle(error, registry),
    error.detail,
    error.instance ?? instance,
    error.errors,
    error.extensions,
    extra,
  );
  return respond(body, status, error.headers, mediaType, varyAccept);
}

/**
 * Turns an {@link HttpError} into its problem response.
 *
 * @param error - the error to render
 * @param options - media type, and the `instance` and extension members to use where the error
 *   has none
 * @returns the problem response, with the error's headers
 * @throws RangeError / TypeError as {@link problemDocument} does, for a foreign error object
 *
 * @example
 * ```ts
 * import { HttpError, problemFromError } from '@fielding/problem-errors';
 *
 * const response = problemFromError(new HttpError(410));
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9457#section-3
 */
export function problemFromError(
  error: HttpError,
  options: ProblemFromErrorOptions = {},
): Response {
  return errorResponse(
    error,
    options.mediaType,
    options.instance,
    options.extensions,
    options.registry,
    false,
  );
}
