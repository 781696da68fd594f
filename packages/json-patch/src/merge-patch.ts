import { HttpError } from '@fielding/problem-errors';
import { deepEqual, hasOwn, isObject, setOwn, shallowCopy } from './_json.js';
import { escapePointerToken } from './json-pointer.js';

/** How {@link applyMergePatch} runs. */
export interface MergePatchOptions {
  /**
   * Deepest object nesting of the patch that is followed; deeper is a 413.
   *
   * Default: `100`.
   */
  maxDepth?: number;
}

function merge(target: unknown, patch: unknown, depth: number, maxDepth: number): unknown {
  if (!isObject(patch)) return patch;
  if (depth > maxDepth) {
    throw new HttpError(413, { detail: `The merge patch nests deeper than ${maxDepth} objects.` });
  }
  const base = isObject(target) ? target : undefined;
  let out: Record<string, unknown> | undefined = base ? undefined : {};
  for (const key of Object.keys(patch)) {
    const value = patch[key];
    const present = base !== undefined && hasOwn(base, key);
    if (value === null) {
      if (present) {
        out ??= shallowCopy(base);
        delete out[key];
      }
      continue;
    }
    const current = present ? base[key] : undefined;
    const merged = merge(current, value, depth + 1, maxDepth);
    if (!present || merged !== current) {
      out ??= shallowCopy(base!);
      setOwn(out, key, merged);
    }
  }
  return out ?? base;
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
 * @throws HttpError 413 when the patch nests deeper than `maxDepth`
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
  return merge(target, patch, 1, options.maxDepth ?? 100) as T;
}

/** Throws when a value placed in a merge patch would lose `null` members on the way. */
function assertRepresentable(value: unknown, pointer: string): void {
  if (!isObject(value)) return;
  for (const key of Object.keys(value)) {
    const member = value[key];
    const path = `${pointer}/${escapePointerToken(key)}`;
    if (member === null) {
      throw new HttpError(422, {
        detail:
          'A merge patch cannot set an object member to null (RFC 7396 §1); use a JSON Patch.',
        errors: [{ pointer: path, detail: 'is null' }],
      });
    }
    assertRepresentable(member, path);
  }
}

function mergeDiff(from: unknown, to: unknown, pointer: string): unknown {
  if (!isObject(to) || !isObject(from)) {
    assertRepresentable(to, pointer);
    return to;
  }
  const patch: Record<string, unknown> = {};
  let changed = false;
  for (const key of Object.keys(from)) {
    if (!hasOwn(to, key)) {
      setOwn(patch, key, null);
      changed = true;
    }
  }
  for (const key of Object.keys(to)) {
    const next = to[key];
    const path = `${pointer}/${escapePointerToken(key)}`;
    if (!hasOwn(from, key)) {
      if (next === null) {
        throw new HttpError(422, {
          detail:
            'A merge patch cannot add a member whose value is null (RFC 7396 §1); use a JSON Patch.',
          errors: [{ pointer: path, detail: 'is null' }],
        });
      }
      assertRepresentable(next, path);
      setOwn(patch, key, next);
      changed = true;
      continue;
    }
    const previous = from[key];
    if (previous === next) continue;
    if (isObject(previous) && isObject(next)) {
      const nested = mergeDiff(previous, next, path) as Record<string, unknown>;
      if (Object.keys(nested).length > 0) {
        setOwn(patch, key, nested);
        changed = true;
      }
    } else if (!deepEqual(previous, next)) {
      if (next === null) {
        throw new HttpError(422, {
          detail: 'A merge patch cannot set a member to null (RFC 7396 §1); use a JSON Patch.',
          errors: [{ pointer: path, detail: 'is null' }],
        });
      }
      assertRepresentable(next, path);
      setOwn(patch, key, next);
      changed = true;
    }
  }
  return changed ? patch : {};
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
  return mergeDiff(from, to, '');
}
