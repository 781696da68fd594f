// What Express and its ecosystem throw, as RFC 9457 problems. Express's router marks a URIError
// from a malformed parameter with `status`/`statusCode` 400; body-parser and raw-body throw
// http-errors objects (`status`, `statusCode`, `expose`, `type`, and `body`, `limit`, …); a
// route may throw anything. Express's own answer to all of them is an HTML page that carries
// the stack unless NODE_ENV is `production`. Here a 4xx keeps its status and gets a detail that
// is either written for the client or a generic sentence; everything else is a bare 500.
import {
  INTERNAL_ERROR_DETAIL,
  isHttpError,
  problem,
  problemFromError,
  statusTitle,
  type ProblemInit,
} from '@fielding/problem-errors';

/** Reads a member without letting a throwing getter or a Proxy trap escape. */
function read(value: object, key: string): unknown {
  try {
    return (value as Record<string, unknown>)[key];
  } catch {
    return undefined;
  }
}

/** The sentence a 4xx gets when the error has none fit for the client. */
const GENERIC_DETAILS: ReadonlyMap<number, string> = new Map([
  [400, 'The request is not valid.'],
  [401, 'The request lacks valid credentials for this resource.'],
  [403, 'The server refuses to carry out the request.'],
  [404, 'No resource matches the request.'],
  [405, 'The method is not allowed on this resource.'],
  [406, 'No representation of the resource is acceptable to the client.'],
  [408, 'The request was not received in time.'],
  [409, 'The request conflicts with the current state of the resource.'],
  [410, 'The resource is gone.'],
  [411, 'The request must carry a Content-Length.'],
  [412, 'A precondition of the request is not met.'],
  [413, 'The request content is larger than the server accepts.'],
  [414, 'The request target is longer than the server accepts.'],
  [415, 'The request content is in a format or coding the server does not accept.'],
  [416, 'The requested range cannot be satisfied.'],
  [422, 'The request content is well-formed but cannot be processed.'],
  [428, 'The request must be conditional.'],
  [429, 'Too many requests; try again later.'],
  [431, 'The request header fields are too large.'],
]);
const OTHER_CLIENT_ERROR = 'The server cannot process the request as sent.';

/** body-parser's and raw-body's error `type`s, with the detail each is answered with. */
const BODY_DETAILS: ReadonlyMap<string, string> = new Map([
  ['charset.unsupported', 'The charset of the request content is not supported.'],
  ['encoding.unsupported', 'The Content-Encoding of the request content is not supported.'],
  ['parameters.too.many', 'The request content has more parameters than the server accepts.'],
  ['querystring.parse.rangeError', 'The request content is nested deeper than the server accepts.'],
  ['request.aborted', 'The request content ended before its declared length.'],
  ['request.size.invalid', 'The request content is not as long as its Content-Length says.'],
]);

/** The longest error message that may become a `detail`. */
const MAX_MESSAGE_LENGTH = 200;

/** Signs that a message was written for a log, not for the client. */
const INTERNALS: readonly RegExp[] = [
  /\p{Cc}/u, // a newline (a stack) or another control character
  /:\d+:\d+|<anonymous>|\.[cm]?[jt]sx?:\d+|\bnode:/, // a stack frame or source position
  /node_modules|file:|[a-z]:\\|\/(?:home|root|usr|var|tmp|opt|srv|etc|app|work|users|private|proc|mnt)\//i,
  /(?:ERR|HPE|FST)_|\b[A-Z][A-Z\d]*_[A-Z\d_]{2,}/, // an error code: ERR_…, HPE_…, Z_DATA_ERROR
  /\bE[A-Z]{3,}\b/, // an errno name: ENOENT, ECONNREFUSED
  /(?:SELECT|INSERT INTO|UPDATE \S+ SET|DELETE FROM)\b/, // SQL
  /(?:select|insert|update|delete)\b[\s\S]+\b(?:from|into|set|where)\b/i,
  /syntax error at or near|relation "/i, // PostgreSQL
];

/**
 * Whether an error message may be shown to the client: short, one line, and without a stack
 * frame, a file path, an error code or SQL. A false "no" only costs a generic detail.
 */
