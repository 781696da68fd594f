import { isCamelCase, isSnakeCase, toCamelCase, toSnakeCase } from './_naming.js';
import {
  lintRoutes,
  type LintRoutesOptions,
  type RouteFinding,
  type RouteRule,
} from './route-lint.js';

/**
 * The rules {@link lintOpenApi} applies: the route rules of `lintRoutes`, then document rules.
 *
 * @example
 * ```ts
 * import type { OpenApiRule } from '@fielding/openapi';
 *
 * const rule: OpenApiRule = 'problem-json';
 * ```
 */
export type OpenApiRule =
  | RouteRule
  | 'snake-case-query'
  | 'camel-case-member'
  | 'paged-total'
  | 'problem-json'
  | 'item-etag'
  | 'item-if-match';

/**
 * How bad a finding is: an `error` fails the CLI (exit 1), a `warning` does not.
 *
 * @example
 * ```ts
 * import type { OpenApiSeverity } from '@fielding/openapi';
 *
 * const severity: OpenApiSeverity = 'warning';
 * ```
 */
export type OpenApiSeverity = 'error' | 'warning';

/**
 * One thing {@link lintOpenApi} found wrong with a document.
 *
 * @example
 * ```ts
 * import type { OpenApiFinding } from '@fielding/openapi';
 *
 * const finding: OpenApiFinding = {
 *   rule: 'kebab-case',
 *   severity: 'error',
 *   pointer: '/paths/~1blogPosts',
 *   message: 'Segment "blogPosts" should be kebab-case. Try "blog-posts".',
 * };
 * ```
 */
export interface OpenApiFinding {
  /** The rule it breaks. */
  rule: OpenApiRule;
  severity: OpenApiSeverity;
  /** RFC 6901 JSON Pointer to the offending part; into the `$ref` target when reached by one. */
  pointer: string;
  /** What is wrong and what to do, in one or two sentences. */
  message: string;
}

/**
 * Options of {@link lintOpenApi}.
 *
 * @example
 * ```ts
 * import type { LintOpenApiOptions } from '@fielding/openapi';
 *
 * const options: LintOpenApiOptions = { rules: { 'max-depth': 'off' }, actions: ['resend'] };
 * ```
 */
export interface LintOpenApiOptions {
  /** Severity per rule, or `'off'`. Default: {@link OPENAPI_RULES}. */
  rules?: Readonly<Partial<Record<OpenApiRule, OpenApiSeverity | 'off'>>>;
  /** Verbs allowed as an action right after a parameter (besides `x-fielding-action`). */
  actions?: readonly string[];
  /** Extra plural nouns, as for `lintRoutes`. Default: none. */
  plurals?: readonly string[];
  /** Verbs that may not name a resource. Default: `ROUTE_VERBS`. */
  verbs?: readonly string[];
  /** Collection levels a path may nest. Default: `2`. */
  maxDepth?: number;
  /** Query parameters that make a `GET` a paged collection. Default: {@link PAGING_PARAMETERS}. */
  pagingParameters?: readonly string[];
  /** Members that carry a page's total. Default: `['total', 'totalCount', 'totalItems']`. */
  totalMembers?: readonly string[];
  /** JSON members allowed besides camelCase ones. Default: HAL's `_links`, `_embedded`, `_templates`. */
  members?: readonly string[];
}

/**
 * Every rule of {@link lintOpenApi} with its default severity. Errors are conventions a name or
 * response plainly breaks; warnings are heuristics (plurals, nesting) and advice.
 *
 * @example
 * ```ts
 * import { OPENAPI_RULES } from '@fielding/openapi';
 *
 * Object.keys(OPENAPI_RULES).length; // 11
 * ```
 */
export const OPENAPI_RULES: Readonly<Record<OpenApiRule, OpenApiSeverity>> = Object.freeze({
  'kebab-case': 'error',
  'plural-collection': 'warning',
  'no-verb': 'error',
  'camel-case-param': 'error',
  'max-depth': 'warning',
  'snake-case-query': 'warning',
  'camel-case-member': 'error',
  'paged-total': 'warning',
  'problem-json': 'error',
  'item-etag': 'warning',
  'item-if-match': 'warning',
});

