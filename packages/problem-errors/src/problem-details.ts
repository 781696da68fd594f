import { requestInstance, type Middleware } from '@fielding/core';
import { describeThrown } from './_describe-thrown.js';
import { isHttpError } from './http-error.js';
import { negotiateProblemMediaType } from './_problem-media-type.js';
import { errorResponse, problemResponse, type ProblemMediaType } from './problem.js';
import type { ProblemTypeRegistry } from './problem-types.js';
import { traceId } from './_trace-id.js';

/**
 * The `detail` of a 500 made from an error that is not an {@link HttpError}. It promises no
 * report: a library cannot know that anyone logs (that is what `onError` is for).
 *
 * @example
 * ```ts
 * import { INTERNAL_ERROR_DETAIL } from '@fielding/problem-errors';
 *
 * INTERNAL_ERROR_DETAIL; // 'The server could not complete the request.'
 * ```
 */
export const INTERNAL_ERROR_DETAIL = 'The server could not complete the request.';

/**
 * The request headers {@link problemDetails} takes a trace id from, in order: W3C Trace Context's
 * `traceparent` (its trace-id), then request ids of 1–128 visible ASCII characters.
 *
 * @example
 * ```ts
 * import { TRACE_HEADERS, problemDetails } from '@fielding/problem-errors';
 *
 * problemDetails({ traceHeaders: [...TRACE_HEADERS, 'cf-ray'] });
 * ```
 * @see https://www.w3.org/TR/trace-context/#traceparent-header
 */
export const TRACE_HEADERS: readonly string[] = ['traceparent', 'x-request-id', 'x-correlation-id'];

/** What {@link ProblemDetailsOptions.onError} learns about a failure. */
export interface ProblemErrorContext {
  /** The request that failed. */
  request: Request;
  /** The status of the problem response sent. */
  status: number;
  /** Whether the thrown value was an {@link HttpError} sent as given. */
  expected: boolean;
}

/** Options of {@link problemDetails}. */
export interface ProblemDetailsOptions {
  /**
   * Adds an `exception` member (name, message, stack, causes) to 500s made from unknown errors.
   * Never enable in production: it exposes internals. Default: `false`.
   */
  development?: boolean;
  /**
   * Called with everything thrown below the middleware (also `HttpError`s; check
   * `context.status >= 500` to report only server faults). Not awaited; what it throws or
   * rejects with is ignored. Default: none.
   */
  onError?: (error: unknown, context: ProblemErrorContext) => void | Promise<void>;
  /**
   * The `instance` of problems that have none: a function of the request, or `false` for none.
   * Default: the request path as a URI reference (`requestInstance` from `@fielding/core`).
   */
  instance?: false | ((request: Request) => string | undefined);
  /**
   * Request headers to take a trace id from, in order; `[]` for none.
   * Default: {@link TRACE_HEADERS}.
   */
  traceHeaders?: readonly string[];
  /** Name of the extension member that carries the trace id. Default: `'traceId'`. */
  traceMember?: string;
  /** Problem types whose registered title replaces the default status phrase. Default: none. */
  registry?: ProblemTypeRegistry;
  /** `detail` of 500s made from unknown errors. Default: {@link INTERNAL_ERROR_DETAIL}. */
  internalDetail?: string;
}

function report(
  onError: NonNullable<ProblemDetailsOptions['onError']>,
  error: unknown,
  context: ProblemErrorContext,
): void {
  try {
    const result = onError(error, context);
    if (result instanceof Promise) result.catch(() => undefined);
  } catch {
    // A failing logger must not turn a problem response into a crash.
  }
}

function withoutBody(response: Response): Response {
  return new Response(null, { status: response.status, headers: response.headers });
}

/**
 * A middleware that turns anything thrown or rejected below it into an RFC 9457 problem
 * response: an {@link HttpError} as given (with its headers); anything else as a 500 with a
 * generic `detail` — never the message, stack or paths of the original, which goes to `onError`.
 * Fills in `instance` (the request path) and a trace id member, negotiates the body's media type
 * and sends no body to `HEAD`.
 *
 * @param options - reporting, development mode, instance, trace id and registry
 * @returns the middleware
 *
 * @example
 * ```ts
 * import { compose } from '@fielding/core';
 * import { notFound, problemDetails } from '@fielding/problem-errors';
 *
 * const handler = compose(problemDetails({ onError: (error, { status }) => { if (status >= 500) console.error(error); } }))(
 *   () => { throw notFound({ detail: 'No blog 7.' }); },
 * );
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9457#section-3
 */
export function problemDetails(options: ProblemDetailsOptions = {}): Middleware {
  const development = options.development ?? false;
  const instanceOf =
    options.instance === false ? () => undefined : (options.instance ?? requestInstance);
  const traceHeaders = options.traceHeaders ?? TRACE_HEADERS;
  const traceMember = options.traceMember ?? 'traceId';
  const internalDetail = options.internalDetail ?? INTERNAL_ERROR_DETAIL;
  const registry = options.registry;
  const onError = options.onError;

  function render(thrown: unknown, request: Request, mediaType: ProblemMediaType): Response {
    const instance = instanceOf(request);
    const id = traceHeaders.length === 0 ? undefined : traceId(request, traceHeaders);
    const extensions = id === undefined ? undefined : { [traceMember]: id };
    if (isHttpError(thrown)) {
      try {
        const response = errorResponse(thrown, mediaType, instance, extensions, registry, true);
        if (onError !== undefined) {
          report(onError, thrown, { request, status: response.status, expected: true });
        }
        return response;
      } catch {
        // A foreign or malformed HttpError (bad status, type or getters): answer as unknown.
      }
    }
    if (onError !== undefined) report(onError, thrown, { request, status: 500, expected: false });
    return problemResponse(
      {
        status: 500,
        detail: internalDetail,
        ...(instance !== undefined && { instance }),
        extensions: {
          ...extensions,
          ...(development && { exception: describeThrown(thrown) }),
        },
      },
      mediaType,
      true,
    );
  }

  function answer(thrown: unknown, request: Request): Response {
    const mediaType = negotiateProblemMediaType(request.headers.get('Accept'));
    let response: Response;
    try {
      response = render(thrown, request, mediaType);
    } catch {
      // Only a broken `instance` option or trace member can get here; keep the answer minimal.
      response = problemResponse({ status: 500, detail: internalDetail }, mediaType, true);
    }
    return request.method === 'HEAD' ? withoutBody(response) : response;
  }

  // Not an async function: a response that is already there passes through without a promise
  // and a microtask per layer (issue 22); one that is awaited is answered the same way.
  return function problemDetailsMiddleware(request, next) {
    let result: Response | Promise<Response>;
    try {
      result = next(request);
    } catch (thrown) {
      return answer(thrown, request);
    }
    if (!isThenable(result)) return result;
    return Promise.resolve(result).then(undefined, (thrown: unknown) => answer(thrown, request));
  };
}

function isThenable(value: unknown): value is PromiseLike<Response> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}
