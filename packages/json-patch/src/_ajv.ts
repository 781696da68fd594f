import Ajv, { type ErrorObject } from 'ajv';
import type { ValidationIssue } from '@fielding/problem-errors';

let shared: Ajv | undefined;
let lean: Ajv | undefined;

/**
 * The Ajv instance for patch documents: without `ownProperties`, which makes validation about
 * four times slower; `parsePatch` checks that the members it reads are own members itself.
 */
export function patchAjv(): Ajv {
  lean ??= new Ajv({ allErrors: true, strict: false });
  return lean;
}

/**
 * The Ajv instance for resource schemas, created on first use so that importing the package
 * costs nothing. `ownProperties` keeps inherited members (a polluted prototype elsewhere in the
 * process) from satisfying `required`.
 */
export function ajv(): Ajv {
  shared ??= new Ajv({ allErrors: true, strict: false, ownProperties: true });
  return shared;
}

/** The most issues one error response lists; a hostile body cannot make it huge. */
export const MAX_ISSUES = 20;

const escape = (token: string): string => token.replaceAll('~', '~0').replaceAll('/', '~1');

/** Turns Ajv errors into problem-details issues whose pointers name the offending member. */
export function toIssues(errors: readonly ErrorObject[] | null | undefined): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const seen = new Set<string>();
  for (const error of errors ?? []) {
    // `if` only says "the then-branch failed"; the branch's own error says what is missing.
    if (error.keyword === 'if') continue;
    let pointer = error.instancePath;
    let detail = error.message ?? 'is invalid';
    if (error.keyword === 'required') {
      const missing = String((error.params as { missingProperty: string }).missingProperty);
      pointer += '/' + escape(missing);
      detail = 'is required';
    } else if (error.keyword === 'enum') {
      const allowed = (error.params as { allowedValues: unknown[] }).allowedValues;
      detail = `must be one of ${allowed.map((value) => JSON.stringify(value)).join(', ')}`;
    }
    const key = `${pointer}\u0000${detail}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push({ pointer, detail });
    if (issues.length === MAX_ISSUES) break;
  }
  return issues;
}