/**
 * Query parameter names that make a `GET` a paged collection for the `paged-total` rule.
 *
 * @example
 * ```ts
 * import { lintOpenApi, PAGING_PARAMETERS } from '@fielding/openapi';
 *
 * const document = { openapi: '3.1.0', info: { title: 'A', version: '1' }, paths: {} };
 * lintOpenApi(document, { pagingParameters: [...PAGING_PARAMETERS, 'skip'] }); // []
 * ```
 */
export const PAGING_PARAMETERS: readonly string[] = Object.freeze([
  'page',
  'pageIndex',
  'page_index',
  'pageSize',
  'page_size',
  'perPage',
  'per_page',
  'offset',
  'limit',
  'cursor',
]);

const TOTAL_MEMBERS: readonly string[] = ['total', 'totalCount', 'totalItems'];
const HAL_MEMBERS: readonly string[] = ['_links', '_embedded', '_templates'];
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
// More `$ref` hops than this is a chain no real document needs; treat it as unresolvable.
const MAX_REF_HOPS = 64;

type Json = Record<string, unknown>;
interface Located {
  node: unknown;
  pointer: string;
}

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const own = (object: Json, key: string): unknown =>
  Object.hasOwn(object, key) ? object[key] : undefined;
const escapeToken = (token: string): string => token.replaceAll('~', '~0').replaceAll('/', '~1');
const child = (pointer: string, ...tokens: (string | number)[]): string =>
  tokens.reduce<string>((result, token) => `${result}/${escapeToken(String(token))}`, pointer);
const mediaTypeOf = (key: string): string => (key.split(';')[0] ?? '').trim().toLowerCase();
const isJsonMediaType = (key: string): boolean => {
  const type = mediaTypeOf(key);
  return type === 'application/json' || type.endsWith('+json');
};
const lowerKeys = (value: unknown): Set<string> =>
  new Set(isObject(value) ? Object.keys(value).map((key) => key.toLowerCase()) : []);

/** The target of a local `$ref` (`#/components/…`) and its pointer; undefined when unresolvable. */
function resolveRef(document: Json, ref: string): Located | undefined {
  if (!ref.startsWith('#')) return undefined;
  let pointer: string;
  try {
    pointer = decodeURIComponent(ref.slice(1));
  } catch {
    return undefined;
  }
  if (pointer !== '' && !pointer.startsWith('/')) return undefined;
  let node: unknown = document;
  for (const token of pointer === '' ? [] : pointer.slice(1).split('/')) {
    const key = token.replaceAll('~1', '/').replaceAll('~0', '~');
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, key)) return undefined;
    node = (node as Json)[key];
  }
  return { node, pointer };
}

/** Follows `$ref`s until a value without one; undefined for a dangling or cyclic chain. */
function dereference(document: Json, located: Located): Located | undefined {
  let current = located;
  for (let hop = 0; hop < MAX_REF_HOPS; hop++) {
    const ref = isObject(current.node) ? own(current.node, '$ref') : undefined;
    if (typeof ref !== 'string') return current;
    const target = resolveRef(document, ref);
    if (target === undefined) return undefined;
    current = target;
  }
  return undefined;
}

// Subschema keywords of JSON Schema 2020-12 (and draft 4's array `items`), by shape.
const ONE_SCHEMA = [
  'items',
  'additionalItems',
  'additionalProperties',
  'unevaluatedItems',
  'unevaluatedProperties',
  'propertyNames',
  'contains',
  'not',
  'if',
  'then',
  'else',
];
const SCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems', 'items'];
const SCHEMA_MAPS = ['patternProperties', 'dependentSchemas', '$defs', 'definitions'];

/**
 * Visits every schema reachable from `start` once (by identity, so `$ref` cycles end), breadth
 * first with a queue rather than recursion, so depth cannot overflow the stack.
 */
