import { issuesFromAjv, validationError, type ValidationIssue } from '@fielding/problem-errors';
import Ajv from 'ajv';
import { searchParams, singleValue, toUrl } from './_query.js';

/** JSON Schema of one scalar filter parameter. Other JSON Schema keywords pass through to ajv. */
export interface ScalarFilterSchema {
  /** The value type; query strings are coerced to it. */
  type: 'string' | 'integer' | 'number' | 'boolean';
  /** The allowed values. */
  enum?: readonly (string | number | boolean)[];
  /** Any other JSON Schema keyword (`minimum`, `pattern`, `format`, `default`, …). */
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

/** The declared filters of a collection, as a JSON Schema object. */
export interface FilterSchema {
  /** Always `object`. */
  type: 'object';
  /** One schema per filter parameter. */
  properties: Readonly<Record<string, ScalarFilterSchema | ArrayFilterSchema>>;
  /** Filters that must be present. */
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

/** The typed values of a {@link FilterSchema}: required filters present, the rest optional. */
export type FilterValues<S extends FilterSchema> = {
  -readonly [K in keyof S['properties'] as K extends RequiredKeys<S> ? K : never]: FilterValue<
    S['properties'][K]
  >;
} & {
  -readonly [K in keyof S['properties'] as K extends RequiredKeys<S> ? never : K]?: FilterValue<
    S['properties'][K]
  >;
};

/** Options of {@link createFilterParser}. */
export interface FilterParserOptions {
  /** An ajv instance to compile with (for custom formats or keywords); a private one otherwise. */
  ajv?: Ajv;
}

/** Parses and validates the filter parameters of one request. */
export type FilterParser<S extends FilterSchema> = (url: URL | string | Request) => FilterValues<S>;

/**
 * Compiles a filter schema once and returns the parser for it. Only declared parameters are
 * read (paging and sort parameters are left alone); values are coerced to the declared types,
 * list filters split on commas; defaults from the schema apply.
 *
 * @param schema - the filters as a JSON Schema object (declare it `as const` for exact types)
 * @param options - an ajv instance to use
 * @returns a parser that returns typed values or throws 400 naming the bad parameter
 *
 * @example
 * ```ts
 * import { createFilterParser } from '@fielding/pagination';
 *
 * const parseFilters = createFilterParser({
 *   type: 'object',
 *   properties: { age: { type: 'integer', minimum: 0 }, status: { type: 'array', items: { type: 'string', enum: ['open', 'closed'] } } },
 * } as const);
 * parseFilters('https://api.test/pets?age=3&status=open,closed'); // { age: 3, status: ['open', 'closed'] }
 * ```
 * @see https://ajv.js.org/coercion.html
 */
export function createFilterParser<const S extends FilterSchema>(
  schema: S,
  options: FilterParserOptions = {},
): FilterParser<S> {
  const ajv = options.ajv ?? new Ajv({ allErrors: true, coerceTypes: 'array', useDefaults: true });
  const validate = ajv.compile(schema);
  const names = Object.keys(schema.properties);
  return function parseFilters(url: URL | string | Request): FilterValues<S> {
    const params = searchParams(toUrl(url));
    const issues: ValidationIssue[] = [];
    const data: Record<string, unknown> = {};
    for (const name of names) {
      if (schema.properties[name]!.type === 'array') {
        const values = params.getAll(name).flatMap((value) => value.split(','));
        if (values.length > 0) data[name] = values;
      } else {
        const raw = singleValue(params, [name], issues);
        if (raw !== undefined) data[name] = raw.value;
      }
    }
    if (issues.length > 0) throw validationError(issues, { status: 400 });
    if (!validate(data)) {
      throw validationError(issuesFromAjv(validate.errors, { in: 'query' }), { status: 400 });
    }
    return data as FilterValues<S>;
  };
}
