import { instantOf, isDate } from './_dates.js';
import { OPERATORS, SETS, itemSchemaOf, takes } from './_filter-fields.js';
import type { FilterCondition, FilterSchema, ScalarFilterSchema } from './filters.js';

/** A value reduced to what compares: numbers, strings, booleans, or a date-time in nanoseconds. */
type Key = number | string | boolean | bigint;

/** How a field's values become keys; `undefined` for a value of another type. */
function keyOf(item: ScalarFilterSchema): (value: unknown) => Key | undefined {
  switch (item.type) {
    case 'integer':
    case 'number':
      return (value) => (typeof value === 'number' && !Number.isNaN(value) ? value : undefined);
    case 'boolean':
      return (value) => (typeof value === 'boolean' ? value : undefined);
    default:
      if (item.format === 'date-time') {
        return (value) => {
          if (typeof value === 'string') return instantOf(value);
          const ms = value instanceof Date ? value.getTime() : Number.NaN;
          return Number.isNaN(ms) ? undefined : BigInt(ms) * 1_000_000n;
        };
      }
      if (item.format === 'date') {
        return (value) => {
          const date =
            value instanceof Date && !Number.isNaN(value.getTime())
              ? value.toISOString().slice(0, 10) // the UTC date
              : value;
          return typeof date === 'string' && isDate(date) ? date : undefined;
        };
      }
      return (value) => (typeof value === 'string' ? value : undefined);
  }
}

type Test = (key: Key) => boolean;

function testOf(operator: string, value: Key, values: ReadonlySet<Key>): Test {
  switch (operator) {
    case 'eq':
      return (key) => key === value;
    case 'ne':
      return (key) => key !== value;
    case 'gt':
      return (key) => key > value;
    case 'gte':
      return (key) => key >= value;
    case 'lt':
      return (key) => key < value;
    case 'lte':
      return (key) => key <= value;
    case 'in':
      return (key) => values.has(key);
    case 'nin':
      return (key) => !values.has(key);
    case 'contains':
      return (key) => (key as string).includes(value as string);
    default: // prefix
      return (key) => (key as string).startsWith(value as string);
  }
}

/**
 * Turns filter conditions into a predicate for objects in memory, with the meaning a SQL store
 * gives them: all conditions hold (`AND`); numbers, strings and booleans compare by value;
 * `date-time` fields as instants (any offset, up to nanoseconds; strings or `Date`s), `date` fields
 * as `YYYY-MM-DD` (a `Date` by its UTC date); `contains` and `prefix` are case-sensitive. A missing,
 * `null` or ill-typed value satisfies no condition — not even `ne` or `nin`, as SQL's `NULL`.
 *
 * @param schema - the filter schema the conditions were parsed with
 * @param conditions - from {@link FilterParser.conditions}, or written by hand
 * @returns a predicate for `Array.prototype.filter`
 * @throws TypeError for a condition the schema does not allow (a programming error)
 *
 * @example
 * ```ts
 * import { createFilterParser, filterPredicate } from '@fielding/pagination';
 *
 * const schema = { type: 'object', properties: { age: { type: 'integer' } } } as const;
 * const where = createFilterParser(schema).conditions('/pets?age[gte]=3');
 * [{ age: 2 }, { age: 5 }].filter(filterPredicate(schema, where)); // [{ age: 5 }]
 * ```
 */
export function filterPredicate<const S extends FilterSchema>(
  schema: S,
  conditions: readonly FilterCondition<S>[],
): (item: object) => boolean {
  const checks = conditions.map(({ field, operator, value }: FilterCondition) => {
    if (!Object.hasOwn(schema.properties, field)) {
      throw new TypeError(`Condition on "${field}", which is no filter of the schema.`);
    }
    const item = itemSchemaOf(field, schema.properties[field]);
    if (!(OPERATORS as readonly string[]).includes(operator) || !takes(item, operator)) {
      throw new TypeError(`Filter "${field}" (${item.type}) cannot take "${operator}".`);
    }
    const key = keyOf(item);
    const set = SETS.has(operator);
    const members = Array.isArray(value) ? value.map(key) : [];
    const single = Array.isArray(value) ? undefined : key(value);
    if (set ? !Array.isArray(value) || members.includes(undefined) : single === undefined) {
      throw new TypeError(`The value of "${field}[${operator}]" does not fit the filter.`);
    }
    const test = testOf(operator, single ?? '', new Set(members as Key[]));
    return (record: Readonly<Record<string, unknown>>): boolean => {
      const own = record[field];
      const found = own === null || own === undefined ? undefined : key(own);
      return found !== undefined && test(found);
    };
  });
  return function matchesFilters(item: object): boolean {
    const record = item as Readonly<Record<string, unknown>>;
    return checks.every((check) => check(record));
  };
}
