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

/** Deep copy of JSON data; own enumerable keys only, `__proto__` kept as a data member. */
export function deepClone<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    const copy = new Array<unknown>(value.length);
    for (let index = 0; index < value.length; index++) copy[index] = deepClone(value[index]);
    return copy as T;
  }
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value))
    setOwn(copy, key, deepClone((value as Record<string, unknown>)[key]));
  return copy as T;
}

/** JSON deep equality (RFC 6902 §4.6): same type, same members regardless of order. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let index = 0; index < a.length; index++) if (!deepEqual(a[index], b[index])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const aKeys = Object.keys(a);
  if (aKeys.length !== Object.keys(b).length) return false;
  for (const key of aKeys) {
    if (!hasOwn(b, key)) return false;
    if (!deepEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]))
      return false;
  }
  return true;
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
