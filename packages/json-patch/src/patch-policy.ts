import { issueCollector, type HttpError, type IssueCollector } from '@fielding/problem-errors';
import { hasOwn, isObject } from './_json.js';
import { formatPointer, tryParsePointer } from './json-pointer.js';
import { assertPlacedDepth, mergePatchTooDeep } from './merge-patch.js';
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
  /** A Map, not an object: no operation name can find an `Object.prototype` member. */
  byOp: ReadonlyMap<OperationType, Pattern[]>;
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

const OPERATIONS: ReadonlySet<string> = new Set<OperationType>([
  'add',
  'remove',
  'replace',
  'move',
  'copy',
  'test',
]);

/** A policy naming an operation that does not exist is a mistake (a typo would allow all). */
function operationName(name: string): OperationType {
  if (!OPERATIONS.has(name)) {
    throw new TypeError(`Unknown operation ${JSON.stringify(name)} in patch policy.`);
  }
  return name as OperationType;
}

function compileRules(rules: PointerRules | undefined): CompiledRules {
  const byOp = new Map<OperationType, Pattern[]>();
  if (rules === undefined) return { all: undefined, byOp };
  if (Array.isArray(rules)) return { all: compilePatterns(rules as readonly string[]), byOp };
  for (const [op, patterns] of Object.entries(rules as Record<string, readonly string[]>)) {
    byOp.set(operationName(op), compilePatterns(patterns));
  }
  return { all: undefined, byOp };
}

