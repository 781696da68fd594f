// The value order of the Store contract, for stores that sort in JavaScript (memoryStore): strings
// by Unicode code point (PostgreSQL COLLATE "C"), numbers numerically, false before true.
import type { KeysetCondition, OrderTerm } from '@fielding/pagination';
import type { Entry, Filter, FilterScalar } from './store.js';

const isSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdfff;

/** Strings by code point: `<` compares UTF-16 units, which puts U+FFFD after U+1F600. */
export function compareStrings(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let index = 0; index < length; index++) {
    const x = a.charCodeAt(index);
    const y = b.charCodeAt(index);
    if (x === y) continue;
    const sx = isSurrogate(x);
    if (sx === isSurrogate(y)) return x - y;
    // A surrogate starts a code point above U+FFFF: above every other unit.
    return sx ? 1 : -1;
  }
  return a.length - b.length;
}

/** Two present (non-null) scalars of one member; values of different types order by type. */
export function compareScalars(a: unknown, b: unknown): number {
  if (typeof a === 'string' && typeof b === 'string') return compareStrings(a, b);
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return compareStrings(typeof a, typeof b);
}

/** A field of an entry: `id` is the key, anything else a member of the value. */
export function fieldOf(entry: Entry<unknown>, field: string): unknown {
  if (field === 'id') return entry.id;
  const value = entry.value;
  if (typeof value !== 'object' || value === null) return undefined;
  return Object.hasOwn(value, field) ? (value as Record<string, unknown>)[field] : undefined;
}

const isAbsent = (value: unknown): boolean => value === undefined || value === null;

/** The comparator of an ORDER BY, with NULL placement as declared or PostgreSQL's default. */
export function comparatorOf(
  order: readonly OrderTerm[],
): (a: Entry<unknown>, b: Entry<unknown>) => number {
  return (a, b) => {
    for (const term of order) {
      const x = fieldOf(a, term.column);
      const y = fieldOf(b, term.column);
      const ax = isAbsent(x);
      const ay = isAbsent(y);
      let result: number;
      if (ax || ay) {
        if (ax && ay) continue;
        const nullsFirst =
          (term.nulls ?? (term.direction === 'asc' ? 'last' : 'first')) === 'first';
        result = ax === nullsFirst ? -1 : 1;
      } else {
        result = compareScalars(x, y);
        if (term.direction === 'desc') result = -result;
      }
      if (result !== 0) return result;
    }
    return 0;
  };
}

const matchesScalar = (actual: unknown, op: Filter['op'], expected: FilterScalar): boolean => {
  if (isAbsent(actual) || typeof actual !== typeof expected) return false;
  const result = compareScalars(actual, expected);
  switch (op) {
    case 'eq':
      return result === 0;
    case 'lt':
      return result < 0;
    case 'lte':
      return result <= 0;
    case 'gt':
      return result > 0;
    case 'gte':
      return result >= 0;
    default:
      return false;
  }
};

/** Whether an entry satisfies every filter. */
export function matchesFilters(entry: Entry<unknown>, filters: readonly Filter[]): boolean {
  for (const filter of filters) {
    const actual = fieldOf(entry, filter.field);
    if (filter.op === 'in') {
      if (!filter.value.some((value) => matchesScalar(actual, 'eq', value))) return false;
    } else if (!matchesScalar(actual, filter.op, filter.value)) {
      return false;
    }
  }
  return true;
}

/** Whether an entry satisfies a keyset condition (SQL semantics: a comparison with NULL fails). */
export function matchesCondition(entry: Entry<unknown>, condition: KeysetCondition): boolean {
  if ('and' in condition) return condition.and.every((part) => matchesCondition(entry, part));
  if ('or' in condition) return condition.or.some((part) => matchesCondition(entry, part));
  const actual = fieldOf(entry, condition.column);
  switch (condition.operator) {
    case 'IS NULL':
      return isAbsent(actual);
    case 'IS NOT NULL':
      return !isAbsent(actual);
    case '=':
      return !isAbsent(actual) && compareScalars(actual, condition.value) === 0;
    case '<':
      return !isAbsent(actual) && compareScalars(actual, condition.value) < 0;
    case '>':
      return !isAbsent(actual) && compareScalars(actual, condition.value) > 0;
    default:
      return false;
  }
}
