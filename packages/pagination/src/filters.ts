import { issueCollector, issuesFromAjv, type IssueCollector } from '@fielding/problem-errors';
import { Ajv, type ValidateFunction } from 'ajv';
import { isDate, isDateTime } from './_dates.js';
import {
  OPERATORS,
  SEARCHES,
  SETS,
  isDateFormat,
  itemSchemaOf,
  takes,
  typeOperators,
} from './_filter-fields.js';
import { searchParams, toUrl } from './_query.js';

/**
 * JSON Schema of one scalar filter parameter. Other JSON Schema keywords pass through to ajv.
 *
 * @example
 * ```ts
 * import type { ScalarFilterSchema } from '@fielding/pagination';
 *
 * const status: ScalarFilterSchema = { type: 'string', enum: ['draft', 'published'] };
 * ```
 */
export interface ScalarFilterSchema {
  /** The value type; query strings are converted to it. */
  type: 'string' | 'integer' | 'number' | 'boolean';
  /** The allowed values. */
  enum?: readonly (string | number | boolean)[];
  /** `date-time` and `date` strings (RFC 3339) may be compared with range operators. */
  format?: string;
  /** Any other JSON Schema keyword (`minimum`, `pattern`, `default`, …). */
  [keyword: string]: unknown;
}

/** JSON Schema of a list filter: `?status=open,closed` or `?status=open&status=closed`. */
export interface ArrayFilterSchema {
  /** Always `array`. */
  type: 'array';
  /** The schema of each element. */
  items: ScalarFilterSchema;
  /** Any other JSON Schema keyword (`maxItems`, `uniqueItems`, …). */
  [keyword: string]: unknown;
}

/**
 * The declared filters of a collection, as a JSON Schema object: one scalar schema per field
 * (`integer`, `number`, `string`, `boolean`), or an `array` of one for a list filter.
 *
 * @example
 * ```ts
 * import type { FilterSchema } from '@fielding/pagination';
 *
 * const filters = {
 *   type: 'object',
 *   properties: {
 *     priority: { type: 'integer', minimum: 1, maximum: 5 },
 *     status: { type: 'string', enum: ['draft', 'published'] },
 *     createdAt: { type: 'string', format: 'date-time' },
 *   },
 * } as const satisfies FilterSchema;
 * ```
 */
export interface FilterSchema {
  /** Always `object`. */
  type: 'object';
  /** One schema per filter field. */
  properties: Readonly<Record<string, ScalarFilterSchema | ArrayFilterSchema>>;
  /** Fields that must be filtered on. */
  required?: readonly string[];
}

/** The value type of a scalar filter schema: its `enum` members, or its JSON type. */
export type ScalarValue<S extends ScalarFilterSchema> =
  EnumOf<S> extends never ? JsonTypeOf<S['type']> : EnumOf<S>;

/** The members of a scalar filter schema's `enum`, or `never` without one. */
export type EnumOf<S extends ScalarFilterSchema> = 'enum' extends keyof S
  ? NonNullable<S['enum']>[number]
  : never;

/** The TypeScript type of a JSON Schema scalar type name. */
export type JsonTypeOf<T extends ScalarFilterSchema['type']> = T extends 'integer' | 'number'
  ? number
  : T extends 'boolean'
    ? boolean
    : string;

/** The value type of a filter schema; a list for `array`. */
export type FilterValue<S extends ScalarFilterSchema | ArrayFilterSchema> =
  S extends ArrayFilterSchema
    ? ScalarValue<S['items']>[]
    : S extends ScalarFilterSchema
      ? ScalarValue<S>
      : never;

/** The names in a filter schema's `required` list. */
export type RequiredKeys<S extends FilterSchema> = S['required'] extends readonly (infer K)[]
  ? K
  : never;

