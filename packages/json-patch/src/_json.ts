import type { JsonValue } from './json-value.js';

/** A JSON object or array: the only values a patch can change inside. */
export type Container = Record<string, unknown> | unknown[];

/** `Object.hasOwn`: own members only, never the prototype chain. */
export const hasOwn: (object: object, key: PropertyKey) => boolean = Object.hasOwn;

/** True for a non-null object or an array. */
export function isContainer(value: unknown): value is Container {
  return typeof value === 'object' && value !== null;
}

/** True for a JSON object (not an array, not null). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Sets an own data property. `__proto__` goes through `defineProperty`: a plain assignment would
 * call the `Object.prototype.__proto__` setter and change the object's prototype.
 */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, {
      value,
      writable: true,
      enumerable: true,
      configurable: true,
    });
  } else {
    target[key] = value;
  }
}

/** One-level copy that keeps a null prototype and copies `__proto__` as data (spread does). */
export function shallowCopy<T extends Container>(value: T): T {
  if (Array.isArray(value)) return value.slice() as T;
  if (Object.getPrototypeOf(value) === null) {
    const copy = Object.create(null) as Record<string, unknown>;
    for (const key of Object.keys(value)) copy[key] = (value as Record<string, unknown>)[key];
    return copy as T;
  }
  return { ...value };
}

/** A copy of an object without one member, keeping a null prototype. */
export function copyWithout(value: Record<string, unknown>, omit: string): Record<string, unknown> {
  const copy: Record<string, unknown> =
    Object.getPrototypeOf(value) === null ? (Object.create(null) as Record<string, unknown>) : {};
  for (const key of Object.keys(value)) if (key !== omit) setOwn(copy, key, value[key]);
  return copy;
}

/** An empty container of the same kind (a plain object for objects, as `JSON.parse` makes). */
const emptyLike = (value: Container): Container =>
  Array.isArray(value) ? new Array<unknown>(value.length) : {};

/**
 * Deep copy of JSON data; own enumerable keys only, `__proto__` kept as a data member. Iterative:
 * a document nested 100,000 deep is copied, not a stack overflow.
 */
export function deepClone<T>(value: T): T {
  if (!isContainer(value)) return value;
  const root = emptyLike(value);
  const sources: Container[] = [value];
  const copies: Container[] = [root];
  while (sources.length > 0) {
    const source = sources.pop()!;
    const copy = copies.pop()!;
    if (Array.isArray(source)) {
      for (let index = 0; index < source.length; index++) {
        let child = source[index];
        if (isContainer(child)) {
          const childCopy = emptyLike(child);
          sources.push(child);
          copies.push(childCopy);
          child = childCopy;
        }
        (copy as unknown[])[index] = child;
      }
    } else {
      for (const key of Object.keys(source)) {
        let child = source[key];
        if (isContainer(child)) {
          const childCopy = emptyLike(child);
          sources.push(child);
          copies.push(childCopy);
          child = childCopy;
        }
        setOwn(copy as Record<string, unknown>, key, child);
      }
    }
  }
  return root as T;
}

/**
 * JSON deep equality (RFC 6902 §4.6): same type, same members regardless of order. Iterative, so
 * two documents nested 100,000 deep compare instead of overflowing the stack.
 */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!isContainer(a) || !isContainer(b)) return false;
  // Pairs still to compare, flattened: [a0, b0, a1, b1, …].
  const pending: unknown[] = [a, b];
  while (pending.length > 0) {
    const right = pending.pop() as Container;
    const left = pending.pop() as Container;
    if (Array.isArray(left)) {
      if (!Array.isArray(right) || left.length !== right.length) return false;
      for (let index = 0; index < left.length; index++) {
        const x = left[index];
        const y = right[index];
        if (x === y) continue;
        if (!isContainer(x) || !isContainer(y)) return false;
        pending.push(x, y);
      }
      continue;
    }
    if (Array.isArray(right)) return false;
    const keys = Object.keys(left);
    if (keys.length !== Object.keys(right).length) return false;
    for (const key of keys) {
      if (!hasOwn(right, key)) return false;
      const x = left[key];
      const y = right[key];
      if (x === y) continue;
      if (!isContainer(x) || !isContainer(y)) return false;
      pending.push(x, y);
    }
  }
  return true;
}

/**
 * True when a JSON value holds at most `max` values (itself, and every member and element at any
 * depth). Iterative, and stops as soon as the count passes `max`: the cost is bounded by `max`.
 */
export function hasAtMostValues(value: unknown, max: number): boolean {
  let count = 1;
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const current = pending.pop();
    if (Array.isArray(current)) {
      count += current.length;
      if (count > max) return false;
      for (const child of current) if (isContainer(child)) pending.push(child);
    } else if (isContainer(current)) {
      // Object.keys, not Object.values: on a 120,000-member object it costs a third as much.
      const keys = Object.keys(current);
      count += keys.length;
      if (count > max) return false;
      for (const key of keys) {
        const child = (current as Record<string, unknown>)[key];
        if (isContainer(child)) pending.push(child);
      }
    }
  }
  return count <= max;
}

/** The result of {@link measure}: what exceeded a limit, if anything. */
export type MeasureResult = 'depth' | 'size' | undefined;

/**
 * Walks a JSON value iteratively (no recursion, so hostile nesting cannot overflow the stack) and
 * stops as soon as it nests deeper than `maxDepth` or its estimated serialised size passes
 * `maxSize` characters.
 */
export function measure(value: unknown, maxDepth: number, maxSize: number): MeasureResult {
  if (typeof value !== 'object' || value === null) {
    return typeof value === 'string' && value.length + 2 > maxSize ? 'size' : undefined;
  }
  let size = 0;
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 1 }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    const current = item.value;
    if (typeof current === 'string') size += current.length + 2;
    else if (typeof current !== 'object' || current === null) size += 5;
    else {
      if (item.depth > maxDepth) return 'depth';
      size += 2;
      if (Array.isArray(current)) {
        for (const element of current) {
          size += 1;
          stack.push({ value: element, depth: item.depth + 1 });
        }
      } else {
        for (const key of Object.keys(current)) {
          size += key.length + 4;
          stack.push({ value: (current as Record<string, JsonValue>)[key], depth: item.depth + 1 });
        }
      }
    }
    if (size > maxSize) return 'size';
  }
  return undefined;
}
