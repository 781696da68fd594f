import { HttpError, type ValidationIssue } from '@fielding/problem-errors';
import { tryParsePointer } from './json-pointer.js';
import type { OperationType } from './operation.js';

/** Pointer patterns, for every operation or per operation. */
export type PointerRules =
  | readonly string[]
  | Readonly<Partial<Record<OperationType, readonly string[]>>>;

/**
 * What a client may change with a patch. Patterns are JSON Pointers in which a `*` token matches
 * any one token; checks run on the pointers before any operation is applied.
 */
export interface PatchPolicy {
  /**
   * The operations a patch may use.
   *
   * Default: all six.
   */
  operations?: readonly OperationType[];
  /**
   * Where operations may write: a `path` (and a `move`'s `from`) must be at or below one of
   * these patterns. A list applies to every operation; an object gives a list per operation
   * (an operation without an entry is unrestricted). `test` is checked only when listed by name.
   *
   * Default: everywhere.
   */
  allow?: PointerRules;
  /**
   * Where operations may not write: a `path` (or a `move`'s `from`) at, below or above one of
   * these patterns is refused (writing `/a` would replace a denied `/a/b`). Same shape as `allow`.
   *
   * Default: nowhere.
   */
  deny?: PointerRules;
  /**
   * Members no operation may change, e.g. `['/id', '/version', '/createdAt']`; also refuses
   * writing any ancestor of them. `test` and `copy` may still read them.
   *
   * Default: none.
   */
  readOnly?: readonly string[];
  /**
   * Members the client may not see: no `from` (copy/move) and no `test` may read them or an
   * ancestor of them, so a patch cannot copy a secret into a visible member or probe it.
   *
   * Default: none.
   */
  hidden?: readonly string[];
  /**
   * Whether operations other than `test` may target the whole document (`""`).
   *
   * Default: `false`.
   */
  allowRoot?: boolean;
}

type Pattern = readonly string[];

interface CompiledRules {
  all: Pattern[] | undefined;
  byOp: Partial<Record<OperationType, Pattern[]>>;
}

interface CompiledPolicy {
  operations: ReadonlySet<OperationType> | undefined;
  allow: CompiledRules;
  deny: CompiledRules;
  readOnly: Pattern[];
  hidden: Pattern[];
  allowRoot: boolean;
}

const compiledPolicies = new WeakMap<PatchPolicy, CompiledPolicy>();

function compilePatterns(patterns: readonly string[]): Pattern[] {
  return patterns.map((pattern) => {
    const tokens = tryParsePointer(pattern);
    if (tokens === undefined)
      throw new TypeError(`Invalid pointer pattern ${JSON.stringify(pattern)} in patch policy.`);
    return tokens;
  });
}

function compileRules(rules: PointerRules | undefined): CompiledRules {
  if (rules === undefined) return { all: undefined, byOp: {} };
  if (Array.isArray(rules)) return { all: compilePatterns(rules as readonly string[]), byOp: {} };
  const byOp: Partial<Record<OperationType, Pattern[]>> = {};
  for (const [op, patterns] of Object.entries(rules as Record<OperationType, readonly string[]>)) {
    byOp[op as OperationType] = compilePatterns(patterns);
  }
  return { all: undefined, byOp };
}

function compilePolicy(policy: PatchPolicy): CompiledPolicy {
  let compiled = compiledPolicies.get(policy);
  if (compiled === undefined) {
    compiled = {
      operations: policy.operations ? new Set(policy.operations) : undefined,
      allow: compileRules(policy.allow),
      deny: compileRules(policy.deny),
      readOnly: compilePatterns(policy.readOnly ?? []),
      hidden: compilePatterns(policy.hidden ?? []),
      allowRoot: policy.allowRoot ?? false,
    };
    compiledPolicies.set(policy, compiled);
  }
  return compiled;
}

/** The pattern is a prefix of the path: the path is the pattern's location or inside it. */
function covers(pattern: Pattern, path: readonly string[]): boolean {
  if (pattern.length > path.length) return false;
  for (let index = 0; index < pattern.length; index++) {
    if (pattern[index] !== '*' && pattern[index] !== path[index]) return false;
  }
  return true;
}

