import { deepEqual, hasOwn, isObject } from './_json.js';
import { escapePointerToken } from './json-pointer.js';
import type { Operation } from './operation.js';

/**
 * A pair of objects or arrays being compared. The walk keeps these on an explicit stack instead
 * of recursing, so documents nested 100,000 deep are diffed rather than overflowing the stack,
 * and operations come out in the same depth-first order recursion would give.
 */
interface ObjectFrame {
  readonly array: false;
  readonly from: Record<string, unknown>;
  readonly to: Record<string, unknown>;
  readonly path: string;
  readonly keys: readonly string[];
  index: number;
  removed: number;
}

/**
 * Arrays: the equal head and tail are skipped (so one insertion or deletion costs one operation),
 * the remaining pairs are compared element by element, then surplus elements are removed from the
 * back or the missing ones added. Linear time: no LCS, which would be quadratic on the large
 * arrays REST documents carry.
 */
interface ArrayFrame {
  readonly array: true;
  readonly from: readonly unknown[];
  readonly to: readonly unknown[];
  readonly path: string;
  index: number;
  /** End of the compared pairs. */
  readonly end: number;
  readonly endFrom: number;
  readonly endTo: number;
}

type Frame = ObjectFrame | ArrayFrame;

function openArray(from: readonly unknown[], to: readonly unknown[], path: string): ArrayFrame {
  let start = 0;
  let endFrom = from.length;
  let endTo = to.length;
  // Equal lengths: nothing to align, and comparing pair by pair gives the same operations. Skipping
  // the scan also keeps nested arrays linear: scanning deep-compares each level's whole subtree.
  if (endFrom === endTo)
    return { array: true, from, to, path, index: 0, end: endTo, endFrom, endTo };
  while (start < endFrom && start < endTo && deepEqual(from[start], to[start])) start++;
  while (endFrom > start && endTo > start && deepEqual(from[endFrom - 1], to[endTo - 1])) {
    endFrom--;
    endTo--;
  }
  const end = start + Math.min(endFrom - start, endTo - start);
  return { array: true, from, to, path, index: start, end, endFrom, endTo };
}

/**
 * Compares two containers found at `path`: a frame to walk when both are objects or both arrays,
 * otherwise the `replace` (if they differ) is pushed at once.
 */
function open(from: object, to: object, path: string, operations: Operation[]): Frame | undefined {
  if (Array.isArray(from)) {
    if (Array.isArray(to)) return openArray(from, to, path);
    operations.push({ op: 'replace', path, value: to });
  } else if (isObject(from) && isObject(to)) {
    const keys = Object.keys(from);
    return { array: false, from, to, path, keys, index: 0, removed: 0 };
  } else if (!deepEqual(from, to)) {
    operations.push({ op: 'replace', path, value: to });
  }
  return undefined;
}

/** The operations after an object's members: the members only `to` has. */
function closeObject(frame: ObjectFrame, operations: Operation[]): void {
  const { from, to, path } = frame;
  const toKeys = Object.keys(to);
  // Every key of `from` is in `to` and the counts match: nothing was added, skip the scan.
  if (frame.removed === 0 && toKeys.length === frame.keys.length) return;
  for (let index = 0; index < toKeys.length; index++) {
    const key = toKeys[index]!;
    if (!hasOwn(from, key))
      operations.push({ op: 'add', path: path + '/' + escapePointerToken(key), value: to[key] });
  }
}

/** The operations after an array's compared pairs: surplus removed from the back, rest added. */
function closeArray(frame: ArrayFrame, operations: Operation[]): void {
  const { to, path, end } = frame;
  for (let index = frame.endFrom - 1; index >= end; index--) {
    operations.push({ op: 'remove', path: `${path}/${index}` });
  }
  for (let index = end; index < frame.endTo; index++) {
    operations.push({ op: 'add', path: `${path}/${index}`, value: to[index] });
  }
}

function diff(from: unknown, to: unknown, operations: Operation[]): void {
  if (from === to) return;
  if (typeof from !== 'object' || from === null || typeof to !== 'object' || to === null) {
    if (!deepEqual(from, to)) operations.push({ op: 'replace', path: '', value: to });
    return;
  }
  let frame = open(from, to, '', operations);
  const parents: Frame[] = [];
  while (frame !== undefined) {
    let child: Frame | undefined;
    if (frame.array) {
      const { from, to, end } = frame;
      while (frame.index < end && child === undefined) {
        const index = frame.index++;
        const previous = from[index];
        const next = to[index];
        if (previous === next) continue;
        if (
          typeof previous === 'object' &&
          previous !== null &&
          typeof next === 'object' &&
          next !== null
        ) {
          child = open(previous, next, `${frame.path}/${index}`, operations);
        } else {
          operations.push({ op: 'replace', path: `${frame.path}/${index}`, value: next });
        }
      }
    } else {
      const { from, to, keys } = frame;
      while (frame.index < keys.length && child === undefined) {
        const key = keys[frame.index++]!;
        if (!hasOwn(to, key)) {
          operations.push({ op: 'remove', path: frame.path + '/' + escapePointerToken(key) });
          frame.removed++;
          continue;
        }
        const previous = from[key];
        const next = to[key];
        // Equal primitives are the common case: decide them without building a pointer.
        if (previous === next) continue;
        // Spelled out rather than isContainer(): the keyed ~1 MB diff bench measured the helper
        // 1.4–1.7× slower than fast-json-patch, the inline test 1.1× faster.
        if (
          typeof previous === 'object' &&
          previous !== null &&
          typeof next === 'object' &&
          next !== null
        ) {
          child = open(previous, next, frame.path + '/' + escapePointerToken(key), operations);
        } else {
          operations.push({
            op: 'replace',
            path: frame.path + '/' + escapePointerToken(key),
            value: next,
          });
        }
      }
    }
    if (child !== undefined) {
      parents.push(frame);
      frame = child;
      continue;
    }
    if (frame.array) closeArray(frame, operations);
    else closeObject(frame, operations);
    frame = parents.pop();
  }
}

/**
 * Computes an RFC 6902 JSON Patch that turns `from` into `to`:
 * `applyPatch(from, createPatch(from, to))` deep-equals `to`. Values in the patch are shared with
 * `to`, not copied. Runs in linear time; shared subtrees (`===`) are skipped at once.
 *
 * @param from - the original document
 * @param to - the desired document
 * @returns `add`, `remove` and `replace` operations; empty when the documents are deep-equal
 *
 * @example
 * ```ts
 * import { createPatch } from '@fielding/json-patch';
 *
 * createPatch({ title: 'Draft', tags: ['a'] }, { title: 'Final', tags: ['a', 'b'] });
 * // [{ op: 'replace', path: '/title', value: 'Final' }, { op: 'add', path: '/tags/1', value: 'b' }]
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6902#section-4
 */
export function createPatch(from: unknown, to: unknown): Operation[] {
  const operations: Operation[] = [];
  diff(from, to, operations);
  return operations;
}