function compilePolicy(policy: PatchPolicy): CompiledPolicy {
  let compiled = compiledPolicies.get(policy);
  if (compiled === undefined) {
    compiled = {
      operations: policy.operations ? new Set(policy.operations.map(operationName)) : undefined,
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
  return rules.byOp.get(op) ?? (op === 'test' ? undefined : rules.all);
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
}

/** Why a write at `tokens` is refused, or `undefined` when it is allowed. */
function refusedWrite(
  policy: CompiledPolicy,
  op: OperationType,
  tokens: readonly string[],
): string | undefined {
  if (tokens.length === 0 && !policy.allowRoot) {
    return 'Operations may not replace the whole document.';
  }
  const allow = rulesFor(policy.allow, op);
  if (allow !== undefined && !allow.some((pattern) => covers(pattern, tokens))) {
    return `"${op}" is not allowed at this location.`;
  }
  const deny = rulesFor(policy.deny, op);
  if (deny?.some((pattern) => touches(pattern, tokens))) {
    return `"${op}" is denied at this location.`;
  }
  if (policy.readOnly.some((pattern) => touches(pattern, tokens))) {
    return 'This location is read-only.';
  }
  return undefined;
}

/** Why reading `tokens` is refused, or `undefined` when it is allowed. */
function refusedRead(policy: CompiledPolicy, tokens: readonly string[]): string | undefined {
  return policy.hidden.some((pattern) => touches(pattern, tokens))
    ? 'This location cannot be read.'
    : undefined;
}

function refusedTest(policy: CompiledPolicy, tokens: readonly string[]): string | undefined {
  const refused = refusedRead(policy, tokens);
  if (refused !== undefined) return refused;
  const allow = policy.allow.byOp.get('test');
  if (allow !== undefined && !allow.some((pattern) => covers(pattern, tokens))) {
    return '"test" is not allowed at this location.';
  }
  if (policy.deny.byOp.get('test')?.some((pattern) => touches(pattern, tokens))) {
    return '"test" is denied at this location.';
  }
  return undefined;
}

function policyError(issues: IssueCollector): HttpError {
  const n = issues.total;
  return issues.error({
    status: 403,
    detail: `The patch touches ${n === 1 ? 'a location' : 'locations'} it may not.`,
  });
}

/**
 * Checks every operation of a parsed patch against a policy and throws 403 listing the refused
 * pointers (the first `MAX_ISSUES`, with `omittedErrors` counting the rest).
 */
export function enforcePolicy(policy: PatchPolicy, targets: readonly PolicyTarget[]): void {
  const compiled = compilePolicy(policy);
  const issues = issueCollector();
  const refuse = (pointer: string, detail: string | undefined): void => {
    if (detail !== undefined) issues.add({ pointer, detail });
  };
  for (const { op, index, path, from } of targets) {
    if (compiled.operations !== undefined && !compiled.operations.has(op)) {
      refuse(`/${index}/op`, `"${op}" operations are not allowed.`);
      continue;
    }
    const pathPointer = `/${index}/path`;
    if (op === 'test') {
      refuse(pathPointer, refusedTest(compiled, path));
      continue;
    }
    refuse(pathPointer, refusedWrite(compiled, op, path));
    if (from !== undefined) {
      const fromPointer = `/${index}/from`;
      refuse(fromPointer, refusedRead(compiled, from));
      if (op === 'move') refuse(fromPointer, refusedWrite(compiled, op, from));
    }
  }
  if (issues.total > 0) throw policyError(issues);
}

/** One object of a merge patch being checked, beside the target's object at the same place. */
interface MergeFrame {
  readonly patch: Record<string, unknown>;
  readonly keys: readonly string[];
  index: number;
  readonly target: Record<string, unknown> | undefined;
  readonly depth: number;
}

/**
 * Checks a merge patch against a policy: each member it removes (`null`) is a `remove` at its
 * pointer, each value it sets a `replace`, and so is an object merged where the target has no
 * object (it replaces what is there, even when empty). Walks with an explicit stack and checks
 * the depth on the way down, so a too-deep patch is the same 413 as without a policy, at once.
 *
 * @throws HttpError 413 over `maxDepth`, 403 listing the refused pointers (capped alike)
 */
export function enforceMergePatchPolicy(
  policy: PatchPolicy,
  document: unknown,
  patch: unknown,
  maxDepth: number,
): void {
  const compiled = compilePolicy(policy);
  const issues = issueCollector();
  /** The tokens of the member being looked at; one array, pushed and popped. */
  const tokens: string[] = [];
  const write = (op: 'replace' | 'remove'): void => {
    const detail =
      compiled.operations !== undefined && !compiled.operations.has(op)
        ? `"${op}" operations are not allowed.`
        : refusedWrite(compiled, op, tokens);
    // The pointer is only built for a listed refusal: a deep patch does not pay for each member's.
    if (detail !== undefined) issues.add(() => ({ pointer: formatPointer(tokens), detail }));
  };
  if (!isObject(patch)) {
    assertPlacedDepth(patch, 0, maxDepth);
    write('replace');
  } else {
    if (!isObject(document)) write('replace');
    const open = (object: Record<string, unknown>, target: unknown, depth: number): MergeFrame => {
      if (depth > maxDepth) throw mergePatchTooDeep(maxDepth);
      const base = isObject(target) ? target : undefined;
      return { patch: object, keys: Object.keys(object), index: 0, target: base, depth };
    };
    const parents: MergeFrame[] = [];
    let frame = open(patch, document, 1);
    for (;;) {
      if (frame.index < frame.keys.length) {
        const key = frame.keys[frame.index++]!;
        const value = frame.patch[key];
        const target = frame.target;
        const current = target !== undefined && hasOwn(target, key) ? target[key] : undefined;
        tokens.push(key);
        if (value === null) {
          write('remove');
        } else if (isObject(value)) {
          if (!isObject(current)) write('replace');
          parents.push(frame);
          frame = open(value, current, frame.depth + 1);
          continue;
        } else {
          assertPlacedDepth(value, frame.depth, maxDepth);
          write('replace');
        }
        tokens.pop();
        continue;
      }
      const parent = parents.pop();
      if (parent === undefined) break;
      tokens.pop();
      frame = parent;
    }
  }
  if (issues.total > 0) throw policyError(issues);
}