function walkSchemas(
  document: Json,
  start: Located,
  seen: WeakSet<object>,
  visit: (schema: Json, pointer: string) => void,
): void {
  const queue: Located[] = [start];
  for (let head = 0; head < queue.length; head++) {
    const { node, pointer } = queue[head]!;
    if (!isObject(node) || seen.has(node)) continue;
    seen.add(node);
    visit(node, pointer);
    const ref = own(node, '$ref');
    if (typeof ref === 'string') {
      const target = resolveRef(document, ref);
      if (target !== undefined) queue.push(target);
    }
    const properties = own(node, 'properties');
    if (isObject(properties)) {
      for (const key of Object.keys(properties)) {
        queue.push({ node: properties[key], pointer: child(pointer, 'properties', key) });
      }
    }
    for (const keyword of ONE_SCHEMA) {
      const value = own(node, keyword);
      if (isObject(value)) queue.push({ node: value, pointer: child(pointer, keyword) });
    }
    for (const keyword of SCHEMA_LISTS) {
      const value = own(node, keyword);
      if (Array.isArray(value)) {
        value.forEach((item, index) =>
          queue.push({ node: item, pointer: child(pointer, keyword, index) }),
        );
      }
    }
    for (const keyword of SCHEMA_MAPS) {
      const value = own(node, keyword);
      if (isObject(value)) {
        for (const key of Object.keys(value)) {
          queue.push({ node: value[key], pointer: child(pointer, keyword, key) });
        }
      }
    }
  }
}

/**
 * Whether an object schema always has one of `names` as a member: its own `properties`, any
 * `allOf` part, or every `anyOf` / `oneOf` branch. Memoised by identity, so cycles and shared
 * parts cost one visit each.
 */
function hasMember(
  document: Json,
  schema: unknown,
  names: ReadonlySet<string>,
  memo: Map<object, boolean>,
): boolean {
  const resolved = dereference(document, { node: schema, pointer: '' })?.node;
  if (!isObject(resolved)) return false;
  const known = memo.get(resolved);
  if (known !== undefined) return known;
  memo.set(resolved, false); // in progress: a cycle back here adds nothing
  const properties = own(resolved, 'properties');
  let result = isObject(properties) && Object.keys(properties).some((key) => names.has(key));
  const allOf = own(resolved, 'allOf');
  if (!result && Array.isArray(allOf)) {
    result = allOf.some((part) => hasMember(document, part, names, memo));
  }
  for (const keyword of ['anyOf', 'oneOf']) {
    const branches = own(resolved, keyword);
    if (!result && Array.isArray(branches) && branches.length > 0) {
      result = branches.every((branch) => hasMember(document, branch, names, memo));
    }
  }
  memo.set(resolved, result);
  return result;
}

/**
 * The route rules' findings per path, from `lintRoutes` itself: one call for all paths, and one
 * per path whose operations declare its last segment an action (`x-fielding-action: true`).
 */
function lintPaths(
  document: Json,
  paths: Json,
  options: LintOpenApiOptions & { disable: RouteRule[] },
): Map<string, RouteFinding[]> {
  const routeOptions: LintRoutesOptions = {
    actions: options.actions ?? [],
    disable: options.disable,
    ...(options.plurals !== undefined && { plurals: options.plurals }),
    ...(options.verbs !== undefined && { verbs: options.verbs }),
    ...(options.maxDepth !== undefined && { maxDepth: options.maxDepth }),
  };
  const plain: string[] = [];
  const findings: RouteFinding[] = [];
  for (const path of Object.keys(paths)) {
    if (!path.startsWith('/')) continue;
    const item = dereference(document, { node: own(paths, path), pointer: '' })?.node;
    const declared =
      isObject(item) &&
      METHODS.some((method) => {
        const operation = own(item, method);
        return isObject(operation) && own(operation, 'x-fielding-action') === true;
      });
    if (!declared) {
      plain.push(path);
      continue;
    }
    const action = path.slice(path.lastIndexOf('/') + 1);
    const actions = [...(routeOptions.actions ?? []), action];
    findings.push(...lintRoutes([path], { ...routeOptions, actions }));
  }
  findings.push(...lintRoutes(plain, routeOptions));
  const byPath = new Map<string, RouteFinding[]>();
  for (const finding of findings) {
    byPath.set(finding.pattern, [...(byPath.get(finding.pattern) ?? []), finding]);
  }
  return byPath;
}

/** A query name in snake_case, with optional `[operator]` suffixes in snake_case too. */
function isSnakeCaseQuery(name: string): boolean {
  const open = name.indexOf('[');
  if (open === -1) return isSnakeCase(name);
  if (!isSnakeCase(name.slice(0, open)) || !name.endsWith(']')) return false;
  return name
    .slice(open + 1, -1)
    .split('][')
    .every(isSnakeCase);
}

