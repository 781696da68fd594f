import type {
  ComponentsObject,
  ContentObject,
  HeadersObject,
  InfoObject,
  OpenAPIObject,
  OperationObject,
  ParameterObject,
  PathItemObject,
  ReferenceObject,
  ResponseObject,
  ResponsesObject,
  SchemaObject,
  SecurityRequirementObject,
  SecuritySchemeObject,
  ServerObject,
  TagObject,
} from 'openapi3-ts/oas31';
import {
  HEADERS,
  JSON_PATCH,
  MERGE_PATCH,
  PARAMETERS,
  PROBLEM_JSON,
  ref,
  SCHEMAS,
} from './_components.js';
import { openApiPaths, type OpenApiPath } from './_path.js';
import {
  collectionQueryParameters,
  toSchema,
  type CollectionQueryDescription,
  type JsonSchema,
} from './collection-query-parameters.js';

/**
 * One route with what the document should say about it. A `RouteEntry` from a router's
 * `routes()` is one as it is (`method` and `pattern` only); every other member is optional.
 *
 * @example
 * ```ts
 * import type { RouteDescription } from '@fielding/openapi';
 *
 * const route: RouteDescription = {
 *   method: 'PUT',
 *   pattern: '/blogs/:blogId',
 *   requestBody: { schema: { type: 'object', properties: { title: { type: 'string' } } } },
 *   conditional: true,
 *   requireIfMatch: true,
 * };
 * ```
 */
export interface RouteDescription {
  /** The method, e.g. `GET`. */
  readonly method: string;
  /** The router pattern (`/blogs/:blogId`) or an OpenAPI path (`/blogs/{blogId}`). */
  readonly pattern: string;
  readonly summary?: string;
  readonly description?: string;
  /** Default: the method and path in camelCase (`getBlogsByBlogId`). */
  readonly operationId?: string;
  readonly tags?: readonly string[];
  readonly deprecated?: boolean;
  /** Schemas of path parameters by name. Default: `{ type: 'string' }`. */
  readonly pathParameters?: Readonly<Record<string, JsonSchema>>;
  /** Paging, sort, fields and filters, as {@link collectionQueryParameters} reads them. */
  readonly query?: CollectionQueryDescription;
  /** More query parameters by name; those in `required` must be given. */
  readonly queryParameters?: Readonly<Record<string, JsonSchema>>;
  /** The request content: its schema (validated, hence 422) and media types (415 for others). */
  readonly requestBody?: {
    readonly schema?: JsonSchema;
    /** Default: `['application/json']`; a JSON Patch media type gets the JSON Patch schema. */
    readonly mediaTypes?: readonly string[];
    readonly required?: boolean;
  };
  /** The success response. */
  readonly response?: {
    /** Default: `201` for POST, `204` without a schema, else `200`. */
    readonly status?: number;
    readonly description?: string;
    readonly schema?: JsonSchema;
    /** Default: `['application/json']` when there is a schema. */
    readonly mediaTypes?: readonly string[];
    /** More response header names (`Link`, `Location`, …; see the README). */
    readonly headers?: readonly string[];
  };
  /** Validators on the answer: GET/HEAD get `ETag` and 304, unsafe methods `If-Match` and 412. */
  readonly conditional?: boolean;
  /** Unsafe methods need `If-Match` (428 without it). */
  readonly requireIfMatch?: boolean;
  /** The representation is negotiated: 406 and `Vary`. */
  readonly negotiated?: boolean;
  /** The route honours `Prefer: return=…` (`Preference-Applied`). */
  readonly prefer?: boolean;
  /** Type URIs of registered problem types this route sends; their statuses are documented. */
  readonly problemTypes?: readonly string[];
  /** More error statuses the route sends (`403`, `409`, `413`, …), as problem details. */
  readonly statuses?: readonly number[];
  /**
   * The last segment is an action sub-resource (`POST /alerts/{alertId}/resend`): the operation
   * gets `x-fielding-action: true`, which `lintOpenApi` accepts in place of a resource noun.
   */
  readonly action?: boolean;
  /**
   * Who may call it, as OpenAPI security requirements (`[{ bearer: ['write'] }]`; `[]` for a
   * public route under a document-wide `security`). A secured operation gets 401 (with
   * `WWW-Authenticate`) and 403. Default: the document's `security`.
   */
  readonly security?: readonly SecurityRequirementObject[];
}

