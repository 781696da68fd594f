// Turns any value into plain JSON data without throwing: problem members come from user code
// and thrown values, which may be cyclic, hold BigInts or have getters that throw.

/** A JSON value. */
export type JsonValue =
  | null
  | boolean
  | number
  | string
  | JsonValue[]
  | { [key: string]: JsonValue };

/** Nesting depth kept; deeper values become {@link DEPTH_MARKER}. */
export const MAX_DEPTH = 32;
const CIRCULAR_MARKER = '[Circular]';
const DEPTH_MARKER = '[Truncated]';
const UNSERIALIZABLE_MARKER = '[Unserializable]';

/** Sets `key` even when it is `__proto__`, which plain assignment would treat as the prototype. */
export function setMember(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else {
    target[key] = value;
  }
}

/**
 * JSON data for `value`, following `JSON.stringify` rules (`toJSON`, `undefined` members dropped,
 * `undefined` array items as `null`, non-finite numbers as `null`) plus: BigInt → decimal string,
 * cycles → `"[Circular]"`, members whose getter throws dropped, anything else that throws →
 * `"[Unserializable]"`. Returns `undefined` where JSON has no value (functions, symbols).
 */
export function toJsonValue(value: unknown): JsonValue | undefined {
  return convert(value, 0, new Set());
}

function convert(value: unknown, depth: number, ancestors: Set<object>): JsonValue | undefined {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : null;
    case 'bigint':
      return value.toString();
    case 'object':
      break;
    default:
      return undefined;
  }
  if (value === null) return null;
  if (ancestors.has(value)) return CIRCULAR_MARKER;
  if (depth >= MAX_DEPTH) return DEPTH_MARKER;
  ancestors.add(value);
  try {
    return convertObject(value, depth, ancestors);
  } catch {
    return UNSERIALIZABLE_MARKER;
  } finally {
    ancestors.delete(value);
  }
}

function convertObject(
  value: object,
  depth: number,
  ancestors: Set<object>,
): JsonValue | undefined {
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') {
    const replaced: unknown = toJSON.call(value);
    if (replaced !== value) return convert(replaced, depth + 1, ancestors);
  }
  if (Array.isArray(value)) {
    const items: JsonValue[] = [];
    for (let index = 0; index < value.length; index++) {
      let item: unknown;
      try {
        item = value[index];
      } catch {
        item = null;
      }
      items.push(convert(item, depth + 1, ancestors) ?? null);
    }
    return items;
  }
  const result: Record<string, JsonValue> = {};
  for (const key of Object.keys(value)) {
    let member: unknown;
    try {
      member = (value as Record<string, unknown>)[key];
    } catch {
      continue;
    }
    const converted = convert(member, depth + 1, ancestors);
    if (converted !== undefined) setMember(result, key, converted);
  }
  return result;
}
