import {
  HttpError,
  issueCollector,
  validationError,
  type ValidationIssue,
} from '@fielding/problem-errors';
import { patchDocumentValidators, validateData } from './_ajv.js';
import { hasOwn, measure } from './_json.js';
import { tryParsePointer } from './json-pointer.js';
import type { Operation, OperationType } from './operation.js';

/** Bounds on what one patch may ask for; exceeding one is a 413 with a clear `detail`. */
export interface PatchLimits {
  /**
   * Most operations in one patch.
   *
   * Default: `10000`.
   */
  maxOperations?: number;
  /**
   * Deepest nesting of a pointer (tokens) or of an operation's `value`.
   *
   * Default: `100`.
   */
  maxDepth?: number;
  /**
   * Largest `value` of one operation, in characters of its JSON text (estimated while walking).
   *
   * Default: `1048576`.
   */
  maxValueSize?: number;
}

/** The limits used when none are given. */
export const DEFAULT_PATCH_LIMITS: Readonly<Required<PatchLimits>> = Object.freeze({
  maxOperations: 10_000,
  maxDepth: 100,
  maxValueSize: 1_048_576,
});

/** The JSON Schema of an RFC 6902 §4 patch document that every patch is checked against. */
export const PATCH_DOCUMENT_SCHEMA: Readonly<Record<string, unknown>> = Object.freeze({
  type: 'array',
  items: {
    type: 'object',
    required: ['op', 'path'],
    properties: {
      op: { enum: ['add', 'remove', 'replace', 'move', 'copy', 'test'] },
      path: { type: 'string' },
    },
    allOf: [
      {
        if: { properties: { op: { enum: ['add', 'replace', 'test'] } }, required: ['op'] },
        then: { required: ['value'] },
      },
      {
        if: { properties: { op: { enum: ['move', 'copy'] } }, required: ['op'] },
        // Only move and copy define `from`; other operations ignore it (RFC 6902 §4).
        then: { required: ['from'], properties: { from: { type: 'string' } } },
      },
    ],
  },
});

function missingMember(operation: Operation): string | undefined {
  if (!hasOwn(operation, 'op')) return 'op';
  if (!hasOwn(operation, 'path')) return 'path';
  const op = operation.op;
  if ((op === 'add' || op === 'replace' || op === 'test') && !hasOwn(operation, 'value'))
    return 'value';
  if ((op === 'move' || op === 'copy') && !hasOwn(operation, 'from')) return 'from';
  return undefined;
}

function isProperPrefix(prefix: readonly string[], tokens: readonly string[]): boolean {
  if (prefix.length >= tokens.length) return false;
  for (let index = 0; index < prefix.length; index++)
    if (prefix[index] !== tokens[index]) return false;
  return true;
}

/**
 * Longest patch that is validated with Ajv's `allErrors` when it is malformed; a longer one is
 * answered with its first problem (each of 10,000 operations can fail several rules).
 */
const ALL_ERRORS_MAX_OPERATIONS = 500;

/** An operation after validation: pointers parsed once. */
export interface ParsedOperation {
  /** The operation name. */
  op: OperationType;
  /** Index in the patch, for error pointers. */
  index: number;
  /** Unescaped `path` tokens. */
  path: string[];
  /** Unescaped `from` tokens (move, copy). */
  from: string[] | undefined;
  /** The `value` member (add, replace, test). */
  value: unknown;
}

/**
 * Validates a patch and parses its pointers; throws a 400 (structure, pointers) or 413 (limits).
 */
