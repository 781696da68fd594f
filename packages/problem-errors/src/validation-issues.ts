import { HttpError, type HttpErrorInit, type ValidationIssue } from './http-error.js';

/**
 * The parts of an Ajv `ErrorObject` this package reads, typed structurally so Ajv stays the
 * caller's dependency (Ajv 8, default `instancePath` as a JSON Pointer).
 */
export interface AjvErrorLike {
  /** The failing keyword, e.g. `required`, `type`, `additionalProperties`. */
  readonly keyword: string;
  /** JSON Pointer to the failing value, `''` for the root. */
  readonly instancePath: string;
  /** Keyword parameters, e.g. `{ missingProperty: 'title' }`. */
  readonly params: Readonly<Record<string, unknown>>;
  /** Ajv's message, e.g. `must be string`; absent with `messages: false`. */
  readonly message?: string | undefined;
}

/** Where the validated value came from, and so how an issue names its location. */
export type IssueLocation = 'body' | 'query' | 'header';

/** How {@link issuesFromAjv} names locations. */
export interface IssuesFromAjvOptions {
  /**
   * `body`: a `pointer` into the request content; `query` / `header`: the first pointer
   * segment is the `parameter` / `header` name (validate the parsed query or headers as an object).
   * Default: `'body'`.
   */
  in?: IssueLocation;
}

/**
 * The most issues one error response lists. A hostile body can fail a schema a hundred thousand
 * times, and listing every failure would turn a 1 MB request into a many-MB answer.
 *
 * @example
 * ```ts
 * import { MAX_ISSUES, validationError } from '@fielding/problem-errors';
 *
 * const issues = Array.from({ length: 50 }, (_, i) => ({ pointer: `/${i}`, detail: 'is not allowed' }));
 * validationError(issues).errors?.length === MAX_ISSUES; // true
 * ```
 */
export const MAX_ISSUES = 20;

/** Ajv keywords whose error is about a member of the object, named by this param. */
const MEMBER_PARAMS = new Map<string, string>([
  ['required', 'missingProperty'],
  ['dependentRequired', 'missingProperty'],
  ['dependencies', 'missingProperty'],
  ['additionalProperties', 'additionalProperty'],
  ['unevaluatedProperties', 'unevaluatedProperty'],
  ['propertyNames', 'propertyName'],
]);

// One wording for the whole toolkit. Ajv's own describes the parent ("must have required
// property 'title'"), which reads wrong beside a pointer that names the member itself.
const MEMBER_DETAILS = new Map<string, string>([
  ['required', 'is required'],
  ['dependentRequired', 'is required'],
  ['dependencies', 'is required'],
  ['additionalProperties', 'is not allowed'],
  ['unevaluatedProperties', 'is not allowed'],
  ['propertyNames', 'is not an allowed name'],
]);

/** RFC 6901 §3: `~` → `~0`, `/` → `~1`. */
const escapeToken = (token: string): string => token.replaceAll('~', '~0').replaceAll('/', '~1');

function firstToken(pointer: string): string {
  const end = pointer.indexOf('/', 1);
  return pointer
    .slice(1, end === -1 ? undefined : end)
    .replaceAll('~1', '/')
    .replaceAll('~0', '~');
}

function describeError(error: AjvErrorLike): { pointer: string; detail: string } {
  const paramName = MEMBER_PARAMS.get(error.keyword);
  const member = paramName === undefined ? undefined : error.params[paramName];
  if (typeof member === 'string') {
    return {
      pointer: `${error.instancePath}/${escapeToken(member)}`,
      detail: MEMBER_DETAILS.get(error.keyword) ?? 'is invalid',
    };
  }
  const allowed = error.params['allowedValues'];
  if (error.keyword === 'enum' && Array.isArray(allowed)) {
    const listed = allowed.map((value) => JSON.stringify(value)).join(', ');
    return { pointer: error.instancePath, detail: `must be one of ${listed}` };
  }
  return {
    pointer: error.instancePath,
    detail: error.message ?? `fails the ${error.keyword} rule`,
  };
}

/**
 * Turns Ajv validation errors into `errors` entries, worded alike everywhere in the toolkit: a
 * JSON Pointer from `instancePath`; for `required`, `additionalProperties` and similar keywords
 * a pointer to the missing or extra member itself (`/author/name`, not `/author`), so a client
 * can mark the exact field. A pointer and detail seen before are listed once, and the summary
 * error of an `if` (its branch's own error says what failed) is left out.
 * {@link validationError} caps what it sends at {@link MAX_ISSUES}.
 *
 * @param errors - `validate.errors` (null and undefined give an empty list)
 * @param options - where the validated value came from
 * @returns one issue per distinct Ajv error, in order
 *
 * @example
 * ```ts
 * import { issuesFromAjv } from '@fielding/problem-errors';
 *
 * issuesFromAjv([{ keyword: 'required', instancePath: '', params: { missingProperty: 'title' }, message: "must have required property 'title'" }]);
 * // [{ pointer: '/title', detail: 'is required' }]
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9457#section-3
 */