/**
 * A declared resource as plain data: an item path, its schema, methods, collection query and
 * media types. `@fielding/resource` can describe its declarations in this shape.
 *
 * @example
 * ```ts
 * import type { ResourceDescription } from '@fielding/openapi';
 *
 * const tasks: ResourceDescription = {
 *   name: 'tasks',
 *   path: '/tasks/{taskId}',
 *   schema: { type: 'object', properties: { title: { type: 'string' } } },
 *   methods: ['GET', 'POST', 'PATCH', 'DELETE'],
 *   collection: { paging: { style: 'page' }, sort: { fields: ['title'] } },
 * };
 * ```
 */
export interface ResourceDescription {
  /** The plural collection noun: tag, operation ids, `_embedded` key. */
  readonly name: string;
  /** For operation ids and the schema name. Default: `name` without its plural ending. */
  readonly singular?: string;
  /** The item path, `/tasks/{taskId}`; the collection is the path without its last segment. */
  readonly path: string;
  /** JSON Schema of an item (`readOnly` members are the server's). */
  readonly schema: JsonSchema;
  /** Of `GET`, `POST` (on the collection), `PUT`, `PATCH`, `DELETE`. */
  readonly methods: readonly string[];
  /** The collection query (paging, sort, fields, filters). */
  readonly collection?: CollectionQueryDescription;
  /** Item representations. Default: `['application/hal+json', 'application/json']`. */
  readonly mediaTypes?: readonly string[];
  /** Collection representations (e.g. with `text/csv`). Default: `mediaTypes`. */
  readonly collectionMediaTypes?: readonly string[];
  /** Patch media types. Default: merge patch and JSON Patch. */
  readonly patchMediaTypes?: readonly string[];
  /** Schemas of path parameters by name (the id pattern). Default: `{ type: 'string' }`. */
  readonly pathParameters?: Readonly<Record<string, JsonSchema>>;
  /** Writes need `If-Match` (428 without). Default: `true`. */
  readonly requireIfMatch?: boolean;
  /** Error statuses every operation may also send (`401`, `429`, …). */
  readonly statuses?: readonly number[];
  /**
   * Security requirements of every operation, or per method (`{ POST: [{ bearer: ['write'] }] }`;
   * `GET` covers the list and the read). Default: the document's `security`.
   */
  readonly security?:
    | readonly SecurityRequirementObject[]
    | Readonly<Partial<Record<string, readonly SecurityRequirementObject[]>>>;
}

/**
 * What a registry of problem types says about one (`ProblemTypeInfo` of problem-errors).
 *
 * @example
 * ```ts
 * import type { ProblemTypeDescription } from '@fielding/openapi';
 *
 * const locked: ProblemTypeDescription = {
 *   type: '/problems/blog-locked',
 *   title: 'The blog is locked.',
 *   status: 423,
 *   schema: () => ({ type: 'object' }),
 * };
 * ```
 */
export interface ProblemTypeDescription {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly description?: string | undefined;
  /** JSON Schema of a problem body of this type. */
  schema(): JsonSchema;
}

/**
 * Options of {@link openApiDocument}.
 *
 * @example
 * ```ts
 * import type { OpenApiDocumentOptions } from '@fielding/openapi';
 *
 * const options: OpenApiDocumentOptions = {
 *   info: { title: 'Tasks', version: '1.0.0' },
 *   servers: [{ url: 'https://api.example.com' }],
 * };
 * ```
 */
