import { METHODS } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest, HTTPMethods } from 'fastify';
import { HTTP_METHODS } from '@fielding/core';
import {
  INTERNAL_ERROR_DETAIL,
  isHttpError,
  issuesFromAjv,
  problem,
  problemFromError,
  validationError,
  type AjvErrorLike,
  type IssueLocation,
} from '@fielding/problem-errors';
import type { FastifyErrorHandler, FastifyHandler } from './types.js';
import { sendResponse } from './_write-response.js';

// What Fastify answers its own way — its 404, a bad URL, its parsers' and validators' errors,
// errors routes throw — as RFC 9457 problems. Nothing of Fastify's message or code is sent for
// its own errors: the messages name internals ("content-type is set to 'application/json'").

/** The methods every app knows without a route for them: RFC 9110's and PATCH. */
export const STANDARD_METHODS: ReadonlySet<string> = new Set(HTTP_METHODS);

/** Fastify's own errors a client causes, with the status and detail that answer them. */
const CLIENT_ERRORS = new Map<string, readonly [number, string]>([
  [
    'FST_ERR_BAD_URL',
    [400, 'The request target holds a malformed percent-escape or one that is not UTF-8.'],
  ],
  ['FST_ERR_CTP_INVALID_MEDIA_TYPE', [415, 'This resource does not accept content of this type.']],
  [
    'FST_ERR_CTP_BODY_TOO_LARGE',
    [413, 'The request content is larger than this resource accepts.'],
  ],
  [
    'FST_ERR_CTP_INVALID_CONTENT_LENGTH',
    [400, 'The request content is not as long as its Content-Length says.'],
  ],
  ['FST_ERR_CTP_EMPTY_JSON_BODY', [400, 'The request content is empty, but its type says JSON.']],
  ['FST_ERR_CTP_INVALID_JSON_BODY', [400, 'The request content is not valid JSON.']],
  ['FST_ERR_VALIDATION', [400, 'The request is not valid.']],
]);

/** Codes of errors that are Fastify's or Node's own: their messages are not for clients. */
const INTERNAL_CODE = /^(?:FST_ERR_|ERR_|HPE_|E[A-Z]+$)/;

/** The parts of a thrown value this module reads, all optional. */
interface ErrorLike {
  code?: unknown;
  statusCode?: unknown;
  status?: unknown;
  message?: unknown;
  expose?: unknown;
  errno?: unknown;
  syscall?: unknown;
  validation?: unknown;
  validationContext?: unknown;
}

const LOCATIONS = new Map<unknown, IssueLocation>([
  ['body', 'body'],
  ['querystring', 'query'],
  ['params', 'query'],
  ['headers', 'header'],
]);

function isErrorStatus(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 400 && (value as number) <= 599;
}

function ajvErrors(validation: readonly unknown[]): AjvErrorLike[] {
  const errors: AjvErrorLike[] = [];
  for (const entry of validation) {
    if (typeof entry !== 'object' || entry === null) continue;
    const { keyword, instancePath, params, message } = entry as Record<string, unknown>;
    errors.push({
      keyword: typeof keyword === 'string' ? keyword : '',
      instancePath: typeof instancePath === 'string' ? instancePath : '',
      params:
        typeof params === 'object' && params !== null ? (params as Record<string, unknown>) : {},
      message: typeof message === 'string' ? message : undefined,
    });
  }
  return errors;
}

/** A schema failure of Fastify's validator: 400 with an `errors` entry per Ajv error. */
function validationProblem(error: ErrorLike, validation: readonly unknown[]): Response {
  const location = LOCATIONS.get(error.validationContext) ?? 'body';
  return problemFromError(
    validationError(issuesFromAjv(ajvErrors(validation), { in: location }), { status: 400 }),
  );
}

function bodyLimit(request: FastifyRequest): number | undefined {
  const limit = (request as { routeOptions?: { bodyLimit?: unknown } }).routeOptions?.bodyLimit;
  return typeof limit === 'number' ? limit : undefined;
}

/**
 * The problem that answers `error`: an `HttpError` as itself; Fastify's 404 as
 * {@link notFoundResponse}; a schema failure as 400 with `errors`; Fastify's own client errors
 * with a detail of ours; another error with a 4xx `statusCode` (or `status`) with its message,
 * unless it is Node's or Fastify's own; anything else as a 500 that says nothing about it.
 */
