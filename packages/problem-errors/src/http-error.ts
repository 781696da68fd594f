import { assertErrorStatus, assertUriReference } from './_members.js';

/** One entry of the `errors` extension: what is wrong and where in the request. */
export interface ValidationIssue {
  /** Human-readable explanation of this one problem. */
  detail: string;
  /** RFC 6901 JSON Pointer into the request body, e.g. `/title`. */
  pointer?: string;
  /** Name of the offending query parameter. */
  parameter?: string;
  /** Name of the offending request header. */
  header?: string;
}

/** What an {@link HttpError} carries besides its status. */
export interface HttpErrorInit {
  /** Problem type URI reference; `about:blank` when omitted. */
  type?: string;
  /** Short summary of the problem type; the status phrase when omitted. */
  title?: string;
  /** Explanation specific to this occurrence. */
  detail?: string;
  /** URI reference of this occurrence; the middleware fills in the request path. */
  instance?: string;
  /** Validation problems, serialised as the `errors` extension member. */
  errors?: readonly ValidationIssue[];
  /** Extension members, serialised beside the standard ones. */
  extensions?: Readonly<Record<string, unknown>>;
  /** Response headers the status needs (`Allow`, `Retry-After`, `WWW-Authenticate`, …). */
  headers?: HeadersInit;
  /** The underlying error, kept for logging; never sent to the client. */
  cause?: unknown;
}

// `Error.stackTraceLimit` is V8's (Node, Deno, Chromium) and JavaScriptCore's (Bun); elsewhere,
// or where it is frozen, the stack is left as the engine makes it.
const stackLimitWritable =
  Object.getOwnPropertyDescriptor(Error, 'stackTraceLimit')?.writable === true;
const errorWithLimit = Error as { stackTraceLimit?: number };

function quietStack(status: number): number | undefined {
  if (status >= 500 || !stackLimitWritable) return undefined;
  const limit = errorWithLimit.stackTraceLimit;
  errorWithLimit.stackTraceLimit = 0;
  return limit;
}

function restoreStack(limit: number | undefined): void {
  if (limit !== undefined) errorWithLimit.stackTraceLimit = limit;
}

/**
 * An HTTP error status with its RFC 9457 problem details. Throw it anywhere below the
 * problem middleware and the client receives it as `application/problem+json`.
 *
 * @example
 * ```ts
 * import { HttpError } from '@fielding/problem-errors';
 *
 * throw new HttpError(409, { detail: 'Article 7 was changed by someone else.' });
 * ```
 */
export class HttpError extends Error {
  /** Always `HttpError`; {@link isHttpError} compares it to recognise copies from other realms. */
  override name = 'HttpError' as const;
  /** The HTTP status code, 400–599. */
  readonly status: number;
  /** Problem type URI reference. */
  readonly type: string;
  /** Short summary of the problem type. */
  readonly title: string;
  /** Explanation specific to this occurrence, if any. */
  readonly detail: string | undefined;
  /** URI reference of this occurrence, if any. */
  readonly instance: string | undefined;
  /** Validation problems, if any. */
  readonly errors: readonly ValidationIssue[] | undefined;
  /** Extension members. */
  readonly extensions: Readonly<Record<string, unknown>>;
  /** Headers to send with the problem response. */
  readonly headers: Headers;

  /**
   * @param status - the HTTP status, an integer from 400 to 599
   * @param init - the problem members, headers and cause
   * @throws RangeError when `status` is not an error status; TypeError when `type` or
   *   `instance` is not a URI reference (RFC 3986 §4.1) — both are programming errors
   */
  constructor(status: number, init: HttpErrorInit = {}) {
    assertErrorStatus(status);
    assertUriReference('type', init.type);
    assertUriReference('instance', init.instance);
    const title = init.title ?? statusTitle(status);
    // A 4xx is an answer to the client, not a fault of the server: V8 captures and formats its
    // stack eagerly, which costs more than the rest of the error and helps no one reading a
    // log. 5xx errors keep their stack.
    const limit = quietStack(status);
    super(`${status} ${title}${init.detail ? `: ${init.detail}` : ''}`, { cause: init.cause });
    restoreStack(limit);
    this.status = status;
    this.type = init.type ?? 'about:blank';
    this.title = title;
    this.detail = init.detail;
    this.instance = init.instance;
    this.errors = init.errors;
    this.extensions = init.extensions ?? {};
    this.headers = new Headers(init.headers);
  }
}

/**
 * Tells whether a value is an {@link HttpError}, also across realms and package copies, where
 * `instanceof` fails.
 *
 * @param value - anything that was thrown
 * @returns true for an `HttpError`
 *
 * @example
 * ```ts
 * import { isHttpError } from '@fielding/problem-errors';
 *
 * try { JSON.parse('{'); } catch (error) { console.log(isHttpError(error)); } // false
 * ```
 */
export function isHttpError(value: unknown): value is HttpError {
  try {
    // `instanceof` runs a Proxy's getPrototypeOf trap, so it belongs inside the try too.
    if (value instanceof HttpError) return true;
    return (
      typeof value === 'object' &&
      value !== null &&
      (value as { name?: unknown }).name === 'HttpError' &&
      typeof (value as { status?: unknown }).status === 'number'
    );
  } catch {
    // A hostile getter or trap means it is not one of ours.
    return false;
  }
}

const TITLES: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  402: 'Payment Required',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  407: 'Proxy Authentication Required',
  408: 'Request Timeout',
  409: 'Conflict',
  410: 'Gone',
  411: 'Length Required',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  416: 'Range Not Satisfiable',
  417: 'Expectation Failed',
  421: 'Misdirected Request',
  422: 'Unprocessable Content',
  423: 'Locked',
  424: 'Failed Dependency',
  425: 'Too Early',
  426: 'Upgrade Required',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  451: 'Unavailable For Legal Reasons',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
  505: 'HTTP Version Not Supported',
  507: 'Insufficient Storage',
  508: 'Loop Detected',
  511: 'Network Authentication Required',
};

/**
 * The reason phrase of an HTTP status (RFC 9110 §15, RFC 6585, RFC 4918).
 *
 * @param status - an HTTP status code
 * @returns its phrase, or `Error` for a code without one
 *
 * @example
 * ```ts
 * import { statusTitle } from '@fielding/problem-errors';
 *
 * statusTitle(412); // 'Precondition Failed'
 * ```
 */
export function statusTitle(status: number): string {
  return TITLES[status] ?? (status >= 500 ? 'Server Error' : 'Client Error');
}
