import { deepEqual, hasOwn, isObject } from './_json.js';
import { escapePointerToken } from './json-pointer.js';
import type { Operation } from './operation.js';

function diff(from: unknown, to: unknown, path: string, operations: Operation[]): void {
  if (from === to) return;
  if (Array.isArray(from)) {
    if (Array.isArray(to)) diffArrays(from, to, path, operations);
    else operations.push({ op: 'replace', path, value: to });
  } else if (isObject(from) && isObject(to)) {
    diffObjects(from, to, path, operations);
  } else if (!deepEqual(from, to)) {
    operations.push({ op: 'replace', path, value: to });
  }
}

function diffObjects(
  from: Record<string, unknown>,
  to: Record<string, unknown>,
  path: string,
  operations: Operation[],
): void {
  const fromKeys = Object.keys(from);
  let removed = 0;
  for (let index = 0; index < fromKeys.length; index++) {
    const key = fromKeys[index]!;
    if (!hasOwn(to, key)) {
      operations.push({ op: 'remove', path: path + '/' + escapePointerToken(key) });
      removed++;
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
      diff(previous, next, path + '/' + escapePointerToken(key), operations);
    } else {
      operations.push({ op: 'replace', path: path + '/' + escapePointerToken(key), value: next });
    }
  }
  const toKeys = Object.keys(to);
  // Every key of `from` is in `to` and the counts match: nothing was added, skip the scan.
  if (removed === 0 && toKeys.length === fromKeys.length) return;
  for (let index = 0; index < toKeys.length; index++) {
    const key = toKeys[index]!;
    if (!hasOwn(from, key))
      operations.push({ op: 'add', path: path + '/' + escapePointerToken(key), value: to[key] });
  }
}

/**
 * Arrays: skip the equal head and tail (so one insertion or deletion costs one operation),
 * diff the remaining pairs element by element, then remove surplus elements from the back or add
 * the missing ones. Linear time: no LCS, which would be quadratic on the large arrays REST
 * documents carry.
 */
function diffArrays(
  from: readonly unknown[],
  to: readonly unknown[],
  path: string,
  operations: Operation[],
): void {
  let start = 0;
  let endFrom = from.length;
  let endTo = to.length;
  while (start < endFrom && start < endTo && deepEqual(from[start], to[start])) start++;
  while (endFrom > start && endTo > start && deepEqual(from[endFrom - 1], to[endTo - 1])) {
    endFrom--;
    endTo--;
  }
  const common = Math.min(endFrom - start, endTo - start);
  for (let index = start; index < start + common; index++) {
    const previous = from[index];
    const next = to[index];
    if (previous === next) continue;
    if (
      typeof previous === 'object' &&
      previous !== null &&
      typeof next === 'object' &&
      next !== null
    ) {
      diff(previous, next, `${path}/${index}`, operations);
    } else {
      operations.push({ op: 'replace', path: `${path}/${index}`, value: next });
    }
  }
  for (let index = endFrom - 1; index >= start + common; index--) {
    operations.push({ op: 'remove', path: `${path}/${index}` });
  }
  for (let index = start + common; index < endTo; index++) {
    operations.push({ op: 'add', path: `${path}/${index}`, value: to[index] });
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
  diff(from, to, '', operations);
  return operations;
}