export function errorResponse(
  error: unknown,
  request: FastifyRequest,
  reply: FastifyReply,
  known: ReadonlySet<string>,
): Response {
  if (isHttpError(error)) return problemFromError(error);
  const fault = (typeof error === 'object' && error !== null ? error : {}) as ErrorLike;
  const code = typeof fault.code === 'string' ? fault.code : '';
  if (code === 'FST_ERR_NOT_FOUND') return notFoundResponse(request, known);
  if (Array.isArray(fault.validation)) return validationProblem(fault, fault.validation);
  const own = CLIENT_ERRORS.get(code);
  if (own !== undefined) {
    const [status, detail] = own;
    const limit = status === 413 ? bodyLimit(request) : undefined;
    return problem({
      status,
      detail:
        limit === undefined
          ? detail
          : `The request content is larger than the ${limit} bytes this resource accepts.`,
    });
  }
  const declared = isErrorStatus(fault.statusCode)
    ? fault.statusCode
    : isErrorStatus(fault.status)
      ? fault.status
      : undefined;
  // Fastify's other errors are the app's faults (a bad schema, a serialiser that failed).
  const fallback = isErrorStatus(reply.statusCode) ? reply.statusCode : 500;
  const status = code.startsWith('FST_ERR_') ? 500 : (declared ?? fallback);
  if (status >= 500) return problem({ status, detail: INTERNAL_ERROR_DETAIL });
  // Fastify 4's JSON parser rejects with the SyntaxError of JSON.parse, which quotes the content.
  if (error instanceof SyntaxError) {
    return problem({ status, detail: 'The request content could not be parsed.' });
  }
  // A client error the app declared (http-errors, @fastify/sensible, `statusCode` on an Error)
  // says what the client did wrong, as Fastify would send it; Node's own errors do not.
  const exposed =
    declared !== undefined &&
    fault.expose !== false &&
    fault.errno === undefined &&
    fault.syscall === undefined &&
    !INTERNAL_CODE.test(code) &&
    typeof fault.message === 'string' &&
    fault.message !== '';
  return problem({
    status,
    detail: exposed ? (fault.message as string) : 'The request could not be processed.',
  });
}

// RFC 9110 §10.2.1 lists no order; this is the core router's, so both answer alike.
const ALLOW_ORDER = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** An `Allow` value: GET brings HEAD, OPTIONS always (the not-found handler answers it). */
export function formatAllow(methods: Iterable<string>): string {
  const set = new Set(methods);
  if (set.has('GET')) set.add('HEAD');
  set.delete('OPTIONS');
  const ordered = ALLOW_ORDER.filter((method) => set.has(method));
  const others = [...set].filter((method) => !ALLOW_ORDER.includes(method)).sort();
  return [...ordered, ...others, 'OPTIONS'].join(', ');
}

/** The methods some route of the app answers at `path` (a concrete path, no query). */
function methodsAt(server: FastifyInstance, path: string): Set<string> {
  const candidates =
    (server as { supportedMethods?: readonly string[] }).supportedMethods ?? METHODS;
  const allowed = new Set<string>();
  for (const method of candidates) {
    try {
      if (server.findRoute({ method: method as HTTPMethods, url: path }) !== null) {
        allowed.add(method);
      }
    } catch {
      // A path the router cannot decode has no routes.
    }
  }
  return allowed;
}

/**
 * What answers a request no route matched, in the core router's order (RFC 9110): the
 * asterisk-form target → 204 for `OPTIONS` (the server's methods), else 400; a method the
 * server implements nowhere → 501 (§15.6.2); a path no route serves → 404; `OPTIONS` on a path
 * that exists → 204 with `Allow`; another method → 405 with `Allow` (§15.5.6).
 */
export function notFoundResponse(request: FastifyRequest, known: ReadonlySet<string>): Response {
  const { method, url } = request;
  if (url === '*') {
    if (method !== 'OPTIONS') {
      return problem({
        status: 400,
        detail: 'The asterisk-form request target is only for OPTIONS.',
      });
    }
    const served = [...known].filter((name) => name !== 'CONNECT' && name !== 'TRACE');
    return new Response(null, { status: 204, headers: { Allow: formatAllow(served) } });
  }
  if (!known.has(method)) {
    return problem({
      status: 501,
      detail: `The method ${method} is not implemented by this server.`,
    });
  }
  const query = url.indexOf('?');
  const path = query === -1 ? url : url.slice(0, query);
  const allowed = methodsAt(request.server, path);
  if (allowed.size === 0) {
    return problem({ status: 404, detail: `No resource at ${method} ${url}.` });
  }
  const allow = formatAllow(allowed);
  if (method === 'OPTIONS') {
    return new Response(null, { status: 204, headers: { Allow: allow } });
  }
  return problem({
    status: 405,
    detail: `${method} is not allowed on ${path}; use ${allow}.`,
    headers: { Allow: allow },
  });
}

/** Logs as Fastify's default error handler does: server faults as errors, the rest as info. */
function logError(request: FastifyRequest, error: unknown, status: number): void {
  const message = error instanceof Error ? error.message : 'request failed';
  if (status >= 500) request.log.error({ err: error }, message);
  else request.log.info({ err: error }, message);
}

/** The error handler of `httpErrorHandler`, for a set of known methods. */
export function errorHandlerFor(known: ReadonlySet<string>): FastifyErrorHandler {
  return function fieldingProblemErrors(
    error: unknown,
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<FastifyReply> {
    const response = errorResponse(error, request, reply, known);
    logError(request, error, response.status);
    return sendResponse(reply, response);
  };
}

/** The not-found handler of `notFoundHandler`, for a set of known methods. */
export function notFoundHandlerFor(known: ReadonlySet<string>): FastifyHandler {
  return function fieldingNotFound(
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<FastifyReply> {
    return sendResponse(reply, notFoundResponse(request, known));
  };
}
