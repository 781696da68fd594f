// The API as plain data for an OpenAPI document: the shapes are those `openApiDocument()` of
// @fielding/openapi takes (`resources` and `routes`), declared here so this package never
// depends on it at run time; a type test keeps them assignable.
import { ACCEPT_PATCH } from '@fielding/json-patch';
import { PAGE_INDEX_PARAMETERS, PAGE_SIZE_PARAMETERS } from '@fielding/pagination';
import { BULK_RESPONSE_SCHEMA } from './_bulk.js';
import type { Compiled } from './_compile.js';
import { scalarSchemaOf } from './_filters.js';
import { apiOf, declarationOf, type ActionInternals } from './_registry.js';
import type { Api } from './api.js';
import { endpointOf } from './endpoint.js';
import { patternOf } from './define-resource.js';
import type { JsonSchemaObject } from './schema-types.js';

/**
 * A JSON Schema as a description holds it: a plain, read-only object.
 *
 * @example
 * ```ts
 * import type { SchemaDescription } from '@fielding/resource';
 *
 * const id: SchemaDescription = { type: 'string', pattern: '^[\\w.~-]{1,128}$' };
 * ```
 */
export type SchemaDescription = { readonly [keyword: string]: unknown };

/**
 * How a collection pages, with the parameter names and sizes it reads.
 *
 * @example
 * ```ts
 * import type { PagingDescription } from '@fielding/resource';
 *
 * const paging: PagingDescription = { style: 'cursor', defaultPageSize: 20, maxPageSize: 100 };
 * ```
 */
export type PagingDescription =
  | {
      readonly style: 'page';
      readonly pageIndexParameters: readonly string[];
      readonly pageSizeParameters: readonly string[];
      readonly defaultPageSize: number;
      readonly maxPageSize: number;
    }
  | {
      readonly style: 'offset' | 'cursor';
      readonly defaultPageSize: number;
      readonly maxPageSize: number;
    };

/**
 * The filters of a collection: one schema per member (an `array` for those taking a set) and the
 * operators each takes in brackets (`priority[gte]=3`); `in` and `eq` also bare (`priority=1,2`).
 *
 * @example
 * ```ts
 * import type { FilterDescription } from '@fielding/resource';
 *
 * const filters: FilterDescription = {
 *   schema: { properties: { done: { type: 'boolean' } } },
 *   operators: { done: ['eq'] },
 * };
 * ```
 */
export interface FilterDescription {
  readonly schema: { readonly properties: Readonly<Record<string, SchemaDescription>> };
  readonly operators: Readonly<Record<string, readonly string[]>>;
}

/**
 * The query a collection reads: paging, `sort`, `fields` and filters.
 *
 * @example
 * ```ts
 * import type { CollectionQueryDescription } from '@fielding/resource';
 *
 * const query: CollectionQueryDescription = {
 *   paging: { style: 'offset', defaultPageSize: 20, maxPageSize: 100 },
 *   sort: { fields: ['id', 'title'], defaultSort: 'title' },
 * };
 * ```
 */
export interface CollectionQueryDescription {
  readonly paging: PagingDescription;
  readonly sort?: { readonly fields: readonly string[]; readonly defaultSort?: string };
  readonly fields?: { readonly allowed: readonly string[] };
  readonly filters?: FilterDescription;
}

/**
 * A declared resource as data: its item path (with the API's base), schema, methods,
 * collection query, media types and path parameter schemas.
 *
 * @example
 * ```ts
 * import type { ResourceDescription } from '@fielding/resource';
 *
 * const tasks: ResourceDescription = {
 *   name: 'tasks',
 *   singular: 'task',
 *   path: '/api/tasks/{taskId}',
 *   schema: { type: 'object', properties: { title: { type: 'string' } } },
 *   methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
 *   requireIfMatch: true,
 * };
 * ```
 */
