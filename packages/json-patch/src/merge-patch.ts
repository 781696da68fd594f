import { HttpError } from '@fielding/problem-errors';
import { deepEqual, hasOwn, isObject, measure, setOwn, shallowCopy } from './_json.js';
import { escapePointerToken } from './json-pointer.js';
import { DEFAULT_PATCH_LIMITS } from './patch-document.js';

/** How {@link applyMergePatch} runs. */
export interface MergePatchOptions {
  /**
   * Deepest nesting of the patch, objects and arrays alike (the patch itself is depth 1); deeper
   * is a 413.
   *
   * Default: `100` (`DEFAULT_PATCH_LIMITS.maxDepth`).
   */
  maxDepth?: number;
}

/** The 413 for a merge patch deeper than `maxDepth`; the policy walk of a PATCH uses it too. */
export function mergePatchTooDeep(maxDepth: number): HttpError {
  return new HttpError(413, { detail: `The merge patch nests deeper than ${maxDepth} levels.` });
}

/**
 * Throws the 413 when a value the merge places as a whole (an array, at depth `depth` counted
 * like objects) nests deeper than `maxDepth`. Objects are checked by the merge walk itself.
 */
export function assertPlacedDepth(value: unknown, depth: number, maxDepth: number): void {
  if (Array.isArray(value) && maxDepth !== Number.POSITIVE_INFINITY) {
    if (measure(value, maxDepth - depth, Number.POSITIVE_INFINITY) === 'depth') {
      throw mergePatchTooDeep(maxDepth);
    }
  }
}

/** One object of the patch being merged: where the walk is in it and what it has built. */
interface MergeFrame {
  readonly patch: Record<string, unknown>;
  readonly keys: readonly string[];
  index: number;
  /** The target's object at this place, when it is one. */
  readonly base: Record<string, unknown> | undefined;
  /** The copy being written; `undefined` while nothing has changed. */
  out: Record<string, unknown> | undefined;
  readonly depth: number;
}

function openFrame(
  target: unknown,
  patch: Record<string, unknown>,
  depth: number,
  maxDepth: number,
): MergeFrame {
  if (depth > maxDepth) throw mergePatchTooDeep(maxDepth);
  const base = isObject(target) ? target : undefined;
  return { patch, keys: Object.keys(patch), index: 0, base, out: base ? undefined : {}, depth };
}

/** Sets `key` of the frame's result to `merged`, copying the target's object on first change. */
function place(frame: MergeFrame, key: string, merged: unknown): void {
  const base = frame.base;
  const present = base !== undefined && hasOwn(base, key);
  if (present && merged === base[key]) return;
  frame.out ??= shallowCopy(base!);
  setOwn(frame.out, key, merged);
}

/**
 * RFC 7396 §2 MergePatch, with an explicit stack instead of recursion, checking the depth as it
 * descends: a hostile patch is refused at `maxDepth`, and without a limit a deep one is merged
 * instead of overflowing the stack.
 */
function merge(target: unknown, patch: unknown, maxDepth: number): unknown {
  if (!isObject(patch)) {
    assertPlacedDepth(patch, 0, maxDepth);
    return patch;
  }
  const parents: MergeFrame[] = [];
  let frame = openFrame(target, patch, 1, maxDepth);
  for (;;) {
    if (frame.index < frame.keys.length) {
      const key = frame.keys[frame.index]!;
      const value = frame.patch[key];
      const base = frame.base;
      if (value === null) {
        if (base !== undefined && hasOwn(base, key)) {
          frame.out ??= shallowCopy(base);
          delete frame.out[key];
        }
        frame.index++;
      } else if (isObject(value)) {
        const current = base !== undefined && hasOwn(base, key) ? base[key] : undefined;
        parents.push(frame);
        frame = openFrame(current, value, frame.depth + 1, maxDepth);
      } else {
        assertPlacedDepth(value, frame.depth, maxDepth);
        place(frame, key, value);
        frame.index++;
      }
      continue;
    }
    const merged = frame.out ?? frame.base;
    const parent = parents.pop();
    if (parent === undefined) return merged;
    place(parent, parent.keys[parent.index]!, merged);
    parent.index++;
    frame = parent;
  }
}

/**
 * Applies an RFC 7396 JSON Merge Patch: members of the patch replace members of the target,
 * `null` removes one, nested objects merge, anything else (arrays too) replaces. Never mutates
 * `target`; unchanged members are shared with it and added values with `patch`.
 *
 * @param target - the JSON document to patch
 * @param patch - the merge patch; a non-object replaces the whole document
 * @param options - depth limit
 * @returns the patched document
 * @throws HttpError 413 when the patch nests deeper than `maxDepth` (objects and arrays)
 *
 * @example
 * ```ts
 * import { applyMergePatch } from '@fielding/json-patch';
 *
 * applyMergePatch({ a: 'b', c: { d: 'e', f: 'g' } }, { a: 'z', c: { f: null } });
 * // { a: 'z', c: { d: 'e' } }
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc7396#section-2
 */
