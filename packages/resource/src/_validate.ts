// BELONGS IN @fielding/problem-errors (or a shared validation module): validating a body against
// a JSON Schema without letting a hostile body cost seconds. json-patch has the same rule
// privately (`_ajv.ts`); kept private here, behind this one module, until there is one export.
// Ajv with `allErrors` builds an error for every failure, and a 1 MiB body can fail 100,000
// times; so data is checked fail-fast first, and every problem is listed only for small data.
import { Ajv, type ValidateFunction } from 'ajv';
import { issuesFromAjv, validationError, type HttpError } from '@fielding/problem-errors';

/** Largest value (members and elements at any depth) whose problems are all listed. */
const ALL_ERRORS_MAX_VALUES = 2_000;

// `ownProperties`: an inherited member (a polluted prototype) never satisfies `required`.
// `useDefaults`: members with a `default` are filled in, so they are always stored.
const OPTIONS = { strict: false, ownProperties: true, useDefaults: true } as const;
let pair: { first: Ajv; all: Ajv } | undefined;
const ajv = (): { first: Ajv; all: Ajv } =>
  (pair ??= { first: new Ajv({ ...OPTIONS }), all: new Ajv({ ...OPTIONS, allErrors: true }) });

const isContainer = (value: unknown): value is object =>
  typeof value === 'object' && value !== null;

function hasAtMostValues(value: unknown, max: number): boolean {
  let count = 1;
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const current = pending.pop();
    if (!isContainer(current)) continue;
    const children = Array.isArray(current) ? current : Object.values(current);
    count += children.length;
    if (count > max) return false;
    for (const child of children) if (isContainer(child)) pending.push(child);
  }
  return true;
}

/** Validates (and fills defaults into) data; returns the 422 to throw, or `undefined`. */
export type Validate = (data: unknown) => HttpError | undefined;

/**
 * Compiles a schema once (at declaration time). The returned function answers a failure with
 * the 422 of `validationError` (`issuesFromAjv` wording, at most 20 errors).
 */
export function compileValidator(schema: object): Validate {
  const first = ajv().first.compile(schema);
  let all: ValidateFunction | undefined;
  return (data) => {
    if (first(data)) return undefined;
    if (!hasAtMostValues(data, ALL_ERRORS_MAX_VALUES)) {
      return validationError(issuesFromAjv(first.errors), {
        detail:
          'The request body is not valid; it is too large to look for every problem, so the first one found is listed.',
      });
    }
    all ??= ajv().all.compile(schema);
    all(data);
    return validationError(issuesFromAjv(all.errors));
  };
}