export function parsePatch(
  patch: unknown,
  limits: PatchLimits = DEFAULT_PATCH_LIMITS,
): ParsedOperation[] {
  const maxOperations = limits.maxOperations ?? DEFAULT_PATCH_LIMITS.maxOperations;
  const maxDepth = limits.maxDepth ?? DEFAULT_PATCH_LIMITS.maxDepth;
  const maxValueSize = limits.maxValueSize ?? DEFAULT_PATCH_LIMITS.maxValueSize;
  if (Array.isArray(patch) && patch.length > maxOperations) {
    throw new HttpError(413, {
      detail: `The patch has ${patch.length} operations; at most ${maxOperations} are accepted.`,
    });
  }
  const { issues, complete } = validateData(
    patchDocumentValidators(PATCH_DOCUMENT_SCHEMA),
    patch,
    () => !Array.isArray(patch) || patch.length <= ALL_ERRORS_MAX_OPERATIONS,
  );
  if (issues.length > 0) {
    throw validationError(issues, {
      status: 400,
      detail: complete
        ? 'The patch is not a valid JSON Patch document (RFC 6902 §4).'
        : 'The patch is not a valid JSON Patch document (RFC 6902 §4); it is too long to look for every problem, so the first one found is listed.',
    });
  }
  const operations = patch as readonly Operation[];
  const parsed: ParsedOperation[] = new Array<ParsedOperation>(operations.length);
  const syntax: ValidationIssue[] = [];
  const size = issueCollector();
  for (let index = 0; index < operations.length; index++) {
    const operation = operations[index]!;
    // Members inherited from a polluted prototype must not stand in for missing ones.
    const missing = missingMember(operation);
    if (missing !== undefined) {
      syntax.push({ pointer: `/${index}/${missing}`, detail: 'is required' });
      continue;
    }
    const path = tryParsePointer(operation.path);
    const hasFrom = operation.op === 'move' || operation.op === 'copy';
    const from = hasFrom ? tryParsePointer(operation.from) : undefined;
    if (path === undefined)
      syntax.push({ pointer: `/${index}/path`, detail: 'is not a JSON Pointer' });
    else if (path.length > maxDepth)
      size.add(() => ({ pointer: `/${index}/path`, detail: `is deeper than ${maxDepth}` }));
    if (hasFrom) {
      if (from === undefined)
        syntax.push({ pointer: `/${index}/from`, detail: 'is not a JSON Pointer' });
      else if (from.length > maxDepth)
        size.add(() => ({ pointer: `/${index}/from`, detail: `is deeper than ${maxDepth}` }));
      else if (operation.op === 'move' && path !== undefined && isProperPrefix(from, path)) {
        // RFC 6902 §4.4: "The 'from' location MUST NOT be a proper prefix of the 'path' location".
        syntax.push({ pointer: `/${index}/path`, detail: 'lies inside the "from" location' });
      }
    }
    // Own members only: `in` would read a `value` inherited from a polluted prototype.
    const value = hasOwn(operation, 'value') ? (operation as { value?: unknown }).value : undefined;
    if (operation.op === 'add' || operation.op === 'replace' || operation.op === 'test') {
      const exceeded = measure(value, maxDepth, maxValueSize);
      if (exceeded === 'depth')
        size.add(() => ({ pointer: `/${index}/value`, detail: `nests deeper than ${maxDepth}` }));
      else if (exceeded === 'size') {
        size.add(() => ({
          pointer: `/${index}/value`,
          detail: `is larger than ${maxValueSize} characters`,
        }));
      }
    }
    parsed[index] = { op: operation.op, index, path: path ?? [], from, value };
  }
  if (syntax.length > 0) {
    throw validationError(syntax, {
      status: 400,
      detail: 'The patch has invalid JSON Pointers (RFC 6901 §3).',
    });
  }
  if (size.total > 0) {
    throw size.error({ status: 413, detail: 'The patch exceeds the configured limits.' });
  }
  return parsed;
}

/**
 * Checks that a value is a well-formed JSON Patch document (RFC 6902 §4) with valid pointers,
 * without applying it.
 *
 * @param patch - the candidate, e.g. a parsed request body
 * @param limits - bounds on operation count, depth and value size
 * @returns the problems found (at most `MAX_ISSUES`), each with a pointer such as `/3/path`;
 *   empty when valid
 *
 * @example
 * ```ts
 * import { validatePatch } from '@fielding/json-patch';
 *
 * validatePatch([{ op: 'add', path: '/a' }]); // [{ pointer: '/0/value', detail: 'is required' }]
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6902#section-4
 */
export function validatePatch(patch: unknown, limits?: PatchLimits): ValidationIssue[] {
  try {
    parsePatch(patch, limits);
    return [];
  } catch (error) {
    const { errors, detail } = error as HttpError;
    return errors && errors.length > 0
      ? [...errors]
      : [{ pointer: '', detail: detail ?? 'is invalid' }];
  }
}