export interface OpenApiDocumentOptions {
  /** Title, version and the rest of the Info Object. */
  readonly info: InfoObject;
  readonly servers?: readonly ServerObject[];
  /** Router routes (`router.routes()`), each with optional metadata. */
  readonly routes?: Iterable<RouteDescription>;
  /** Declared resources as plain data. */
  readonly resources?: readonly ResourceDescription[];
  /** A registry from `createProblemTypeRegistry` (or its `types`). */
  readonly problemTypes?: { readonly types: readonly ProblemTypeDescription[] };
  readonly tags?: readonly TagObject[];
  readonly securitySchemes?: Readonly<Record<string, SecuritySchemeObject>>;
  readonly security?: readonly SecurityRequirementObject[];
}

type Schema = SchemaObject | ReferenceObject;

/** One operation, with everything the responses depend on decided. */
interface OperationSpec {
  method: string;
  path: OpenApiPath;
  operationId: string;
  summary?: string | undefined;
  description?: string | undefined;
  tags?: readonly string[] | undefined;
  deprecated?: boolean | undefined;
  pathSchemas: Readonly<Record<string, JsonSchema>>;
  query: ParameterObject[];
  body?: { content: ContentObject; required: boolean; validated: boolean } | undefined;
  successes: { status: number; description: string; content?: ContentObject; headers: string[] }[];
  conditional: boolean;
  requireIfMatch: boolean;
  /** `If-None-Match: *` makes a write create-only. */
  createOnly?: boolean;
  negotiated: boolean;
  prefer: boolean;
  statuses: number[];
  problemTypes?: readonly string[] | undefined;
  action?: boolean | undefined;
  security?: readonly SecurityRequirementObject[] | undefined;
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE']);

// prettier-ignore
const STATUS_DESCRIPTIONS: Readonly<Record<number, string>> = {
  200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'No Content', 304: 'Not Modified: the representation is the one the client holds.',
  400: 'Bad Request: a malformed path, query parameter or request content; `errors` names each.',
  401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed; `Allow` lists the methods.',
  406: 'Not Acceptable: no representation matches `Accept`.', 409: 'Conflict: the patch cannot apply to the current state.',
  410: 'Gone', 412: 'Precondition Failed: `If-Match` names no current representation; `ETag` is the current one.',
  413: 'Content Too Large', 415: 'Unsupported Media Type: the content is in a media type the operation does not take.',
  422: 'Unprocessable Content: the content breaks its schema; `errors` points at each member.', 423: 'Locked',
  428: 'Precondition Required: send `If-Match` with the entity tag last read.', 429: 'Too Many Requests',
  500: 'Internal Server Error', 503: 'Service Unavailable',
};

const describeStatus = (status: number): string => STATUS_DESCRIPTIONS[status] ?? `${status}`;
const pascal = (text: string): string =>
  text
    .split(/[^a-z0-9]+/i)
    .filter((word) => word !== '')
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join('');
const camel = (text: string): string => {
  const name = pascal(text);
  return name.charAt(0).toLowerCase() + name.slice(1);
};

/** `tasks` → `task`, `categories` → `category`, `boxes` → `box`, `news` stays. */
function singularOf(name: string): string {
  if (name.endsWith('ies') && name.length > 3) return `${name.slice(0, -3)}y`;
  if (/(?:ss|x|ch|sh)es$/.test(name)) return name.slice(0, -2);
  if (name.endsWith('s') && !name.endsWith('ss')) return name.slice(0, -1);
  return name;
}

function defaultOperationId(method: string, path: string): string {
  const words = path
    .split('/')
    .filter((segment) => segment !== '')
    .map((segment) => (segment.startsWith('{') ? `by-${segment.slice(1, -1)}` : segment));
  return camel([method.toLowerCase(), ...words].join('-')) || method.toLowerCase();
}

function bodyContent(mediaTypes: readonly string[], schema: Schema | undefined): ContentObject {
  return Object.fromEntries(
    mediaTypes.map((mediaType) => [
      mediaType,
      mediaType === JSON_PATCH
        ? { schema: ref('schemas', 'JsonPatch') }
        : schema === undefined
          ? {}
          : { schema },
    ]),
  );
}

function routeSpecs(route: RouteDescription): OperationSpec[] {
  const method = route.method.toUpperCase();
  const requestBody = route.requestBody;
  const mediaTypes = requestBody?.mediaTypes ?? ['application/json'];
  const response = route.response;
  const status = response?.status ?? (method === 'POST' ? 201 : 200);
  const responseContent =
    response?.schema === undefined
      ? undefined
      : bodyContent(response.mediaTypes ?? ['application/json'], toSchema(response.schema));
  const query = [
    ...(route.query === undefined ? [] : collectionQueryParameters(route.query)),
    ...Object.entries(route.queryParameters ?? {}).map(
      ([name, schema]): ParameterObject => ({ name, in: 'query', schema: toSchema(schema) }),
    ),
  ];
  return openApiPaths(route.pattern).map((path, index, all) => ({
    method,
    path,
    operationId:
      route.operationId === undefined
        ? defaultOperationId(method, path.path)
        : all.length > 1
          ? `${route.operationId}${index + 1}`
          : route.operationId,
    summary: route.summary,
    description: route.description,
    tags: route.tags,
    deprecated: route.deprecated,
    pathSchemas: route.pathParameters ?? {},
    query,
    body:
      requestBody === undefined
        ? undefined
        : {
            content: bodyContent(
              mediaTypes,
              requestBody.schema === undefined ? undefined : toSchema(requestBody.schema),
            ),
            required: requestBody.required ?? true,
            validated: requestBody.schema !== undefined || mediaTypes.includes(JSON_PATCH),
          },
    successes: [
      {
        status,
        description: response?.description ?? describeStatus(status),
        ...(responseContent !== undefined && { content: responseContent }),
        headers: [...(response?.headers ?? [])],
      },
    ],
    conditional: route.conditional ?? false,
    requireIfMatch: route.requireIfMatch ?? false,
    negotiated: route.negotiated ?? false,
    prefer: route.prefer ?? false,
    statuses: [...(route.statuses ?? [])],
    problemTypes: route.problemTypes,
    action: route.action,
    security: route.security,
  }));
}

const isHal = (mediaType: string): boolean => mediaType.includes('hal');

function representations(
  mediaTypes: readonly string[],
  plain: Schema,
  hal: Schema,
  csv?: Schema,
): ContentObject {
  return Object.fromEntries(
    mediaTypes.map((mediaType) => [
      mediaType,
      {
        schema:
          mediaType === 'text/csv' ? (csv ?? { type: 'string' }) : isHal(mediaType) ? hal : plain,
      },
    ]),
  );
}

/** A merge patch of an item: any member, `null` to remove it; nothing required. */
function mergePatchSchema(item: SchemaObject): SchemaObject {
  const properties = Object.fromEntries(
    Object.entries(item.properties ?? {}).map(([name, schema]) => [
      name,
      { anyOf: [schema, { type: 'null' }] } satisfies SchemaObject,
    ]),
  );
  return {
    type: 'object',
    description: 'RFC 7396 merge patch: members to set; `null` removes one.',
    properties,
    ...(item.additionalProperties !== undefined && {
      additionalProperties: item.additionalProperties,
    }),
  };
}

const PAGE_MEMBERS: Readonly<Record<string, SchemaObject>> = {
  pageIndex: { type: 'integer', minimum: 1 },
  pageSize: { type: 'integer', minimum: 1 },
  total: { type: 'integer', minimum: 0 },
  totalPages: { type: 'integer', minimum: 0 },
};

function resourceSpecs(
  resource: ResourceDescription,
  components: Record<string, SchemaObject>,
): OperationSpec[] {
  const singular = resource.singular ?? singularOf(resource.name);
  const schemaName = pascal(singular);
  components[schemaName] = toSchema(resource.schema);
  const item = ref('schemas', schemaName);
  const halItem: SchemaObject = {
    allOf: [
      item,
      {
        type: 'object',
        properties: { _links: ref('schemas', 'HalLinks'), _embedded: { type: 'object' } },
      },
    ],
  };
  const itemPath = openApiPaths(resource.path)[0]!;
  const lastSlash = itemPath.path.lastIndexOf('/');
  const collectionPath: OpenApiPath = {
    path: itemPath.path.slice(0, lastSlash) || '/',
    parameters: itemPath.parameters.slice(0, -1),
  };
  const mediaTypes = resource.mediaTypes ?? ['application/hal+json', 'application/json'];
  const collectionMediaTypes = resource.collectionMediaTypes ?? mediaTypes;
  const patchMediaTypes = resource.patchMediaTypes ?? [MERGE_PATCH, JSON_PATCH];
  const methods = new Set(resource.methods.map((method) => method.toUpperCase()));
  const requireIfMatch = resource.requireIfMatch ?? true;
  const itemContent = representations(mediaTypes, item, halItem);
  const common = {
    tags: [resource.name],
    pathSchemas: resource.pathParameters ?? {},
    query: [],
    negotiated: true,
    statuses: [...(resource.statuses ?? [])],
  };
  const name = pascal(resource.name);
  const specs: OperationSpec[] = [];
  if (methods.has('GET')) {
    const page: SchemaObject = {
      type: 'object',
      required: ['_links', '_embedded'],
      properties: {
        _links: ref('schemas', 'HalLinks'),
        _embedded: {
          type: 'object',
          properties: { [resource.name]: { type: 'array', items: halItem } },
        },
        ...PAGE_MEMBERS,
      },
    };
    const plainPage: SchemaObject = {
      type: 'object',
      required: ['items'],
      properties: {
        items: { type: 'array', items: item },
        ...PAGE_MEMBERS,
        _links: ref('schemas', 'HalLinks'),
      },
    };
    specs.push({
      ...common,
      method: 'GET',
      path: collectionPath,
      operationId: `list${name}`,
      summary: `List ${resource.name}`,
      query: collectionQueryParameters(resource.collection ?? {}),
      successes: [
        {
          status: 200,
          description: `A page of ${resource.name}.`,
          content: representations(collectionMediaTypes, plainPage, page),
          headers: resource.collection?.paging === undefined ? [] : ['Link'],
        },
      ],
      conditional: true,
      requireIfMatch: false,
      prefer: false,
    });
  }
  if (methods.has('POST')) {
    specs.push({
      ...common,
      method: 'POST',
      path: collectionPath,
      operationId: `create${schemaName}`,
      summary: `Create a ${singular}`,
      body: { content: { 'application/json': { schema: item } }, required: true, validated: true },
      successes: [
        {
          status: 201,
          description: `The ${singular}, created.`,
          content: itemContent,
          headers: ['ETag'],
        },
      ],
      conditional: false,
      requireIfMatch: false,
      prefer: true,
    });
  }
  if (methods.has('GET')) {
    specs.push({
      ...common,
      method: 'GET',
      path: itemPath,
      operationId: `get${schemaName}`,
      summary: `Read a ${singular}`,
      successes: [
        { status: 200, description: `The ${singular}.`, content: itemContent, headers: [] },
      ],
      conditional: true,
      requireIfMatch: false,
      prefer: false,
    });
  }
  const written = (status: number, description: string): OperationSpec['successes'] => [
    { status, description, content: itemContent, headers: [] },
    { status: 204, description: `${description} (\`Prefer: return=minimal\`).`, headers: [] },
  ];
  if (methods.has('PUT')) {
    specs.push({
      ...common,
      method: 'PUT',
      path: itemPath,
      operationId: `replace${schemaName}`,
      summary: `Replace a ${singular}`,
      body: { content: { 'application/json': { schema: item } }, required: true, validated: true },
      successes: [
        ...written(200, `The ${singular}, replaced`),
        {
          status: 201,
          description: `The ${singular}, created at this URI (\`If-None-Match: *\`).`,
          content: itemContent,
          headers: [],
        },
      ],
      conditional: true,
      requireIfMatch,
      createOnly: true,
      prefer: true,
    });
  }
  if (methods.has('PATCH')) {
    const patchContent: ContentObject = Object.fromEntries(
      patchMediaTypes.map((mediaType) => [
        mediaType,
        {
          schema:
            mediaType === JSON_PATCH
              ? ref('schemas', 'JsonPatch')
              : mergePatchSchema(components[schemaName]!),
        },
      ]),
    );
    specs.push({
      ...common,
      method: 'PATCH',
      path: itemPath,
      operationId: `update${schemaName}`,
      summary: `Update a ${singular}`,
      body: { content: patchContent, required: true, validated: true },
      successes: written(200, `The ${singular}, patched`),
      conditional: true,
      requireIfMatch,
      prefer: true,
      statuses: [...common.statuses, 403],
    });
  }
  if (methods.has('DELETE')) {
    specs.push({
      ...common,
      method: 'DELETE',
      path: itemPath,
      operationId: `delete${schemaName}`,
      summary: `Delete a ${singular}`,
      successes: [{ status: 204, description: `The ${singular} is gone.`, headers: [] }],
      conditional: true,
      requireIfMatch,
      negotiated: false,
      prefer: false,
    });
  }
  // A resource refuses content over its body limit (createApi's `maxBodySize`).
  for (const spec of specs) if (spec.body !== undefined) spec.statuses = [...spec.statuses, 413];
  const security = resource.security;
  for (const spec of specs) {
    spec.security = isRequirementList(security) ? security : security?.[spec.method];
  }
  return specs;
}

const isRequirementList = (
  value: ResourceDescription['security'],
): value is readonly SecurityRequirementObject[] => Array.isArray(value);

/** Whether some requirement names a scheme (`[]` and `[{}]` let anyone in). */
const isSecured = (security: readonly SecurityRequirementObject[] | undefined): boolean =>
  security?.some((requirement) => Object.keys(requirement).length > 0) ?? false;

/** The problem types registered per status, as schema references, with their components. */
function problemSchemas(
  types: readonly ProblemTypeDescription[],
  components: Record<string, SchemaObject>,
): { byStatus: Map<number, ReferenceObject[]>; byType: Map<string, number> } {
  const byStatus = new Map<number, ReferenceObject[]>();
  const byType = new Map<string, number>();
  for (const problemType of types) {
    const base = `${pascal(problemType.type.split('/').findLast((part) => part !== '') ?? '')}Problem`;
    let name = base;
    for (let suffix = 2; name in components || name in SCHEMAS; suffix++) name = `${base}${suffix}`;
    components[name] = toSchema(problemType.schema());
    byStatus.set(problemType.status, [
      ...(byStatus.get(problemType.status) ?? []),
      ref('schemas', name),
    ]);
    byType.set(problemType.type, problemType.status);
  }
  return { byStatus, byType };
}

function headersOf(names: Iterable<string>): HeadersObject | undefined {
  const unique = [...new Set(names)];
  if (unique.length === 0) return undefined;
  return Object.fromEntries(
    unique.map((name) => [
      name,
      name in HEADERS ? ref('headers', name) : { schema: { type: 'string' } },
    ]),
  );
}

function responsesOf(
  spec: OperationSpec,
  problems: ReturnType<typeof problemSchemas>,
  security: readonly SecurityRequirementObject[] | undefined,
): ResponsesObject {
  const safe = SAFE.has(spec.method);
  const responses: ResponsesObject = {};
  for (const success of spec.successes) {
    const headers = [...success.headers];
    if (spec.conditional && (safe || success.status !== 204 || spec.method !== 'DELETE')) {
      headers.push('ETag');
      if (safe) headers.push('Last-Modified');
    }
    if (success.status === 201) headers.push('Location');
    if (spec.negotiated && success.content !== undefined) headers.push('Vary');
    if (spec.prefer && !safe) headers.push('Preference-Applied');
    const response: ResponseObject = { description: success.description };
    const headerObjects = headersOf(headers);
    if (headerObjects !== undefined) response.headers = headerObjects;
    if (success.content !== undefined) response.content = success.content;
    responses[String(success.status)] = response;
  }
  if (spec.conditional && safe) {
    responses['304'] = {
      description: describeStatus(304),
      headers: headersOf(spec.negotiated ? ['ETag', 'Vary'] : ['ETag'])!,
    };
  }
  const bodyTypes = Object.keys(spec.body?.content ?? {});
  const statuses = new Set<number>([400, 405, ...spec.statuses]);
  if (spec.path.parameters.length > 0) statuses.add(404);
  if (isSecured(spec.security ?? security)) {
    statuses.add(401);
    statuses.add(403);
  }
  if (spec.negotiated) statuses.add(406);
  if (bodyTypes.includes(JSON_PATCH)) statuses.add(409);
  if (spec.conditional && (!safe || spec.createOnly === true)) statuses.add(412);
  if (spec.body !== undefined) statuses.add(415);
  if (spec.body?.validated === true) statuses.add(422);
  if (spec.requireIfMatch && !safe) statuses.add(428);
  for (const type of spec.problemTypes ?? []) {
    const status = problems.byType.get(type);
    if (status === undefined) throw new TypeError(`Problem type ${type} is not registered.`);
    statuses.add(status);
  }
  for (const status of [...statuses].sort((a, b) => a - b)) {
    const headers: string[] = [];
    // RFC 9110 §15.5.2: a 401 MUST send a challenge.
    if (status === 401) headers.push('WWW-Authenticate');
    if (status === 405) headers.push('Allow');
    if (status === 412 || status === 428) headers.push('ETag');
    if (status === 415 && spec.method === 'PATCH') headers.push('Accept-Patch');
    if (status === 415 && spec.method === 'POST') headers.push('Accept-Post');
    const typed = problems.byStatus.get(status) ?? [];
    const schema: Schema =
      typed.length === 0
        ? ref('schemas', 'ProblemDetails')
        : { anyOf: [...typed, ref('schemas', 'ProblemDetails')] };
    const response: ResponseObject = {
      description: describeStatus(status),
      content: { [PROBLEM_JSON]: { schema } },
    };
    const headerObjects = headersOf(headers);
    if (headerObjects !== undefined) response.headers = headerObjects;
    responses[String(status)] = response;
  }
  return responses;
}

function operationOf(
  spec: OperationSpec,
  problems: ReturnType<typeof problemSchemas>,
  security: readonly SecurityRequirementObject[] | undefined,
): OperationObject {
  const safe = SAFE.has(spec.method);
  const parameters: (ParameterObject | ReferenceObject)[] = spec.path.parameters.map((name) => ({
    name,
    in: 'path',
    required: true,
    schema: name in spec.pathSchemas ? toSchema(spec.pathSchemas[name]!) : { type: 'string' },
  }));
  parameters.push(...spec.query);
  if (spec.conditional && safe) parameters.push(ref('parameters', 'IfNoneMatch'));
  if (spec.conditional && !safe) {
    parameters.push(ref('parameters', spec.requireIfMatch ? 'IfMatchRequired' : 'IfMatch'));
    if (spec.createOnly === true) parameters.push(ref('parameters', 'IfNoneMatch'));
  }
  if (spec.prefer && !safe) parameters.push(ref('parameters', 'Prefer'));
  const operation: OperationObject = {
    operationId: spec.operationId,
    responses: responsesOf(spec, problems, security),
  };
  if (spec.summary !== undefined) operation.summary = spec.summary;
  if (spec.description !== undefined) operation.description = spec.description;
  if (spec.tags !== undefined) operation.tags = [...spec.tags];
  if (spec.deprecated === true) operation.deprecated = true;
  if (spec.action === true) operation['x-fielding-action'] = true;
  if (spec.security !== undefined) operation.security = [...spec.security];
  if (parameters.length > 0) operation.parameters = parameters;
  if (spec.body !== undefined) {
    operation.requestBody = { required: spec.body.required, content: spec.body.content };
  }
  return operation;
}

/**
 * Builds the OpenAPI 3.1 document of an API from its router routes (with optional metadata) and
 * its declared resources: parameters (path, paging, `sort`, `fields`, filters and their
 * operators, `If-Match`, `If-None-Match`, `Prefer`), request bodies per media type, and every
 * response the toolkit sends — success, 304, and each problem as `application/problem+json`
 * (with the registered problem types) — with its headers.
 *
 * @param options - info, servers, routes, resources, problem types, tags, security
 * @returns the document, a plain object ready for `Response.json`
 * @throws TypeError when two routes give the same method and path, or a route names a problem
 *   type that is not registered
 *
 * @example
 * ```ts
 * import { createRouter } from '@fielding/core';
 * import { openApiDocument } from '@fielding/openapi';
 *
 * const router = createRouter().get('/health', () => Response.json({ ok: true }));
 * const document = openApiDocument({ info: { title: 'Status', version: '1.0.0' }, routes: router.routes() });
 * document.paths?.['/health']?.get?.responses?.['200']; // { description: 'OK' }
 * ```
 * @see https://spec.openapis.org/oas/v3.1.0
 */
export function openApiDocument(options: OpenApiDocumentOptions): OpenAPIObject {
  const schemas: Record<string, SchemaObject> = {};
  const problems = problemSchemas(options.problemTypes?.types ?? [], schemas);
  const specs: OperationSpec[] = [];
  for (const resource of options.resources ?? []) specs.push(...resourceSpecs(resource, schemas));
  for (const route of options.routes ?? []) specs.push(...routeSpecs(route));
  const paths: Record<string, PathItemObject> = {};
  const operationIds = new Set<string>();
  for (const spec of specs) {
    const item = (paths[spec.path.path] ??= {});
    const key = spec.method.toLowerCase() as keyof PathItemObject;
    if (key in item) {
      throw new TypeError(`${spec.method} ${spec.path.path} is described twice.`);
    }
    let operationId = spec.operationId;
    for (let suffix = 2; operationIds.has(operationId); suffix++) {
      operationId = `${spec.operationId}${suffix}`;
    }
    operationIds.add(operationId);
    const operation = operationOf({ ...spec, operationId }, problems, options.security);
    if (['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'].includes(key)) {
      (item as Record<string, OperationObject>)[key] = operation;
    } else {
      // OpenAPI 3.1 has no field for other methods (QUERY, …): keep them as an extension.
      (item as Record<string, OperationObject>)[`x-${key}`] = operation;
    }
  }
  const components: ComponentsObject = {
    schemas: { ...SCHEMAS, ...schemas },
    headers: { ...HEADERS },
    parameters: { ...PARAMETERS },
  };
  if (options.securitySchemes !== undefined) {
    components.securitySchemes = { ...options.securitySchemes };
  }
  const document: OpenAPIObject = { openapi: '3.1.0', info: options.info, paths, components };
  if (options.servers !== undefined) document.servers = [...options.servers];
  if (options.tags !== undefined) document.tags = [...options.tags];
  if (options.security !== undefined) document.security = [...options.security];
  return document;
}
