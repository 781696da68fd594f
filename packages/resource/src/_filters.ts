// The one adapter between declared filters and @fielding/pagination's filter parser: equality
// and sets (`done=false`, `status=draft,published`) and, for members that order (numbers and
// strings), range operators in brackets (`priority[gte]=3`, `title[lt]=m`). The operators are
// parameters of the parser's schema named `priority[gte]`, so pagination parses, coerces and
// validates every one of them; the rest of the package consumes `Filter[]`.
//
// BELONGS IN @fielding/pagination: answering 400 for a query parameter that is neither a filter
// nor one the collection reads (paging, sort, fields, …); `createFilterParser` ignores unknown
// parameters, and the brief asks for a 400 naming them.
import {
  createFilterParser,
  type FilterSchema,
  type ScalarFilterSchema,
} from '@fielding/pagination';
import { badRequest, type ValidationIssue } from '@fielding/problem-errors';
import type { JsonSchemaObject } from './schema-types.js';
import type { Filter, FilterScalar } from './store.js';

/** Reads the filters of one request; throws 400 for an invalid value or unknown parameter. */
export type FilterReader = (url: URL) => Filter[];

const SCALAR_TYPES = new Set(['string', 'integer', 'number', 'boolean']);
// The validation keywords a query value is checked with; annotations and `default` (which would
// make a filter always apply) are left out.
const VALUE_KEYWORDS = [
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minLength',
  'maxLength',
  'pattern',
] as const;

/**
 * The scalar schema a query value of a member is validated with, or a TypeError at declaration
 * time for a member that cannot be filtered on (an object, an array).
 */
export function scalarSchemaOf(
  name: string,
  property: JsonSchemaObject | boolean | undefined,
): ScalarFilterSchema {
  const source: JsonSchemaObject = typeof property === 'object' ? property : {};
  const types =
    source.type === undefined ? [] : typeof source.type === 'string' ? [source.type] : source.type;
  const values = source.enum ?? (source.const === undefined ? undefined : [source.const]);
  const scalars = values?.filter(
    (value): value is FilterScalar =>
      typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean',
  );
  const type =
    types.find((candidate) => SCALAR_TYPES.has(candidate)) ??
    (scalars !== undefined && scalars.length > 0
      ? typeOfValue(scalars[0] as FilterScalar)
      : undefined);
  if (type === undefined) {
    throw new TypeError(
      `"${name}" cannot be a filter or query parameter: it is not a string, number, integer or boolean.`,
    );
  }
  const schema: Record<string, unknown> = { type };
  if (scalars !== undefined) schema.enum = scalars;
  for (const keyword of VALUE_KEYWORDS) {
    if (source[keyword] !== undefined) schema[keyword] = source[keyword];
  }
  return schema as unknown as ScalarFilterSchema;
}

function typeOfValue(value: FilterScalar): ScalarFilterSchema['type'] {
  return typeof value === 'string' ? 'string' : typeof value === 'boolean' ? 'boolean' : 'number';
}

const refuse = (issues: readonly ValidationIssue[]): never => {
  throw badRequest({
    detail:
      issues.length === 1
        ? (issues[0] as ValidationIssue).detail
        : 'The query has unknown parameters.',
    errors: issues,
  });
};

/**
 * Refuses (400) every query parameter that is not in `known`; returns whether any parameter of
 * `wanted` is present, so a reader with nothing to read skips its parser.
 */
function checkParameters(
  url: URL,
  known: ReadonlySet<string>,
  wanted: ReadonlySet<string>,
  listing: string,
): boolean {
  let present = false;
  let issues: ValidationIssue[] | undefined;
  for (const [name] of url.searchParams) {
    if (known.has(name)) {
      present ||= wanted.has(name);
      continue;
    }
    issues ??= [];
    if (issues.some((issue) => issue.parameter === name)) continue;
    issues.push({
      parameter: name,
      detail: `"${name}" is not a parameter of this resource; ${listing}.`,
    });
    if (issues.length >= 20) break;
  }
  if (issues !== undefined) refuse(issues);
  return present;
}

/** The range operators, as written in brackets after a member: `priority[gte]=3`. */
export const RANGE_OPERATORS = ['gt', 'gte', 'lt', 'lte'] as const;