export interface ResourceDescription {
  readonly name: string;
  readonly singular: string;
  /** The item path as an OpenAPI path, `/api/tasks/{taskId}`. */
  readonly path: string;
  readonly schema: SchemaDescription;
  readonly methods: readonly string[];
  /** Present when the resource answers `GET` on its collection. */
  readonly collection?: CollectionQueryDescription;
  /** Item representations (HAL, JSON, HAL-FORMS and the API's own serializers). */
  readonly mediaTypes: readonly string[];
  /** Page representations: the item ones and CSV. */
  readonly collectionMediaTypes: readonly string[];
  /** JSON Patch and merge patch, when the resource answers `PATCH`. */
  readonly patchMediaTypes?: readonly string[];
  /** The id pattern of each path parameter (the parent's for its scope). */
  readonly pathParameters: Readonly<Record<string, SchemaDescription>>;
  /** Always `true`: every write needs `If-Match` (428 without). */
  readonly requireIfMatch: boolean;
  /** More error statuses: `410` when the store keeps traces (tombstones). */
  readonly statuses?: readonly number[];
}

/**
 * A route beyond CRUD — an action, toggle, member resource, endpoint or the root document — as
 * data: router pattern (with the base), input schema, query parameters, success status.
 *
 * @example
 * ```ts
 * import type { RouteDescription } from '@fielding/resource';
 *
 * const publish: RouteDescription = {
 *   method: 'POST',
 *   pattern: '/api/articles/:articleId/publish',
 *   operationId: 'publishArticle',
 *   response: { status: 200 },
 *   conditional: true,
 *   requireIfMatch: true,
 * };
 * ```
 */
export interface RouteDescription {
  readonly method: string;
  /** The router pattern, `/api/tasks/:taskId/escalate`. */
  readonly pattern: string;
  readonly operationId?: string;
  readonly summary?: string;
  readonly tags?: readonly string[];
  readonly pathParameters?: Readonly<Record<string, SchemaDescription>>;
  readonly queryParameters?: Readonly<Record<string, SchemaDescription>>;
  readonly requestBody?: {
    readonly schema?: SchemaDescription;
    readonly mediaTypes?: readonly string[];
    readonly required?: boolean;
  };
  readonly response?: {
    readonly status?: number;
    readonly schema?: SchemaDescription;
    readonly mediaTypes?: readonly string[];
    readonly headers?: readonly string[];
  };
  readonly conditional?: boolean;
  readonly requireIfMatch?: boolean;
  readonly negotiated?: boolean;
  readonly prefer?: boolean;
  readonly statuses?: readonly number[];
  /** A named action (`POST …/{id}/publish`): a verb segment the design linter accepts. */
  readonly action?: boolean;
}

/**
 * What {@link describeApi} returns: `openApiDocument({ info, ...describeApi(api) })`.
 *
 * @example
 * ```ts
 * import type { ApiDescription } from '@fielding/resource';
 *
 * const empty: ApiDescription = { resources: [], routes: [] };
 * ```
 */
export interface ApiDescription {
  /** One per declared resource: its collection and item operations. */
  readonly resources: readonly ResourceDescription[];
  /** Every other route: actions, toggles, member resources, endpoints, the root document. */
  readonly routes: readonly RouteDescription[];
}

const JSON_ONLY: readonly string[] = ['application/json'];
const CSV = 'text/csv';
const PATCH_TYPES: readonly string[] = ACCEPT_PATCH.split(', ');

const pascal = (text: string): string =>
  text
    .split(/[^a-z0-9]+/i)
    .filter((word) => word !== '')
    .map((word) => `${word.charAt(0).toUpperCase()}${word.slice(1)}`)
    .join('');
const camel = (text: string): string => {
  const name = pascal(text);
  return `${name.charAt(0).toLowerCase()}${name.slice(1)}`;
};
const copy = (schema: unknown): SchemaDescription =>
  (typeof schema === 'object' && schema !== null
    ? structuredClone(schema)
    : {}) as SchemaDescription;

/** An id pattern as a JSON Schema; a pattern with flags JSON Schema cannot say stays a string. */
function idSchema(pattern: RegExp): SchemaDescription {
  return pattern.flags === '' ? { type: 'string', pattern: pattern.source } : { type: 'string' };
}