export function issuesFromAjv(
  errors: readonly AjvErrorLike[] | null | undefined,
  options: IssuesFromAjvOptions = {},
): ValidationIssue[] {
  const location = options.in ?? 'body';
  const issues: ValidationIssue[] = [];
  const seen = new Set<string>();
  for (const error of errors ?? []) {
    if (error.keyword === 'if') continue;
    const { pointer, detail } = describeError(error);
    const key = `${pointer}\u0000${detail}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (location === 'body') issues.push({ detail, pointer });
    else if (location === 'query') issues.push({ detail, parameter: firstToken(pointer) });
    else issues.push({ detail, header: firstToken(pointer) });
  }
  return issues;
}

/** {@link HttpErrorInit} for {@link validationError}, with the status to use. */
export interface ValidationErrorInit extends HttpErrorInit {
  /**
   * 422 for content that parses but is invalid, 400 for bad query or header input, 403 for
   * values the request may not touch, 413 for values over a size limit. Default: `422`.
   */
  status?: 400 | 403 | 413 | 422;
}

/** The one cap: `listed` are the first issues of `total`; the rest are counted, not sent. */
function cappedError(
  listed: readonly ValidationIssue[],
  total: number,
  init: ValidationErrorInit,
): HttpError {
  const { status = 422, ...rest } = init;
  const omitted = total - listed.length;
  const more = omitted === 0 ? '' : `; the first ${listed.length} are listed`;
  return new HttpError(status, {
    detail: `The request has ${total} invalid ${total === 1 ? 'value' : 'values'}${more}.`,
    ...rest,
    errors: listed,
    ...(omitted > 0 && { extensions: { ...rest.extensions, omittedErrors: omitted } }),
  });
}

/**
 * An {@link HttpError} listing validation problems in its `errors` member — the first
 * {@link MAX_ISSUES} of them; when there are more, the `omittedErrors` extension member says
 * how many were left out and `detail` gives the total. To gather problems one by one without
 * holding them all, use {@link issueCollector}.
 *
 * @param issues - the problems, e.g. from {@link issuesFromAjv}
 * @param init - other problem members and the status (400, 403, 413 or 422)
 * @returns the error to throw
 *
 * @example
 * ```ts
 * import { validationError } from '@fielding/problem-errors';
 *
 * throw validationError([{ parameter: 'page_size', detail: 'must be at most 100' }], { status: 400 });
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9457#section-3
 */
export function validationError(
  issues: readonly ValidationIssue[],
  init: ValidationErrorInit = {},
): HttpError {
  const listed = issues.length <= MAX_ISSUES ? issues : issues.slice(0, MAX_ISSUES);
  return cappedError(listed, issues.length, init);
}

/** Problems gathered one by one for one answer; see {@link issueCollector}. */
export interface IssueCollector {
  /**
   * Records a problem. Past {@link MAX_ISSUES} it is only counted; give a function to build the
   * issue (a deep pointer, say) only when it will be listed.
   */
  add(issue: ValidationIssue | (() => ValidationIssue)): void;
  /** How many problems were recorded, listed or not. */
  readonly total: number;
  /** The error {@link validationError} would make of every recorded problem. */
  error(init?: ValidationErrorInit): HttpError;
}

/**
 * Collects problems under the same cap as {@link validationError} while a check runs: the first
 * {@link MAX_ISSUES} are kept, the rest only counted, so a body that breaks a rule a hundred
 * thousand times costs neither the memory to hold every problem nor a huge answer.
 *
 * @returns an empty collector; throw its `error()` when `total > 0`
 *
 * @example
 * ```ts
 * import { issueCollector } from '@fielding/problem-errors';
 *
 * const issues = issueCollector();
 * for (const [index, value] of ['a', 'b'.repeat(200)].entries()) {
 *   if (value.length > 100) issues.add(() => ({ pointer: `/${index}`, detail: 'is longer than 100' }));
 * }
 * if (issues.total > 0) throw issues.error({ status: 413, detail: 'Values are too long.' });
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9457#section-3
 */
export function issueCollector(): IssueCollector {
  const listed: ValidationIssue[] = [];
  let total = 0;
  return {
    add(issue) {
      total++;
      if (listed.length < MAX_ISSUES) listed.push(typeof issue === 'function' ? issue() : issue);
    },
    get total() {
      return total;
    },
    error(init = {}) {
      return cappedError(listed.slice(), total, init);
    },
  };
}
