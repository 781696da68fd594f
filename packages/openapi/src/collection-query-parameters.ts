import type { ParameterObject, SchemaObject } from 'openapi3-ts/oas31';

/**
 * A JSON Schema object as a declaration holds it (often `as const`, so read-only).
 *
 * @example
 * ```ts
 * import type { JsonSchema } from '@fielding/openapi';
 *
 * const title = { type: 'string', minLength: 1 } as const satisfies JsonSchema;
 * ```
 */
export type JsonSchema = { readonly [keyword: string]: unknown };

/**
 * What a filter parser of `@fielding/pagination` says it accepts: `createFilterParser(…)` is one
 * as it is (its `schema` and frozen `operators`).
 *
 * @example
 * ```ts
 * import type { FilterParserDescription } from '@fielding/openapi';
 * import { createFilterParser } from '@fielding/pagination';
 *
 * const filters: FilterParserDescription = createFilterParser({
 *   type: 'object',
 *   properties: { done: { type: 'boolean' } },
 * });
 * ```
 */
export interface FilterParserDescription {
  /** The filters as a JSON Schema object: one scalar or `array` schema per field. */
  readonly schema: {
    readonly properties: Readonly<Record<string, JsonSchema>>;
    readonly required?: readonly string[];
  };
  /** The operators each field accepts (`eq`, `ne`, `gt`, …, `in`, `nin`, `contains`, `prefix`). */
  readonly operators: Readonly<Record<string, readonly string[]>>;
}

/**
 * How a collection pages; the option names are those of pagination's query parsers.
 *
 * @example
 * ```ts
 * import type { PagingDescription } from '@fielding/openapi';
 *
 * const paging: PagingDescription = { style: 'offset', maxPageSize: 50 };
 * ```
 */
export type PagingDescription =
  | {
      /** `?pageIndex=&pageSize=` (parsePageQuery). */
      readonly style: 'page';
      readonly pageIndexParameters?: readonly string[];
      readonly pageSizeParameters?: readonly string[];
      readonly defaultPageSize?: number;
      readonly maxPageSize?: number;
    }
  | {
      /** `?offset=&limit=` (parseOffsetQuery). */
      readonly style: 'offset';
      readonly offsetParameter?: string;
      readonly limitParameter?: string;
      readonly maxOffset?: number;
      readonly defaultPageSize?: number;
      readonly maxPageSize?: number;
    }
  | {
      /** `?cursor=&limit=` (parseCursorQuery): an opaque, signed cursor. */
      readonly style: 'cursor';
      readonly cursorParameter?: string;
      readonly limitParameter?: string;
      readonly defaultPageSize?: number;
      readonly maxPageSize?: number;
    };

/**
 * The query a collection accepts: paging, `sort`, `fields` and filters.
 *
 * @example
 * ```ts
 * import type { CollectionQueryDescription } from '@fielding/openapi';
 *
 * const query: CollectionQueryDescription = {
 *   paging: { style: 'page', maxPageSize: 100 },
 *   sort: { fields: ['createdAt', 'title'], defaultSort: '-createdAt' },
 *   fields: { allowed: ['id', 'title', 'createdAt'] },
 * };
 * ```
 */
export interface CollectionQueryDescription {
  /** Paging style and limits. Default: no paging parameters. */
  readonly paging?: PagingDescription;
  /** The sort allow-list: field names, or pagination's `SortOptions` as they are. */
  readonly sort?: {
    readonly fields: readonly string[] | Readonly<Record<string, unknown>>;
    readonly parameter?: string;
    readonly maxFields?: number;
    readonly defaultSort?: string;
  };
  /** The sparse-fieldset allow-list: pagination's `FieldsOptions` as they are. */
  readonly fields?: {
    readonly allowed: readonly string[];
    readonly parameter?: string;
    readonly maxFields?: number;
  };
  /** The filter parser (`createFilterParser(…)` of `@fielding/pagination`). */
  readonly filters?: FilterParserDescription;
  /** Most values an `in` / `nin` set may hold (the parser's `maxValues`). Default: `100`. */
  readonly maxValues?: number;
}

const RANGES = new Set(['gt', 'gte', 'lt', 'lte']);
const SETS = new Set(['in', 'nin']);
const SEARCHES = new Set(['contains', 'prefix']);
const OPERATOR_WORDS: Readonly<Record<string, string>> = {
  ne: 'not equal to',
  gt: 'greater than',
  gte: 'at least',
  lt: 'less than',
  lte: 'at most',
  in: 'one of',
  nin: 'none of',
  contains: 'containing',
  prefix: 'starting with',
};

/** A copy of a declared schema as an OpenAPI schema object (no `$schema`, never shared). */
export function toSchema(schema: JsonSchema): SchemaObject {
  const { $schema: _dropped, ...rest } = structuredClone(schema) as Record<string, unknown>;
  return rest as SchemaObject;
}

function queryParameter(
  name: string,
  schema: SchemaObject,
  description: string,
  list = false,
): ParameterObject {
  return {
    name,
    in: 'query',
    description,
    schema,
    ...(list && { style: 'form', explode: false }),
  };
}

function listOf(item: SchemaObject, maxItems: number): SchemaObject {
  return { type: 'array', items: item, minItems: 1, maxItems };
}

function pageSizeSchema(paging: PagingDescription): SchemaObject {
  const max = paging.maxPageSize ?? 100;
  return {
    type: 'integer',
    minimum: 1,
    maximum: max,
    default: Math.min(paging.defaultPageSize ?? 20, max),
  };
}