/**
 * The typed equality values of a {@link FilterSchema} (what the parser itself returns): required
 * filters present, the rest optional; a list for `array` filters.
 *
 * @example
 * ```ts
 * import type { FilterValues } from '@fielding/pagination';
 *
 * type Values = FilterValues<{ type: 'object'; properties: { age: { type: 'integer' } } }>;
 * // { age?: number }
 * ```
 */
export type FilterValues<S extends FilterSchema> = {
  -readonly [K in keyof S['properties'] as K extends RequiredKeys<S> ? K : never]: FilterValue<
    S['properties'][K]
  >;
} & {
  -readonly [K in keyof S['properties'] as K extends RequiredKeys<S> ? never : K]?: FilterValue<
    S['properties'][K]
  >;
};

/**
 * A filter operator, written `field[operator]=value`: `eq` (the default of `field=value`), `ne`;
 * the ranges `gt`, `gte`, `lt`, `lte` (numbers, integers, `date-time` and `date` strings); the
 * sets `in`, `nin` (comma-separated; not for booleans); and, only where declared in
 * {@link FilterParserOptions.operators}, the text searches `contains` and `prefix` (free strings).
 *
 * @example
 * ```ts
 * import type { FilterOperator } from '@fielding/pagination';
 *
 * const ranges: FilterOperator[] = ['gte', 'lt']; // ?age[gte]=3&age[lt]=10
 * ```
 */
export type FilterOperator =
  | 'eq'
  | 'ne'
  | 'gt'
  | 'gte'
  | 'lt'
  | 'lte'
  | 'in'
  | 'nin'
  | 'contains'
  | 'prefix';

type RangeOperator = 'gt' | 'gte' | 'lt' | 'lte';
type ItemOf<F> = F extends ArrayFilterSchema ? F['items'] : F;
type ScalarOperatorOf<I extends ScalarFilterSchema> = I['type'] extends 'integer' | 'number'
  ? 'eq' | 'ne' | RangeOperator
  : I['type'] extends 'boolean'
    ? 'eq' | 'ne'
    : I extends { format: 'date-time' | 'date' }
      ? 'eq' | 'ne' | RangeOperator
      : 'enum' extends keyof I
        ? 'eq' | 'ne'
        : 'eq' | 'ne' | 'contains' | 'prefix';
type ConditionOf<K extends string, I extends ScalarFilterSchema> =
  | { field: K; operator: ScalarOperatorOf<I>; value: ScalarValue<I> }
  | (I['type'] extends 'boolean'
      ? never
      : { field: K; operator: 'in' | 'nin'; value: ScalarValue<I>[] });
type FieldName<S extends FilterSchema> = keyof S['properties'] & string;

/**
 * One filter condition as data, for a store to run: `{ field, operator, value }`, where `value`
 * is a list for `in` and `nin` and one value (of the field's type) otherwise. Typed per field
 * for an `as const` schema; every condition holds (`AND`). {@link filterPredicate} runs them on
 * objects in memory.
 *
 * @example
 * ```ts
 * import type { FilterCondition } from '@fielding/pagination';
 *
 * // ?priority[gte]=3&status=draft,published
 * const where: FilterCondition[] = [
 *   { field: 'priority', operator: 'gte', value: 3 },
 *   { field: 'status', operator: 'in', value: ['draft', 'published'] },
 * ];
 * ```
 */
export type FilterCondition<S extends FilterSchema = FilterSchema> =
  string extends FieldName<S>
    ?
        | {
            field: string;
            operator: Exclude<FilterOperator, 'in' | 'nin'>;
            value: string | number | boolean;
          }
        | { field: string; operator: 'in' | 'nin'; value: (string | number | boolean)[] }
    : { [K in FieldName<S>]: ConditionOf<K, ItemOf<S['properties'][K]>> }[FieldName<S>];

