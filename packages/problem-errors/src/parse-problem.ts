import { isUriReference } from './_uri-reference.js';

/** A problem details object as a client reads it: reserved members present only when well-typed. */
export interface ParsedProblem {
  /** Problem type URI reference; `about:blank` when absent or not a URI reference (§3.1.1). */
  type: string;
  /** Short summary, when a string. */
  title?: string;
  /** The status the server gave, when an integer from 100 to 599. */
  status?: number;
  /** Explanation of this occurrence, when a string. */
  detail?: string;
  /** URI reference of this occurrence, when one. */
  instance?: string;
  /** Extension members, as received. */
  [member: string]: unknown;
}

/**
 * Reads a received problem details object the way RFC 9457 §3.1 asks of consumers: a reserved
 * member whose value has the wrong type is ignored, not rejected, and `type` defaults to
 * `about:blank`. Never throws.
 *
 * @param value - the parsed JSON body of an `application/problem+json` response
 * @returns the problem, or `undefined` when `value` is not a JSON object
 *
 * @example
 * ```ts
 * import { parseProblem } from '@fielding/problem-errors';
 *
 * parseProblem({ title: 'x', status: '403' }); // { type: 'about:blank', title: 'x' }
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9457#section-3.1
 */
export function parseProblem(value: unknown): ParsedProblem | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const source = value as Record<string, unknown>;
  const { type, title, status, detail, instance, ...extensions } = source;
  const problem: ParsedProblem = {
    ...extensions,
    type: typeof type === 'string' && isUriReference(type) ? type : 'about:blank',
  };
  if (typeof title === 'string') problem.title = title;
  if (typeof status === 'number' && Number.isInteger(status) && status >= 100 && status <= 599) {
    problem.status = status;
  }
  if (typeof detail === 'string') problem.detail = detail;
  if (typeof instance === 'string' && isUriReference(instance)) problem.instance = instance;
  return problem;
}