function pagingParameters(paging: PagingDescription): ParameterObject[] {
  const size = pageSizeSchema(paging);
  switch (paging.style) {
    case 'page':
      return [
        queryParameter(
          paging.pageIndexParameters?.[0] ?? 'pageIndex',
          { type: 'integer', minimum: 1, default: 1 },
          'The 1-based page number.',
        ),
        queryParameter(paging.pageSizeParameters?.[0] ?? 'pageSize', size, 'Items per page.'),
      ];
    case 'offset':
      return [
        queryParameter(
          paging.offsetParameter ?? 'offset',
          {
            type: 'integer',
            minimum: 0,
            default: 0,
            ...(paging.maxOffset !== undefined && { maximum: paging.maxOffset }),
          },
          'How many items to skip.',
        ),
        queryParameter(paging.limitParameter ?? 'limit', size, 'Items per page.'),
      ];
    case 'cursor':
      return [
        queryParameter(
          paging.cursorParameter ?? 'cursor',
          { type: 'string', minLength: 1 },
          'An opaque cursor from a `next` or `prev` link; do not build one.',
        ),
        queryParameter(paging.limitParameter ?? 'limit', size, 'Items per page.'),
      ];
  }
}

function filterParameters(filters: FilterParserDescription, maxValues: number): ParameterObject[] {
  const parameters: ParameterObject[] = [];
  const required = new Set(filters.schema.required ?? []);
  for (const [field, declared] of Object.entries(filters.schema.properties)) {
    const schema = toSchema(declared);
    const list = schema.type === 'array';
    const item = list ? (schema.items as SchemaObject) : schema;
    const operators = filters.operators[field] ?? [];
    // A bare `field=` filters by equality; on a list filter it takes a set.
    if (operators.includes(list ? 'in' : 'eq')) {
      const bare = queryParameter(
        field,
        list ? { maxItems: maxValues, ...schema } : schema,
        list ? `Only items whose ${field} is one of these.` : `Only items whose ${field} is this.`,
        list,
      );
      if (required.has(field)) bare.required = true;
      parameters.push(bare);
    }
    for (const operator of operators) {
      if (operator === 'eq') continue;
      const words = OPERATOR_WORDS[operator] ?? operator;
      const name = `${field}[${operator}]`;
      if (SETS.has(operator)) {
        parameters.push(
          queryParameter(
            name,
            listOf(structuredClone(item), maxValues),
            `Only items whose ${field} is ${words} these.`,
            true,
          ),
        );
      } else if (SEARCHES.has(operator)) {
        const search: SchemaObject = { type: 'string', minLength: 1 };
        if (item.maxLength !== undefined) search.maxLength = item.maxLength;
        parameters.push(
          queryParameter(name, search, `Only items whose ${field} is ${words} this text.`),
        );
      } else {
        const bound = structuredClone(item);
        if (RANGES.has(operator)) delete bound.default;
        parameters.push(queryParameter(name, bound, `Only items whose ${field} is ${words} this.`));
      }
    }
  }
  return parameters;
}

/**
 * The query parameters of a collection, as OpenAPI parameter objects: paging (`pageIndex` /
 * `pageSize`, `offset` / `limit` or `cursor` / `limit`), `sort` and `fields` (comma-separated
 * lists of their allow-lists) and one parameter per filter and operator (`status`,
 * `priority[gte]`, `status[in]` as a comma-separated set).
 *
 * @param query - the paging, sort, fields and filter declarations
 * @returns the parameters, in that order
 *
 * @example
 * ```ts
 * import { collectionQueryParameters } from '@fielding/openapi';
 * import { createFilterParser } from '@fielding/pagination';
 *
 * const filters = createFilterParser({
 *   type: 'object',
 *   properties: { priority: { type: 'integer', minimum: 1, maximum: 5 } },
 * });
 * collectionQueryParameters({ paging: { style: 'page' }, sort: { fields: ['priority'] }, filters })
 *   .map((parameter) => parameter.name);
 * // ['pageIndex', 'pageSize', 'sort', 'priority', 'priority[ne]', 'priority[gt]', …, 'priority[nin]']
 * ```
 */
export function collectionQueryParameters(query: CollectionQueryDescription): ParameterObject[] {
  const parameters: ParameterObject[] = [];
  if (query.paging !== undefined) parameters.push(...pagingParameters(query.paging));
  if (query.sort !== undefined) {
    const fields = Array.isArray(query.sort.fields)
      ? (query.sort.fields as readonly string[])
      : Object.keys(query.sort.fields);
    const sort = queryParameter(
      query.sort.parameter ?? 'sort',
      listOf({ type: 'string', enum: fields.flatMap((field) => [field, `-${field}`]) }, 8),
      'Sort keys in order; a leading `-` sorts descending.',
      true,
    );
    (sort.schema as SchemaObject).maxItems = query.sort.maxFields ?? 8;
    if (query.sort.defaultSort !== undefined) {
      (sort.schema as SchemaObject).default = query.sort.defaultSort.split(',');
    }
    parameters.push(sort);
  }
  if (query.fields !== undefined) {
    parameters.push(
      queryParameter(
        query.fields.parameter ?? 'fields',
        listOf({ type: 'string', enum: [...query.fields.allowed] }, query.fields.maxFields ?? 64),
        'The members to include (dotted paths for nested ones); all of them when absent.',
        true,
      ),
    );
  }
  if (query.filters !== undefined) {
    parameters.push(...filterParameters(query.filters, query.maxValues ?? 100));
  }
  return parameters;
}