/** Options of {@link createFilterParser}. */
export interface FilterParserOptions<S extends FilterSchema = FilterSchema> {
  /**
   * An ajv instance to compile the field schemas with (for custom formats or keywords); a
   * private one otherwise, which knows the `date-time` and `date` formats.
   */
  ajv?: Ajv;
  /**
   * The operators allowed per field (`{ email: ['eq'], name: ['eq', 'prefix'] }`). `contains`
   * and `prefix` are allowed only where listed here.
   * @defaultValue every operator the field's type allows, except `contains` and `prefix`
   */
  operators?: { readonly [K in FieldName<S>]?: readonly FilterOperator[] };
  /**
   * The query parameters that are not filters (paging, `sort`, `fields`, …). Give them to answer
   * 400 to every other parameter that is not a declared filter; without them, undeclared
   * parameters are left alone.
   */
  otherParameters?: readonly string[];
  /**
   * Most conditions one query may hold (each `field[operator]` parameter is one).
   * @defaultValue 20
   */
  maxConditions?: number;
  /**
   * Most values one `in` / `nin` set (or list filter) may hold.
   * @defaultValue 100
   */
  maxValues?: number;
}

/**
 * Parses and validates the filter parameters of one request. Called, it returns the equality
 * filters as typed values; `conditions` returns every condition, operators included; `schema`
 * and `operators` say what it accepts (for an OpenAPI document).
 *
 * @example
 * ```ts
 * import { createFilterParser, type FilterParser } from '@fielding/pagination';
 *
 * const schema = { type: 'object', properties: { age: { type: 'integer' } } } as const;
 * const parseFilters: FilterParser<typeof schema> = createFilterParser(schema);
 * parseFilters('/pets?age=3'); // { age: 3 }
 * parseFilters.conditions('/pets?age[gte]=3'); // [{ field: 'age', operator: 'gte', value: 3 }]
 * parseFilters.operators.age; // ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'nin']
 * ```
 */
export interface FilterParser<S extends FilterSchema> {
  /**
   * The equality filters (`field=value`) as values; any other operator is a 400.
   * @param url - the request, its URL, or a URL string
   * @returns the typed values
   */
  (url: URL | string | Request): FilterValues<S>;
  /**
   * Every condition of the query in query order, then one per schema `default` not filtered on.
   * @param url - the request, its URL, or a URL string
   * @returns the conditions, at most `maxConditions` from the query
   */
  conditions(url: URL | string | Request): FilterCondition<S>[];
  /** The schema the parser was made from. */
  readonly schema: S;
  /** The operators each field accepts, frozen. */
  readonly operators: { readonly [K in FieldName<S>]: readonly FilterOperator[] };
}

type Scalar = string | number | boolean;
type Condition = { field: string; operator: FilterOperator; value: Scalar | Scalar[] };

// Longest parameter name read as a filter, and longest value (or set member) accepted.
const MAX_NAME_LENGTH = 128;
const MAX_VALUE_LENGTH = 1024;
const BRACKETED = /^([^[\]]+)\[([^[\]]*)\]$/;
const INTEGER = /^-?\d+$/;
const NUMBER = /^-?\d+(?:\.\d+)?(?:e[+-]?\d+)?$/i;
// `+` means a space in a query string, so `…T10:00:00+02:00` sent unencoded arrives as
// `…T10:00:00 02:00`; a space just before the offset can only have been that `+`.
const SPACED_OFFSET = / (\d{2}:\d{2})$/;

interface Field {
  name: string;
  item: ScalarFilterSchema;
  /** An `array` schema: the filter takes a set, and a bare value is one. */
  list: boolean;
  /** A bare value with a comma is a set: the field's values can hold no comma. */
  splits: boolean;
  /** Operators allowed by type and options. */
  operators: readonly FilterOperator[];
  validateItem: ValidateFunction;
  validateList: ValidateFunction | undefined;
  /** Checks a `contains` / `prefix` term: a part of a value, so only its length is known. */
  validateSearch: ValidateFunction | undefined;
  /** The condition of the schema's `default`, when it has one. */
  fallback: Condition | undefined;
}

