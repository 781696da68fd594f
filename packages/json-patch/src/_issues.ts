import { HttpError, MAX_ISSUES, type ValidationIssue } from '@fielding/problem-errors';

/** Problems collected for one answer, capped like `validationError` caps them. */
export interface IssueList {
  /**
   * Records a problem; past {@link MAX_ISSUES} it is only counted, and its pointer (a function,
   * so a deep pointer is not built for nothing) is not asked for.
   */
  add(pointer: () => string, detail: string): void;
  /** How many problems were recorded. */
  readonly total: number;
  /** The error listing the first {@link MAX_ISSUES}, with `omittedErrors` counting the rest. */
  error(status: 403 | 413, detail: (total: number) => string): HttpError;
}

/**
 * A list for the answers `validationError` does not make (403, 413): a body that breaks a rule
 * a hundred thousand times costs neither the memory to hold every problem nor a huge answer.
 */
export function issueList(): IssueList {
  const listed: ValidationIssue[] = [];
  let total = 0;
  return {
    add(pointer, detail) {
      total++;
      if (listed.length < MAX_ISSUES) listed.push({ pointer: pointer(), detail });
    },
    get total() {
      return total;
    },
    error(status, detail) {
      const omitted = total - listed.length;
      return new HttpError(status, {
        detail: detail(total),
        errors: listed,
        ...(omitted > 0 && { extensions: { omittedErrors: omitted } }),
      });
    },
  };
}