export function isSafeMessage(message: unknown): message is string {
  return (
    typeof message === 'string' &&
    message.length > 0 &&
    message.length <= MAX_MESSAGE_LENGTH &&
    !INTERNALS.some((pattern) => pattern.test(message))
  );
}

/**
 * The 4xx status an http-errors-style error asks for, or `undefined`. Only errors made to be
 * answered count: http-errors sets a boolean `expose`, Express's router sets `status` and
 * `statusCode` alike. A bare `status` is often another server's (an HTTP client's error), not
 * an answer for this client.
 */
function clientStatus(error: object): number | undefined {
  const status = read(error, 'status');
  const statusCode = read(error, 'statusCode');
  const trusted = typeof read(error, 'expose') === 'boolean' || status === statusCode;
  const value = status ?? statusCode;
  if (!trusted || typeof value !== 'number' || !Number.isInteger(value)) return undefined;
  return value >= 400 && value <= 499 ? value : undefined;
}

function bodyDetail(error: object, type: unknown, message: unknown): string | undefined {
  if (typeof type !== 'string') return undefined;
  if (type === 'entity.too.large') {
    const limit = read(error, 'limit');
    return typeof limit === 'number' && Number.isSafeInteger(limit) && limit > 0
      ? `The request content is larger than the ${limit} bytes this resource accepts.`
      : GENERIC_DETAILS.get(413);
  }
  if (type === 'entity.parse.failed') {
    return isSafeMessage(message)
      ? `The request content could not be parsed: ${message.replace(/\.?$/, '.')}`
      : 'The request content could not be parsed.';
  }
  return BODY_DETAILS.get(type);
}

function clientDetail(error: object, status: number): string {
  const message = read(error, 'message');
  const fromBody = bodyDetail(error, read(error, 'type'), message);
  if (fromBody !== undefined) return fromBody;
  // A wrapped system error (zlib's `Z_DATA_ERROR`, a socket's `ECONNRESET`) keeps its `code`:
  // its message speaks of the server's internals even when http-errors marked it exposed.
  const wrapped = read(error, 'code') !== undefined || read(error, 'errno') !== undefined;
  if (read(error, 'expose') === true && !wrapped && isSafeMessage(message)) {
    if (message !== statusTitle(status)) return message;
  }
  return GENERIC_DETAILS.get(status) ?? OTHER_CLIENT_ERROR;
}

/** The `headers` an http-errors error asks for (`Allow`, `Retry-After`), the valid ones. */
function errorHeaders(error: object): Headers {
  const headers = new Headers();
  const given = read(error, 'headers');
  if (typeof given !== 'object' || given === null) return headers;
  let names: string[];
  try {
    names = Object.keys(given);
  } catch {
    return headers;
  }
  for (const name of names.slice(0, 32)) {
    const value = read(given, name);
    if (typeof value !== 'string' && typeof value !== 'number') continue;
    try {
      headers.set(name, String(value));
    } catch {
      // Not a valid field name or value: leave it out.
    }
  }
  return headers;
}

/** A problem response, with `instance` when it is a URI reference (else without). */
export function problemAt(init: ProblemInit, instance: string | undefined): Response {
  if (instance !== undefined) {
    try {
      return problem({ ...init, instance });
    } catch {
      // The path is not a URI reference: answer without it.
    }
  }
  return problem(init);
}

/**
 * The problem response for anything thrown or passed to `next(error)`: an `HttpError` as it
 * says; an http-errors-style 4xx with its status, its headers, and a detail fit for the client;
 * anything else a 500 that tells nothing of the error.
 *
 * @param error - what was thrown
 * @param instance - the request path, for problems that name none
 */
export function problemForError(error: unknown, instance: string | undefined): Response {
  if (isHttpError(error)) {
    try {
      return problemFromError(error, instance === undefined ? {} : { instance });
    } catch {
      try {
        return problemFromError(error);
      } catch {
        // A foreign or malformed HttpError: answered as an unknown error.
      }
    }
  }
  const status = typeof error === 'object' && error !== null ? clientStatus(error) : undefined;
  if (status === undefined || typeof error !== 'object' || error === null) {
    return problemAt({ status: 500, detail: INTERNAL_ERROR_DETAIL }, instance);
  }
  return problemAt(
    { status, detail: clientDetail(error, status), headers: errorHeaders(error) },
    instance,
  );
}