interface Pending {
  name: string;
  field: Field;
  operator: FilterOperator;
  values: string[];
  /** Already reported as given twice. */
  repeated: boolean;
}

/** A query string value converted to the field's JSON type, or `undefined` when it is not one. */
function convert(raw: string, item: ScalarFilterSchema): Scalar | undefined {
  switch (item.type) {
    case 'integer': {
      const value = Number(raw) + 0; // `-0` is 0
      return INTEGER.test(raw) && Number.isSafeInteger(value) ? value : undefined;
    }
    case 'number': {
      const value = Number(raw) + 0;
      return NUMBER.test(raw) && Number.isFinite(value) ? value : undefined;
    }
    case 'boolean':
      return raw === 'true' ? true : raw === 'false' ? false : undefined;
    default:
      return item.format === 'date-time' ? raw.replace(SPACED_OFFSET, '+$1') : raw;
  }
}

function compileField(
  name: string,
  schema: ScalarFilterSchema | ArrayFilterSchema,
  ajv: Ajv,
  allowed: readonly FilterOperator[] | undefined,
): Field {
  const list = schema.type === 'array';
  const item = itemSchemaOf(name, schema);
  const byType = typeOperators(item);
  for (const operator of allowed ?? []) {
    if (!takes(item, operator)) {
      throw new TypeError(
        `Filter "${name}" (${item.type}) cannot take the operator "${operator}".`,
      );
    }
  }
  const operators = allowed === undefined ? byType : OPERATORS.filter((op) => allowed.includes(op));
  const members = item.enum;
  const maxLength = typeof item['maxLength'] === 'number' ? item['maxLength'] : undefined;
  const field: Field = {
    name,
    item,
    list,
    splits:
      list ||
      item.type === 'integer' ||
      item.type === 'number' ||
      isDateFormat(item) ||
      (Array.isArray(members) &&
        members.every((member) => typeof member !== 'string' || !member.includes(','))),
    operators: Object.freeze(operators),
    validateItem: ajv.compile(item),
    validateList: list ? ajv.compile(schema) : undefined,
    validateSearch: operators.some((op) => SEARCHES.has(op))
      ? ajv.compile({ type: 'string', minLength: 1, ...(maxLength !== undefined && { maxLength }) })
      : undefined,
    fallback: undefined,
  };
  if (schema.default !== undefined) {
    const value = schema.default as Scalar | Scalar[];
    const validate = field.validateList ?? field.validateItem;
    if (!validate(value)) {
      throw new TypeError(`The default of filter "${name}" does not fit its schema.`);
    }
    field.fallback = { field: name, operator: list ? 'in' : 'eq', value };
  }
  return field;
}

function displayName(name: string): string {
  return name.length > MAX_NAME_LENGTH ? `${name.slice(0, MAX_NAME_LENGTH)}…` : name;
}

/**
 * Compiles a filter schema once and returns its parser. `field=value` filters by equality;
 * `field[op]=value` by any {@link FilterOperator} the field's type allows (narrowed, or widened to
 * `contains` / `prefix`, per field by `options.operators`). A bare value with commas is a set when
 * the field's values hold no comma (numbers, enums, dates, list filters). Values are converted to
 * the field's type and validated with ajv; anything else is a 400 listing what is allowed.
 *
 * @param schema - the filters as a JSON Schema object (declare it `as const` for exact types)
 * @param options - ajv instance, allowed operators, other parameters, limits
 * @returns the parser; it throws 400 problem details naming each bad parameter
 * @throws TypeError for a schema or option the parser cannot use (a programming error)
 *
 * @example
 * ```ts
 * import { createFilterParser } from '@fielding/pagination';
 *
 * const parseFilters = createFilterParser({
 *   type: 'object',
 *   properties: { age: { type: 'integer', minimum: 0 }, status: { type: 'string', enum: ['open', 'closed'] } },
 * } as const);
 * parseFilters.conditions('https://api.test/pets?age[gte]=3&status=open,closed');
 * // [{ field: 'age', operator: 'gte', value: 3 }, { field: 'status', operator: 'in', value: ['open', 'closed'] }]
 * ```
 * @see https://ajv.js.org/json-schema.html
 */