/** One is a prefix of the other: writing or reading `path` involves the pattern's location. */
function touches(pattern: Pattern, path: readonly string[]): boolean {
  const length = Math.min(pattern.length, path.length);
  for (let index = 0; index < length; index++) {
    if (pattern[index] !== '*' && pattern[index] !== path[index]) return false;
  }
  return true;
}

function rulesFor(rules: CompiledRules, op: OperationType): Pattern[] | undefined {
  return rules.byOp[op] ?? (op === 'test' ? undefined : rules.all);
}

/** A pointer an operation uses, as the policy check needs it. */
export interface PolicyTarget {
  /** The operation. */
  op: OperationType;
  /** Its index in the patch. */
  index: number;
  /** The parsed `path`. */
  path: readonly string[];
  /** The parsed `from`, for move and copy. */
  from: readonly string[] | undefined;
  /** Where to point in error issues instead of `/<index>/path` (merge patches). */
  location?: string;
}

function checkWrite(
  policy: CompiledPolicy,
  op: OperationType,
  tokens: readonly string[],
  pointer: string,
  issues: ValidationIssue[],
): void {
  if (tokens.length === 0 && !policy.allowRoot) {
    issues.push({ pointer, detail: 'Operations may not replace the whole document.' });
    return;
  }
  const allow = rulesFor(policy.allow, op);
  if (allow !== undefined && !allow.some((pattern) => covers(pattern, tokens))) {
    issues.push({ pointer, detail: `"${op}" is not allowed at this location.` });
    return;
  }
  const deny = rulesFor(policy.deny, op);
  if (deny?.some((pattern) => touches(pattern, tokens))) {
    issues.push({ pointer, detail: `"${op}" is denied at this location.` });
    return;
  }
  if (policy.readOnly.some((pattern) => touches(pattern, tokens))) {
    issues.push({ pointer, detail: 'This location is read-only.' });
  }
}

function checkRead(
  policy: CompiledPolicy,
  tokens: readonly string[],
  pointer: string,
  issues: ValidationIssue[],
): void {
  if (policy.hidden.some((pattern) => touches(pattern, tokens))) {
    issues.push({ pointer, detail: 'This location cannot be read.' });
  }
}

/**
 * Checks every operation of a parsed patch against a policy and throws 403 listing all the
 * refused pointers.
 */
export function enforcePolicy(policy: PatchPolicy, targets: readonly PolicyTarget[]): void {
  const compiled = compilePolicy(policy);
  const issues: ValidationIssue[] = [];
  for (const { op, index, path, from, location } of targets) {
    if (compiled.operations !== undefined && !compiled.operations.has(op)) {
      issues.push({ pointer: `/${index}/op`, detail: `"${op}" operations are not allowed.` });
      continue;
    }
    const pathPointer = location ?? `/${index}/path`;
    if (op === 'test') {
      checkRead(compiled, path, pathPointer, issues);
      const allow = compiled.allow.byOp.test;
      const deny = compiled.deny.byOp.test;
      if (allow !== undefined && !allow.some((pattern) => covers(pattern, path))) {
        issues.push({ pointer: pathPointer, detail: '"test" is not allowed at this location.' });
      } else if (deny?.some((pattern) => touches(pattern, path))) {
        issues.push({ pointer: pathPointer, detail: '"test" is denied at this location.' });
      }
      continue;
    }
    checkWrite(compiled, op, path, pathPointer, issues);
    if (from !== undefined) {
      const fromPointer = `/${index}/from`;
      checkRead(compiled, from, fromPointer, issues);
      if (op === 'move') checkWrite(compiled, op, from, fromPointer, issues);
    }
  }
  if (issues.length > 0) {
    throw new HttpError(403, {
      detail: `The patch touches ${issues.length === 1 ? 'a location' : 'locations'} it may not.`,
      errors: issues,
    });
  }
}