function collectionOf(compiled: Compiled): CollectionQueryDescription {
  const { collection, declaration } = compiled;
  const sizes = {
    defaultPageSize: collection.defaultPageSize,
    maxPageSize: collection.maxPageSize,
  };
  const paging: PagingDescription =
    collection.paging === 'page'
      ? {
          style: 'page',
          pageIndexParameters: [...PAGE_INDEX_PARAMETERS],
          pageSizeParameters: [...PAGE_SIZE_PARAMETERS],
          ...sizes,
        }
      : { style: collection.paging, ...sizes };
  const names = declaration.collection?.filters ?? [];
  const properties = declaration.schema.properties ?? {};
  const filterSchemas: Record<string, SchemaDescription> = {};
  const operators: Record<string, readonly string[]> = {};
  for (const name of names) {
    const scalar = scalarSchemaOf(name, properties[name]) as unknown as SchemaDescription;
    // As the filter reader takes them: a boolean one value, anything else a set or a bound.
    const single = scalar.type === 'boolean';
    filterSchemas[name] = single ? scalar : { type: 'array', items: scalar };
    operators[name] = single ? ['eq'] : ['in', 'gt', 'gte', 'lt', 'lte'];
  }
  return {
    paging,
    ...(collection.sortable && {
      sort: {
        fields: Object.keys(collection.sortFields),
        ...(collection.defaultSort !== undefined && { defaultSort: collection.defaultSort }),
      },
    }),
    ...(collection.fields !== undefined && { fields: { allowed: [...collection.fields] } }),
    ...(names.length > 0 && { filters: { schema: { properties: filterSchemas }, operators } }),
  };
}

function pathParametersOf(compiled: Compiled): Record<string, SchemaDescription> {
  const parameters: Record<string, SchemaDescription> = {
    [compiled.idParam]: idSchema(compiled.idPattern),
  };
  const parent = compiled.resource.parent;
  if (compiled.scopeParam !== undefined && parent !== undefined) {
    const pattern = declarationOf(parent).declaration.idPattern;
    parameters[compiled.scopeParam] = idSchema(pattern ?? compiled.idPattern);
  }
  return parameters;
}

function actionRoutes(
  compiled: Compiled,
  base: string,
  name: string,
  action: ActionInternals,
  pathParameters: Record<string, SchemaDescription>,
  mediaTypes: readonly string[],
): RouteDescription[] {
  const pattern = `${base}${compiled.itemPattern}/${name}`;
  const common = { pattern, tags: [compiled.name], pathParameters, statuses: [404] };
  const noun = `${pascal(compiled.singular)}${pascal(name)}`;
  if (action.kind === 'action') {
    return [
      {
        ...common,
        method: 'POST',
        operationId: `${camel(name)}${pascal(compiled.singular)}`,
        summary: action.title ?? name,
        ...(action.input !== undefined && {
          requestBody: { schema: copy(action.input), mediaTypes: JSON_ONLY, required: true },
        }),
        response: { status: action.status ?? 200 },
        conditional: action.conditional,
        requireIfMatch: action.conditional,
        action: true,
      },
    ];
  }
  if (action.kind === 'toggle') {
    const on = { status: 204 };
    return [
      {
        ...common,
        method: 'GET',
        operationId: `get${noun}`,
        summary: `Is ${name} on?`,
        response: on,
      },
      {
        ...common,
        method: 'PUT',
        operationId: `set${noun}`,
        summary: `Turn ${name} on`,
        response: on,
        conditional: true,
        requireIfMatch: false,
      },
      {
        ...common,
        method: 'DELETE',
        operationId: `unset${noun}`,
        summary: `Turn ${name} off`,
        response: on,
        conditional: true,
        requireIfMatch: false,
      },
    ];
  }
  const properties = compiled.declaration.schema.properties ?? {};
  const member = copy(properties[action.name]);
  const required = (compiled.declaration.schema.required ?? []).includes(action.name);
  const answer = { status: 200, schema: member, mediaTypes };
  const write = { conditional: true, requireIfMatch: action.conditional, prefer: true };
  return [
    {
      ...common,
      method: 'GET',
      operationId: `get${noun}`,
      response: answer,
      conditional: true,
      negotiated: true,
    },
    {
      ...common,
      ...write,
      method: 'PUT',
      operationId: `replace${noun}`,
      requestBody: { schema: member, mediaTypes: JSON_ONLY, required: true },
      response: answer,
      negotiated: true,
    },
    ...(required
      ? []
      : [
          {
            ...common,
            ...write,
            method: 'DELETE',
            operationId: `remove${noun}`,
            response: { status: 204 },
          },
        ]),
  ];
}