export function applyMergePatch<T>(target: T, patch: unknown, options: MergePatchOptions = {}): T {
  return merge(target, patch, options.maxDepth ?? DEFAULT_PATCH_LIMITS.maxDepth) as T;
}

function nullMember(pointer: string, detail: string): HttpError {
  return new HttpError(422, { detail, errors: [{ pointer, detail: 'is null' }] });
}

/**
 * Throws when a value placed in a merge patch would lose `null` members on the way: the first
 * such member in document order. Iterative, for documents of any depth.
 */
function assertRepresentable(value: unknown, pointer: string): void {
  if (!isObject(value)) return;
  const values: unknown[] = [value];
  const pointers: string[] = [pointer];
  while (values.length > 0) {
    const current = values.pop();
    const at = pointers.pop()!;
    if (!isObject(current)) continue;
    const keys = Object.keys(current);
    // Pushed in reverse so that members are visited in order.
    for (let index = keys.length - 1; index >= 0; index--) {
      const key = keys[index]!;
      const member = current[key];
      const path = `${at}/${escapePointerToken(key)}`;
      if (member === null) {
        throw nullMember(
          path,
          'A merge patch cannot set an object member to null (RFC 7396 §1); use a JSON Patch.',
        );
      }
      values.push(member);
      pointers.push(path);
    }
  }
}

/** One pair of objects being compared, and the merge patch built for it. */
interface DiffFrame {
  readonly from: Record<string, unknown>;
  readonly to: Record<string, unknown>;
  readonly keys: readonly string[];
  index: number;
  readonly pointer: string;
  readonly patch: Record<string, unknown>;
}

function openDiff(
  from: Record<string, unknown>,
  to: Record<string, unknown>,
  pointer: string,
): DiffFrame {
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(from)) if (!hasOwn(to, key)) setOwn(patch, key, null);
  return { from, to, keys: Object.keys(to), index: 0, pointer, patch };
}

/** The merge patch from `from` to `to`, with an explicit stack instead of recursion. */
function mergeDiff(from: unknown, to: unknown): unknown {
  if (!isObject(to) || !isObject(from)) {
    assertRepresentable(to, '');
    return to;
  }
  const parents: DiffFrame[] = [];
  let frame = openDiff(from, to, '');
  for (;;) {
    if (frame.index < frame.keys.length) {
      const key = frame.keys[frame.index]!;
      const next = frame.to[key];
      const path = `${frame.pointer}/${escapePointerToken(key)}`;
      if (!hasOwn(frame.from, key)) {
        if (next === null) {
          throw nullMember(
            path,
            'A merge patch cannot add a member whose value is null (RFC 7396 §1); use a JSON Patch.',
          );
        }
        assertRepresentable(next, path);
        setOwn(frame.patch, key, next);
      } else {
        const previous = frame.from[key];
        if (previous !== next) {
          if (isObject(previous) && isObject(next)) {
            parents.push(frame);
            frame = openDiff(previous, next, path);
            continue;
          }
          if (!deepEqual(previous, next)) {
            if (next === null) {
              throw nullMember(
                path,
                'A merge patch cannot set a member to null (RFC 7396 §1); use a JSON Patch.',
              );
            }
            assertRepresentable(next, path);
            setOwn(frame.patch, key, next);
          }
        }
      }
      frame.index++;
      continue;
    }
    const nested = frame.patch;
    const parent = parents.pop();
    if (parent === undefined) return nested;
    // An unchanged pair of objects leaves no member in the parent's patch.
    if (Object.keys(nested).length > 0) setOwn(parent.patch, parent.keys[parent.index]!, nested);
    parent.index++;
    frame = parent;
  }
}

/**
 * Computes an RFC 7396 merge patch that turns `from` into `to`:
 * `applyMergePatch(from, createMergePatch(from, to))` deep-equals `to`. Arrays that differ are
 * sent whole. Some targets cannot be expressed: an object member whose value is `null`.
 *
 * @param from - the original document
 * @param to - the desired document
 * @returns the merge patch (`{}` when nothing changed and both are objects)
 * @throws HttpError 422 when `to` has a `null` object member (merge patches use null to delete)
 *
 * @example
 * ```ts
 * import { createMergePatch } from '@fielding/json-patch';
 *
 * createMergePatch({ a: 1, b: { c: 2 } }, { b: { c: 3 } }); // { a: null, b: { c: 3 } }
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc7396#section-2
 */
export function createMergePatch(from: unknown, to: unknown): unknown {
  return mergeDiff(from, to);
}
