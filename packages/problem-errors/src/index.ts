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
  MAX_DETAIL_LENGTH,
  PROBLEM_JSON,
  problem,
  problemDocument,
  problemFromError,
  type ProblemDocument,
  type ProblemFromErrorOptions,
  type ProblemInit,
  type ProblemMediaType,
  type ProblemResponseOptions,
} from './problem.js';
export { parseProblem, type ParsedProblem } from './parse-problem.js';
export {
  badRequest,
  conflict,
  contentTooLarge,
  failedDependency,
  forbidden,
  formatRetryAfter,
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
  type RetryAfter,
  type RetryAfterInit,
  type UnsupportedMediaTypeInit,
} from './status-errors.js';
export {
  MAX_ISSUES,
  issueCollector,
  issuesFromAjv,
  validationError,
  type AjvErrorLike,
  type IssueCollector,
  type IssueLocation,
  type IssuesFromAjvOptions,
  type ValidationErrorInit,
} from './validation-issues.js';
export {
  INTERNAL_ERROR_DETAIL,
  TRACE_HEADERS,
  problemDetails,
  type ProblemDetailsOptions,
  type ProblemErrorContext,
} from './problem-details.js';
export {
  VALIDATION_ISSUES_SCHEMA,
  createProblemTypeRegistry,
  defineProblemType,
  type ProblemMembers,
  type ProblemType,
  type ProblemTypeDefinition,
  type ProblemTypeInfo,
  type ProblemTypeInit,
  type ProblemTypeRegistry,
  type SchemaValue,
} from './problem-types.js';