/**
 * Lints any OpenAPI 3.x document against Fielding's REST design rules: the route rules of
 * `lintRoutes` on every path (an operation with `x-fielding-action: true` declares its path's
 * last segment an action), snake_case query parameters, camelCase JSON members in request and
 * response schemas (following `$ref`s), a total in paged collections, problem details on every
 * 4xx/5xx, and `ETag` / `If-Match` on updatable items. Never hangs: each schema is visited once.
 *
 * @param document - the parsed document (JSON); `$ref`s are followed within it only
 * @param options - severities per rule (or `'off'`), route-rule options, names the rules accept
 * @returns the findings in document order; empty when all is well
 * @throws TypeError when `document` is not an object
 *
 * @example
 * ```ts
 * import { lintOpenApi } from '@fielding/openapi';
 *
 * const document = { openapi: '3.1.0', info: { title: 'A', version: '1' }, paths: { '/blogPosts': {} } };
 * lintOpenApi(document);
 * // [{ rule: 'kebab-case', severity: 'error', pointer: '/paths/~1blogPosts', message: … }]
 * ```
 */
export function lintOpenApi(document: unknown, options: LintOpenApiOptions = {}): OpenApiFinding[] {
  if (!isObject(document)) {
    const kind =
      document === null ? 'null' : Array.isArray(document) ? 'an array' : typeof document;
    throw new TypeError(`lintOpenApi expects an OpenAPI document object, got ${kind}.`);
  }
  const findings: OpenApiFinding[] = [];
  const severityOf = (rule: OpenApiRule): OpenApiSeverity | 'off' =>
    options.rules?.[rule] ?? OPENAPI_RULES[rule];
  const report = (rule: OpenApiRule, pointer: string, message: string): void => {
    const severity = severityOf(rule);
    if (severity !== 'off') findings.push({ rule, severity, pointer, message });
  };
  const routeRules: RouteRule[] = [
    'kebab-case',
    'plural-collection',
    'no-verb',
    'camel-case-param',
    'max-depth',
  ];
  const disable = routeRules.filter((rule) => severityOf(rule) === 'off');
  const paging = new Set(options.pagingParameters ?? PAGING_PARAMETERS);
  const totals = new Set(options.totalMembers ?? TOTAL_MEMBERS);
  const allowedMembers = new Set(options.members ?? HAL_MEMBERS);
  const seenParameters = new WeakSet<object>();
  const seenSchemas = new WeakSet<object>();
  const seenResponses = new WeakSet<object>();
  const totalMemo = new Map<object, boolean>();

  const checkMembers = (schema: unknown, pointer: string): void => {
    if (severityOf('camel-case-member') === 'off') return;
    walkSchemas(document, { node: schema, pointer }, seenSchemas, (node, at) => {
      const properties = own(node, 'properties');
      if (!isObject(properties)) return;
      for (const key of Object.keys(properties)) {
        if (isCamelCase(key) || allowedMembers.has(key)) continue;
        report(
          'camel-case-member',
          child(at, 'properties', key),
          `Member "${key}" should be camelCase ("${toCamelCase(key)}").`,
        );
      }
    });
  };
  const checkContent = (content: unknown, pointer: string): void => {
    if (!isObject(content)) return;
    for (const key of Object.keys(content)) {
      const media = own(content, key);
      if (isJsonMediaType(key) && isObject(media) && own(media, 'schema') !== undefined) {
        checkMembers(own(media, 'schema'), child(pointer, key, 'schema'));
      }
    }
  };

  const paths = own(document, 'paths');
  if (!isObject(paths)) return findings;
  const routeFindings = lintPaths(document, paths, { ...options, disable });
  for (const path of Object.keys(paths)) {
    if (!path.startsWith('/')) continue; // `x-` extensions
    const pathPointer = child('/paths', path);
    const item = dereference(document, { node: own(paths, path), pointer: pathPointer });
    if (item === undefined || !isObject(item.node)) continue;
    const pathItem = item.node;
    const operations: { method: string; operation: Json; pointer: string }[] = [];
    for (const method of METHODS) {
      const operation = own(pathItem, method);
      if (isObject(operation)) {
        operations.push({ method, operation, pointer: child(item.pointer, method) });
      }
    }

    const lastSegment = path.slice(path.lastIndexOf('/') + 1);
    for (const finding of routeFindings.get(path) ?? []) {
      const hint = finding.suggestion === undefined ? '' : ` Try "${finding.suggestion}".`;
      report(finding.rule, pathPointer, `${finding.message}${hint}`);
    }

    const isItem = lastSegment.startsWith('{') && lastSegment.endsWith('}');
    const updatable =
      isItem && operations.some(({ method }) => method === 'put' || method === 'patch');
    const pathParameters = own(pathItem, 'parameters');

    for (const { method, operation, pointer } of operations) {
      const parameters: Located[] = [];
      const operationParameters = own(operation, 'parameters');
      for (const [list, at] of [
        [pathParameters, child(item.pointer, 'parameters')],
        [operationParameters, child(pointer, 'parameters')],
      ] as const) {
        if (!Array.isArray(list)) continue;
        list.forEach((parameter, index) => {
          const resolved = dereference(document, { node: parameter, pointer: child(at, index) });
          if (resolved !== undefined && isObject(resolved.node)) parameters.push(resolved);
        });
      }

      for (const { node, pointer: at } of parameters) {
        const parameter = node as Json;
        const name = own(parameter, 'name');
        if (own(parameter, 'in') !== 'query' || typeof name !== 'string') continue;
        if (seenParameters.has(parameter)) continue;
        seenParameters.add(parameter);
        if (!isSnakeCaseQuery(name)) {
          report(
            'snake-case-query',
            at,
            `Query parameter "${name}" should be snake_case ("${toSnakeCase(name)}").`,
          );
        }
      }

      const requestBody = dereference(document, {
        node: own(operation, 'requestBody'),
        pointer: child(pointer, 'requestBody'),
      });
      if (requestBody !== undefined && isObject(requestBody.node)) {
        checkContent(own(requestBody.node, 'content'), child(requestBody.pointer, 'content'));
      }

      const responses = own(operation, 'responses');
      const label = `${method.toUpperCase()} ${path}`;
      const isPaged =
        method === 'get' &&
        parameters.some(
          ({ node }) =>
            own(node as Json, 'in') === 'query' && paging.has(String(own(node as Json, 'name'))),
        );
      const hasIfMatch = parameters.some(
        ({ node }) =>
          own(node as Json, 'in') === 'header' &&
          String(own(node as Json, 'name')).toLowerCase() === 'if-match',
      );
      if (
        updatable &&
        (method === 'put' || method === 'patch' || method === 'delete') &&
        !hasIfMatch
      ) {
        report(
          'item-if-match',
          pointer,
          `${label} should take an If-Match header, so concurrent writes cannot overwrite each other.`,
        );
      }
      if (!isObject(responses)) continue;
      for (const status of Object.keys(responses)) {
        const response = dereference(document, {
          node: own(responses, status),
          pointer: child(pointer, 'responses', status),
        });
        if (response === undefined || !isObject(response.node)) continue;
        const content = own(response.node, 'content');
        const contentPointer = child(response.pointer, 'content');
        checkContent(content, contentPointer);
        const headers = lowerKeys(own(response.node, 'headers'));

        if (/^[45](?:\d\d|XX)$/i.test(status) && !seenResponses.has(response.node)) {
          seenResponses.add(response.node);
          const types = isObject(content) ? Object.keys(content).map(mediaTypeOf) : [];
          if (!types.includes('application/problem+json')) {
            report(
              'problem-json',
              response.pointer,
              `The ${status} response of ${label} should be application/problem+json (RFC 9457).`,
            );
          }
        }
        if (!status.startsWith('2')) continue;
        if (isPaged && !headers.has('x-total-count')) {
          const schemas = isObject(content)
            ? Object.keys(content)
                .filter(isJsonMediaType)
                .map((key) => ({ key, media: own(content, key) }))
            : [];
          if (schemas.length === 0) {
            report('paged-total', response.pointer, `The page ${label} answers has no total.`);
          }
          for (const { key, media } of schemas) {
            const schema = isObject(media) ? own(media, 'schema') : undefined;
            if (!hasMember(document, schema, totals, totalMemo)) {
              report(
                'paged-total',
                child(contentPointer, key),
                `The ${key} page of ${label} should say how many items there are (a "total" member).`,
              );
            }
          }
        }
        if (updatable && method === 'get' && !headers.has('etag')) {
          report(
            'item-etag',
            response.pointer,
            `The ${status} response of ${label} should send an ETag, so clients can send If-Match and If-None-Match.`,
          );
        }
      }
    }
  }
  return findings;
}
