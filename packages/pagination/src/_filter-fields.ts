// What a filter field's schema allows, shared by the parser and the in-memory predicate.
import type { ArrayFilterSchema, FilterOperator, ScalarFilterSchema } from './filters.js';

export const OPERATORS: readonly FilterOperator[] = [
  'eq',
  'ne',
  'gt',
  'gte',
  'lt',
  'lte',
  'in',
  'nin',
  'contains',
  'prefix',
];
export const RANGES: ReadonlySet<string> = new Set(['gt', 'gte', 'lt', 'lte']);
export const SETS: ReadonlySet<string> = new Set(['in', 'nin']);
export const SEARCHES: ReadonlySet<string> = new Set(['contains', 'prefix']);

export const isDateFormat = (item: ScalarFilterSchema): boolean =>
  item.format === 'date-time' || item.format === 'date';

/** Free text: a string that is neither an enum nor a date, so a part of it means something. */
export const isSearchable = (item: ScalarFilterSchema): boolean =>
  item.type === 'string' && item.enum === undefined && !isDateFormat(item);

/** The operators a field's type allows by default (`contains` and `prefix` must be declared). */
export function typeOperators(item: ScalarFilterSchema): FilterOperator[] {
  if (item.type === 'boolean') return ['eq', 'ne'];
  const ranges = item.type === 'integer' || item.type === 'number' || isDateFormat(item);
  return OPERATORS.filter(
    (operator) => (ranges || !RANGES.has(operator)) && !SEARCHES.has(operator),
  );
}

/** Whether a field's type can take an operator at all, declared or not. */
export const takes = (item: ScalarFilterSchema, operator: string): boolean =>
  (typeOperators(item) as readonly string[]).includes(operator) ||
  (isSearchable(item) && SEARCHES.has(operator));

/** The scalar schema of a field (the items of a list filter); a TypeError for anything else. */
export function itemSchemaOf(
  name: string,
  schema: ScalarFilterSchema | ArrayFilterSchema | undefined,
): ScalarFilterSchema {
  const item: unknown = schema?.type === 'array' ? schema.items : schema;
  const type = (item as { type?: unknown } | null | undefined)?.type;
  if (type !== 'string' && type !== 'integer' && type !== 'number' && type !== 'boolean') {
    throw new TypeError(
      `Filter "${name}" needs a type of string, integer, number or boolean (or an array of one).`,
    );
  }
  return item as ScalarFilterSchema;
}
