/**
 * RFC 9457 problem details for every error a Fielding API returns.
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
export { PROBLEM_JSON, problem, problemFromError, type ProblemInit } from './problem.js';