/**
 * Describes a mounted API as plain data for an OpenAPI document: each resource (item path,
 * schema, methods, collection query with paging, sort, fields and filter operators, media types,
 * patch media types, `If-Match`, path parameter schemas) and every other route (actions,
 * toggles, member resources, endpoints, the root document) with its input schema, query
 * parameters and success status. The shapes are those `openApiDocument()` of
 * `@fielding/openapi` takes; nothing here depends on that package.
 *
 * @param api - an API made by `createApi`
 * @returns `{ resources, routes }`, fresh objects the caller may change
 * @throws TypeError when `api` was not made by `createApi`
 *
 * @example
 * ```ts
 * import { openApiDocument } from '@fielding/openapi';
 * import { createApi, describeApi, type ResourceBase } from '@fielding/resource';
 *
 * declare const tasks: ResourceBase;
 * const api = createApi({ base: '/api', resources: [tasks] });
 * const document = openApiDocument({ info: { title: 'Tasks', version: '1.0.0' }, ...describeApi(api) });
 * ```
 */
export function describeApi(api: Api): ApiDescription {
  const { base, compiled: compiledOf, endpoints, root, mediaTypes: all } = apiOf(api);
  const mediaTypes = all.filter((type) => type !== CSV);
  const described: ResourceDescription[] = [];
  const routes: RouteDescription[] = [];
  for (const compiled of compiledOf.values()) {
    const resource = compiled.resource;
    const methods = [...compiled.methods];
    const pathParameters = pathParametersOf(compiled);
    described.push({
      name: compiled.name,
      singular: compiled.singular,
      path: `${base}${resource.path}`,
      schema: copy(compiled.declaration.schema),
      methods,
      ...(compiled.methods.has('GET') && { collection: collectionOf(compiled) }),
      mediaTypes,
      collectionMediaTypes: [...all],
      ...(compiled.methods.has('PATCH') && { patchMediaTypes: [...PATCH_TYPES] }),
      pathParameters,
      requireIfMatch: true,
      ...(compiled.store.trace !== undefined && { statuses: [410] }),
    });
    if (compiled.bulk !== undefined) {
      const { [compiled.idParam]: _item, ...scopeParameters } = pathParameters;
      routes.push({
        method: 'PATCH',
        pattern: `${base}${compiled.collectionPattern}`,
        operationId: `patch${pascal(compiled.name)}`,
        summary: `Change several ${compiled.name}${compiled.bulk.atomic ? ', all or none' : ''}`,
        tags: [compiled.name],
        pathParameters: scopeParameters,
        requestBody: {
          schema: copy(compiled.bulk.requestSchema),
          mediaTypes: JSON_ONLY,
          required: true,
        },
        response: { status: 207, schema: copy(BULK_RESPONSE_SCHEMA), mediaTypes: JSON_ONLY },
        statuses: [400, 413, 415, 422],
      });
    }
    for (const [name, action] of compiled.actions) {
      routes.push(...actionRoutes(compiled, base, name, action, pathParameters, mediaTypes));
    }
  }
  for (const endpoint of endpoints) {
    const { declaration, parsed } = endpointOf(endpoint);
    const query = (declaration.query ?? {}) as JsonSchemaObject;
    routes.push({
      method: 'GET',
      pattern: `${base}${patternOf(parsed)}`,
      operationId: camel(endpoint.name),
      summary: endpoint.name,
      queryParameters: Object.fromEntries(
        Object.entries(query.properties ?? {}).map(([name, schema]) => [name, copy(schema)]),
      ),
      response: { status: 200, mediaTypes: ['application/hal+json', 'application/json'] },
      negotiated: true,
      statuses: [400],
    });
  }
  if (root) {
    routes.push({
      method: 'GET',
      pattern: base === '' ? '/' : base,
      operationId: 'getRoot',
      summary: 'The root document, linking every collection and endpoint',
      response: { status: 200, mediaTypes },
      conditional: true,
      negotiated: true,
    });
  }
  return { resources: described, routes };
}