type Operand = { field: string; op: (typeof RANGE_OPERATORS)[number] | 'list' };

/**
 * A filter reader for a collection: every declared filter may be given once (`eq`) or as a list
 * (`in`, comma-separated or repeated), and a member that orders (a number or a string) also
 * with a range operator (`priority[gte]=3`); `passThrough` names the other parameters the
 * collection reads; anything else is a 400.
 */
export function createFilterReader(
  filters: readonly string[],
  properties: Readonly<Record<string, JsonSchemaObject | boolean>>,
  passThrough: readonly string[],
): FilterReader {
  const parameters: Record<
    string,
    ScalarFilterSchema | { type: 'array'; items: ScalarFilterSchema }
  > = {};
  const operands = new Map<string, Operand>();
  const ranged: string[] = [];
  for (const name of filters) {
    const scalar = scalarSchemaOf(name, properties[name]);
    operands.set(name, { field: name, op: 'list' });
    // A boolean takes one value: a set of them (`true,false`) would select everything.
    if (scalar.type === 'boolean') {
      parameters[name] = scalar;
      continue;
    }
    parameters[name] = { type: 'array', items: scalar };
    // `priority[in]=1,2` says the same as `priority=1,2` (the operator form OpenAPI documents).
    parameters[`${name}[in]`] = { type: 'array', items: scalar };
    operands.set(`${name}[in]`, { field: name, op: 'list' });
    ranged.push(name);
    // A bound need not be a value the member may take (`priority[gte]=0`): only the type counts.
    for (const op of RANGE_OPERATORS) {
      parameters[`${name}[${op}]`] = { type: scalar.type };
      operands.set(`${name}[${op}]`, { field: name, op });
    }
  }
  const parse = createFilterParser({ type: 'object', properties: parameters });
  const known = new Set([...operands.keys(), ...passThrough]);
  const listing =
    filters.length === 0
      ? 'this collection has no filters'
      : `filter by ${filters.join(', ')}${
          ranged.length === 0
            ? ''
            : ` (${ranged.join(', ')} also with [in], [${RANGE_OPERATORS.join('], [')}])`
        }`;
  const wanted = new Set(operands.keys());
  return (url) => {
    if (url.search === '' || !checkParameters(url, known, wanted, listing)) return [];
    const values = parse(url) as Record<string, FilterScalar | FilterScalar[] | undefined>;
    const result: Filter[] = [];
    for (const [parameter, { field, op }] of operands) {
      const value = values[parameter];
      if (value === undefined) continue;
      if (op !== 'list') {
        result.push({ field, op, value: value as FilterScalar });
        continue;
      }
      if (!Array.isArray(value)) {
        result.push({ field, op: 'eq', value });
        continue;
      }
      const list = value as FilterScalar[];
      result.push(
        list.length === 1
          ? { field, op: 'eq', value: list[0] as FilterScalar }
          : { field, op: 'in', value: list },
      );
    }
    return result;
  };
}

/**
 * A reader of typed query parameters for a computed endpoint, from an object schema whose
 * members are scalars or lists of scalars; unknown parameters are a 400.
 */
export function createQueryReader(
  schema: JsonSchemaObject,
  passThrough: readonly string[],
): (url: URL) => Record<string, unknown> {
  const properties = schema.properties ?? {};
  const names = Object.keys(properties);
  const filterSchema: FilterSchema = {
    type: 'object',
    properties: Object.fromEntries(
      names.map((name) => {
        const property = properties[name];
        const isList = typeof property === 'object' && property.type === 'array';
        const items = isList
          ? (property.items as JsonSchemaObject | boolean | undefined)
          : property;
        const scalar = scalarSchemaOf(name, items);
        const withDefault =
          typeof property === 'object' && property.default !== undefined
            ? { ...scalar, default: property.default }
            : scalar;
        return [name, isList ? { type: 'array', items: scalar } : withDefault];
      }),
    ),
    ...(schema.required !== undefined && { required: schema.required }),
  };
  const parse = createFilterParser(filterSchema);
  const known = new Set([...names, ...passThrough]);
  const listing = names.length === 0 ? 'this resource takes none' : `use ${names.join(', ')}`;
  return (url) => {
    checkParameters(url, known, known, listing);
    return parse(url) as Record<string, unknown>;
  };
}
