/**
 * RFC 9457 problem details for every error a Fielding API returns: {@link HttpError} and a helper
 * per status, {@link problem} responses, validation issues from Ajv, a middleware
 * that never leaks internals, and a typed registry of an API's problem types.
 *
 * @module @fielding/problem-errors
 */
export {
  HttpError,
  isHttpError,
  statusTitle,
  type HttpErrorInit,
  type ValidationIssue,
} from './http-error.js';
export {
  PROBLEM_JSON,
  problem,
  problemDocument,
  problemFromError,
  type ProblemDocument,
  type ProblemInit,
} from './problem.js';
export { parseProblem, type ParsedProblem } from './parse-problem.js';
export {
  badRequest,
  conflict,
  contentTooLarge,
  failedDependency,
  forbidden,
  gone,
  insufficientStorage,
  internalServerError,
  locked,
  methodNotAllowed,
  notAcceptable,
  notFound,
  notImplemented,
  preconditionFailed,
  preconditionRequired,
  serviceUnavailable,
  tooManyRequests,
  unauthorized,
  unprocessableContent,
  unsupportedMediaType,
  type AuthChallenge,
} from './status-errors.js';
export {
  MAX_ISSUES,
  issueCollector,
  issuesFromAjv,
  validationError,
  type AjvErrorLike,
  type IssueCollector,
  type IssueLocation,
} from './validation-issues.js';
export {
  INTERNAL_ERROR_DETAIL,
  TRACE_HEADERS,
  problemDetails,
  type ProblemDetailsOptions,
  type ProblemErrorContext,
} from './problem-details.js';
export {
  createProblemTypeRegistry,
  defineProblemType,
  type ProblemType,
  type ProblemTypeInfo,
  type ProblemTypeRegistry,
} from './problem-types.js';
