import { assertErrorStatus, assertUriReference } from './_members.js';
import { setMember, toJsonValue, type JsonValue } from './_safe-json.js';
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

/**
 * The longest `detail` sent, in UTF-16 code units; a longer one is cut and ends with `…`.
 * Keeps a huge message (a dumped payload, a stack) from bloating every error response. Not
 * exported from the package.
 */
export const MAX_DETAIL_LENGTH = 4096;

const RESERVED_MEMBERS: ReadonlySet<string> = new Set([
  'type',
  'title',
  'status',
  'detail',
  'instance',
]);

function truncate(value: string, max: number): string {
  if (value.length <= max) return value;
  let end = max - 1;
  const last = value.charCodeAt(end - 1);
  // Never split a surrogate pair: the body must stay well-formed UTF-16.
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${value.slice(0, end)}…`;
}

function isJsonObject(value: JsonValue | undefined): value is { [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Builds the problem details object that {@link problem} sends: reserved members checked,
 * `detail` cut to 4096 UTF-16 code units, extension members made JSON-safe (cycles, `BigInt`,
 * `undefined`, throwing getters), reserved names in `extensions` ignored.
 *
 * @param init - the problem members
 * @returns a plain object for `JSON.stringify`
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
  const { status, type, title, detail, instance, errors, extensions } = init;
  assertErrorStatus(status);
  assertUriReference('type', type);
  assertUriReference('instance', instance);
  const document: ProblemDocument = {
    type: type ?? 'about:blank',
    title: typeof title === 'string' ? title : statusTitle(status),
    status,
  };
  if (typeof detail === 'string') document.detail = truncate(detail, MAX_DETAIL_LENGTH);
  if (instance !== undefined) document.instance = instance;
  if (errors !== undefined) {
    const converted = toJsonValue(errors);
    if (Array.isArray(converted)) document.errors = converted as unknown as ValidationIssue[];
  }
  const members = toJsonValue(extensions);
  if (isJsonObject(members)) {
    for (const key of Object.keys(members)) {
      if (RESERVED_MEMBERS.has(key) || (key === 'errors' && document.errors !== undefined))
        continue;
      setMember(document, key, members[key]);
    }
  }
  return document;
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
export function problem(init: ProblemInit, options: ProblemResponseOptions = {}): Response {
  const document = problemDocument(init);
  const mediaType = options.mediaType ?? PROBLEM_JSON;
  const headers = new Headers(init.headers);
  headers.set('Content-Type', mediaType);
  // A body built for another representation must not keep its length or coding.
  headers.delete('Content-Length');
  headers.delete('Content-Encoding');
  return new Response(JSON.stringify(document), { status: document.status, headers });
}

function registeredTitle(error: HttpError, registry: ProblemTypeRegistry | undefined): string {
  const title = error.title;
  if (registry === undefined || title !== statusTitle(error.status)) return title;
  return registry.get(error.type)?.title ?? title;
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
  const instance = error.instance ?? options.instance;
  // Converted before merging: spreading the raw objects would run (possibly throwing) getters.
  const own = toJsonValue(error.extensions);
  const extra = toJsonValue(options.extensions);
  return problem(
    {
      status: error.status,
      type: error.type,
      title: registeredTitle(error, options.registry),
      ...(error.detail !== undefined && { detail: error.detail }),
      ...(instance !== undefined && { instance }),
      ...(error.errors !== undefined && { errors: error.errors }),
      extensions: { ...(isJsonObject(extra) && extra), ...(isJsonObject(own) && own) },
      headers: error.headers,
    },
    options.mediaType === undefined ? {} : { mediaType: options.mediaType },
  );
}
