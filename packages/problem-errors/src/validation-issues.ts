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

/** Ajv keywords whose error is about a member of the object, named by this param. */
const MEMBER_PARAMS: Readonly<Record<string, string>> = {
  required: 'missingProperty',
  dependentRequired: 'missingProperty',
  dependencies: 'missingProperty',
  additionalProperties: 'additionalProperty',
  unevaluatedProperties: 'unevaluatedProperty',
  propertyNames: 'propertyName',
};

/**
 * Escapes one reference token for a JSON Pointer (RFC 6901 §3: `~` → `~0`, `/` → `~1`).
 *
 * @param token - a member name or array index
 * @returns the escaped token
 *
 * @example
 * ```ts
 * import { escapePointerToken } from '@fielding/problem-errors';
 *
 * escapePointerToken('a/b~c'); // 'a~1b~0c'
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6901#section-3
 */
export function escapePointerToken(token: string | number): string {
  return String(token).replaceAll('~', '~0').replaceAll('/', '~1');
}

function firstToken(pointer: string): string {
  const end = pointer.indexOf('/', 1);
  return pointer
    .slice(1, end === -1 ? undefined : end)
    .replaceAll('~1', '/')
    .replaceAll('~0', '~');
}

/**
 * Turns Ajv validation errors into `errors` entries: a JSON Pointer from `instancePath`, and for
 * `required`, `additionalProperties` and similar keywords a pointer to the missing or extra
 * member itself (`/author/name`, not `/author`), so a client can mark the exact field.
 *
 * @param errors - `validate.errors` (null and undefined give an empty list)
 * @param options - where the validated value came from
 * @returns one issue per Ajv error, in order
 *
 * @example
 * ```ts
 * import { issuesFromAjv } from '@fielding/problem-errors';
 *
 * issuesFromAjv([{ keyword: 'required', instancePath: '', params: { missingProperty: 'title' }, message: "must have required property 'title'" }]);
 * // [{ pointer: '/title', detail: "must have required property 'title'" }]
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9457#section-3
 */
export function issuesFromAjv(
  errors: readonly AjvErrorLike[] | null | undefined,
  options: IssuesFromAjvOptions = {},
): ValidationIssue[] {
  const location = options.in ?? 'body';
  const issues: ValidationIssue[] = [];
  for (const error of errors ?? []) {
    let pointer = error.instancePath;
    const paramName = MEMBER_PARAMS[error.keyword];
    const member = paramName === undefined ? undefined : error.params[paramName];
    if (typeof member === 'string') pointer += `/${escapePointerToken(member)}`;
    const detail = error.message ?? `failed the ${error.keyword} rule`;
    if (location === 'body') issues.push({ detail, pointer });
    else if (location === 'query') issues.push({ detail, parameter: firstToken(pointer) });
    else issues.push({ detail, header: firstToken(pointer) });
  }
  return issues;
}

/** {@link HttpErrorInit} for {@link validationError}, with the status to use. */
export interface ValidationErrorInit extends HttpErrorInit {
  /** 422 for content that parses but is invalid, 400 for bad query or header input. Default: `422`. */
  status?: 400 | 422;
}

/**
 * An {@link HttpError} listing validation problems in its `errors` member.
 *
 * @param issues - the problems, e.g. from {@link issuesFromAjv}
 * @param init - other problem members and the status
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
  const { status = 422, ...rest } = init;
  const count = issues.length;
  return new HttpError(status, {
    detail: `The request has ${count} invalid ${count === 1 ? 'value' : 'values'}.`,
    ...rest,
    errors: issues,
  });
}