export function createFilterParser<const S extends FilterSchema>(
  schema: S,
  options: FilterParserOptions<S> = {},
): FilterParser<S> {
  const ajv =
    options.ajv ?? new Ajv({ allErrors: true, formats: { 'date-time': isDateTime, date: isDate } });
  const maxConditions = options.maxConditions ?? 20;
  const maxValues = options.maxValues ?? 100;
  const operators = (options.operators ?? {}) as Readonly<
    Record<string, readonly FilterOperator[] | undefined>
  >;
  const fields = new Map<string, Field>();
  for (const name of Object.keys(schema.properties)) {
    fields.set(name, compileField(name, schema.properties[name]!, ajv, operators[name]));
  }
  for (const name of Object.keys(operators)) {
    if (!fields.has(name)) throw new TypeError(`"operators" names an unknown filter "${name}".`);
  }
  const required = schema.required ?? [];
  const other =
    options.otherParameters === undefined ? undefined : new Set(options.otherParameters);
  for (const name of other ?? []) {
    if (fields.has(name)) throw new TypeError(`"${name}" is a filter and an other parameter.`);
  }
  const known = [...fields.keys()].join(', ');

  /** The field and operator a parameter names, `undefined` when it is no filter. */
  function target(name: string): { field: Field; operator: string | undefined } | undefined {
    const exact = fields.get(name);
    if (exact !== undefined) return { field: exact, operator: undefined };
    if (name.length > MAX_NAME_LENGTH) return undefined;
    const match = BRACKETED.exec(name);
    const field = match === null ? undefined : fields.get(match[1]!);
    return field === undefined ? undefined : { field, operator: match![2]! };
  }

  function read(url: URL | string | Request, equalityOnly: boolean): Condition[] {
    const issues = issueCollector();
    const pending = new Map<string, Pending>();
    const touched = new Set<Field>();
    let full = false;
    for (const [name, raw] of searchParams(toUrl(url))) {
      if (other?.has(name)) continue;
      const found = target(name);
      if (found === undefined) {
        if (other !== undefined) {
          issues.add(() => ({
            parameter: displayName(name),
            detail: `is not a filter; filter by one of: ${known}`,
          }));
        }
        continue;
      }
      const { field } = found;
      touched.add(field);
      const allowed = equalityOnly
        ? field.operators.filter((op) => op === (field.list ? 'in' : 'eq'))
        : field.operators;
      let operator: FilterOperator;
      if (found.operator === undefined) {
        operator = field.list || (field.splits && raw.includes(',')) ? 'in' : 'eq';
        if (!allowed.includes(operator)) operator = 'eq';
      } else if ((OPERATORS as readonly string[]).includes(found.operator)) {
        operator = found.operator as FilterOperator;
      } else {
        issues.add({
          parameter: name,
          detail: `has an unknown operator; use one of: ${allowed.join(', ')}`,
        });
        continue;
      }
      if (!allowed.includes(operator)) {
        issues.add({
          parameter: name,
          detail: `cannot use "${operator}" on ${field.name}; use one of: ${allowed.join(', ')}`,
        });
        continue;
      }
      let entry = pending.get(name);
      if (entry === undefined) {
        if (pending.size >= maxConditions) {
          if (!full) {
            issues.add({
              parameter: name,
              detail: `is over the limit of ${maxConditions} filter conditions`,
            });
          }
          full = true;
          continue;
        }
        entry = { name, field, operator, values: [], repeated: false };
        pending.set(name, entry);
      }
      if (SETS.has(operator)) {
        if (entry.values.length <= maxValues) {
          entry.values.push(...raw.split(',', maxValues + 1 - entry.values.length));
        }
      } else if (entry.values.length === 0) {
        entry.values.push(raw);
      } else if (entry.values[0] !== raw && !entry.repeated) {
        entry.repeated = true;
        issues.add({ parameter: name, detail: 'must be given only once' });
      }
    }

    const conditions: Condition[] = [];
    const filtered = new Set<string>();
    for (const entry of pending.values()) {
      if (entry.repeated) continue;
      const condition = validate(entry, issues);
      if (condition === undefined) continue;
      if (equalityOnly && filtered.has(entry.field.name)) {
        issues.add({ parameter: entry.name, detail: 'must be given only once' });
      }
      filtered.add(entry.field.name);
      conditions.push(condition);
    }
    for (const field of fields.values()) {
      if (touched.has(field)) continue;
      const { fallback } = field;
      if (fallback !== undefined) {
        const value = Array.isArray(fallback.value) ? [...fallback.value] : fallback.value;
        conditions.push({ ...fallback, value });
      } else if (required.includes(field.name)) {
        issues.add({ parameter: field.name, detail: 'is required' });
      }
    }
    if (issues.total > 0) throw issues.error({ status: 400 });
    return conditions;
  }

  /** Reports ajv's errors on one parameter, each wording once (a set of bad members says it once). */
  function reportAjv(name: string, validator: ValidateFunction, issues: IssueCollector): undefined {
    const details = new Set(issuesFromAjv(validator.errors, { in: 'query' }).map((i) => i.detail));
    for (const detail of details) issues.add({ parameter: name, detail });
    return undefined;
  }

  function validate(entry: Pending, issues: IssueCollector): Condition | undefined {
    const { name, field, operator, values } = entry;
    const set = SETS.has(operator);
    if (values.length > maxValues) {
      issues.add({ parameter: name, detail: `must list at most ${maxValues} values` });
      return undefined;
    }
    const converted: Scalar[] = [];
    for (const raw of values) {
      if (raw.length > MAX_VALUE_LENGTH) {
        issues.add({ parameter: name, detail: `must be at most ${MAX_VALUE_LENGTH} characters` });
        return undefined;
      }
      if (SEARCHES.has(operator)) {
        if (!field.validateSearch!(raw)) return reportAjv(name, field.validateSearch!, issues);
        converted.push(raw);
        continue;
      }
      const value = convert(raw, field.item);
      if (value === undefined) {
        issues.add({ parameter: name, detail: `must be ${field.item.type}` });
        return undefined;
      }
      // Checked here too, so that no ajv setting lets a store receive a date it cannot compare.
      const { format } = field.item;
      if (
        (format === 'date-time' && !isDateTime(value as string)) ||
        (format === 'date' && !isDate(value as string))
      ) {
        issues.add({ parameter: name, detail: `must match format "${format}"` });
        return undefined;
      }
      // With the list schema, each member is checked by the array validator below.
      if (!(set && field.list) && !field.validateItem(value)) {
        return reportAjv(name, field.validateItem, issues);
      }
      converted.push(value);
    }
    if (set && field.validateList !== undefined && !field.validateList(converted)) {
      return reportAjv(name, field.validateList, issues);
    }
    return { field: field.name, operator, value: set ? converted : converted[0]! };
  }

  function parseFilters(url: URL | string | Request): FilterValues<S> {
    const values: Record<string, unknown> = {};
    for (const condition of read(url, true)) values[condition.field] = condition.value;
    return values as FilterValues<S>;
  }
  parseFilters.conditions = (url: URL | string | Request): FilterCondition<S>[] =>
    read(url, false) as FilterCondition<S>[];
  parseFilters.schema = schema;
  parseFilters.operators = Object.freeze(
    Object.fromEntries([...fields.values()].map((field) => [field.name, field.operators])),
  ) as FilterParser<S>['operators'];
  return parseFilters;
}
