import type { RouteEntry } from '@fielding/core';
import { parsePath, patternOf, type ParsedPath } from './define-resource.js';
import type { FromSchema, JsonSchemaObject } from './schema-types.js';

/**
 * What a computed endpoint's handler gets.
 *
 * @example
 * ```ts
 * import type { EndpointContext } from '@fielding/resource';
 *
 * const handler = ({ query, params }: EndpointContext<{ amount: number }>) => ({
 *   currency: params.currency,
 *   doubled: query.amount * 2,
 * });
 * ```
 */
export interface EndpointContext<Q> {
  /** The request. */
  request: Request;
  /** The query parameters, validated and typed by the `query` schema. */
  query: Q;
  /** The path parameters, decoded. */
  params: Readonly<Record<string, string>>;
}

/**
 * A computed endpoint's declaration.
 *
 * @example
 * ```ts
 * import type { EndpointDeclaration } from '@fielding/resource';
 *
 * const query = {
 *   type: 'object',
 *   required: ['q'],
 *   properties: { q: { type: 'string', minLength: 1 }, limit: { type: 'integer', default: 10 } },
 * } as const;
 * const search: EndpointDeclaration<typeof query> = {
 *   name: 'search',
 *   path: '/search',
 *   query,
 *   handler: ({ query }) => ({ q: query.q, limit: query.limit, results: [] }),
 *   cacheControl: 'max-age=60',
 * };
 * ```
 */
export interface EndpointDeclaration<Q extends JsonSchemaObject> {
  /** A name for the root document's link and the curie rel. */
  name: string;
  /** The path template, e.g. `/convert` or `/rates/{currency}`. */
  path: string;
  /**
   * The query parameters as an object schema of scalars and lists of scalars (declare it
   * `as const`); values are coerced and validated, unknown parameters are a 400.
   */
  query?: Q;
  /** Computes the answer: an object (sent as HAL with a `self` link, or plain JSON). */
  handler: (context: EndpointContext<FromSchema<Q>>) => object | Promise<object>;
  /** `Cache-Control` of the answer. Default `'no-cache'`. */
  cacheControl?: string;
}

/**
 * A declared computed endpoint: mount it with `createApi({ endpoints })`.
 *
 * @example
 * ```ts
 * import { createApi, defineEndpoint, type Endpoint } from '@fielding/resource';
 *
 * const time: Endpoint = defineEndpoint({
 *   name: 'time',
 *   path: '/time',
 *   handler: () => ({ now: new Date().toISOString() }),
 * });
 * const api = createApi({ base: '/api', resources: [], endpoints: [time] });
 * ```
 */
export interface Endpoint {
  /** Its name. */
  readonly name: string;
  /** Its path template. */
  readonly path: string;
  /**
   * The routes it answers, without the API's base.
   *
   * @returns one `GET` entry
   */
  routes(): RouteEntry[];
}

/** The endpoint as the API compiles it. */
export interface EndpointInternals {
  declaration: EndpointDeclaration<JsonSchemaObject>;
  parsed: ParsedPath;
}

const endpoints = new WeakMap<Endpoint, EndpointInternals>();

/** The internals of an endpoint made by {@link defineEndpoint}. */
export function endpointOf(endpoint: Endpoint): EndpointInternals {
  const internals = endpoints.get(endpoint);
  if (internals === undefined)
    throw new TypeError(`${endpoint.name} was not made by defineEndpoint().`);
  return internals;
}

/**
 * Declares a computed, non-resource endpoint answered to `GET` (and `HEAD`): its query
 * parameters are validated against a schema (400 naming the parameter), typed for the
 * handler, and the answer is negotiated like any representation.
 *
 * @typeParam Q - the query schema, inferred
 * @param declaration - name, path, query schema and handler
 * @returns the endpoint
 * @throws TypeError for a malformed path or a query member that is not a scalar
 *
 * @example
 * ```ts
 * import { defineEndpoint } from '@fielding/resource';
 *
 * const rates: Record<string, number> = { EUR: 1, CNY: 7.8 };
 * export const convert = defineEndpoint({
 *   name: 'convert',
 *   path: '/convert',
 *   query: {
 *     type: 'object',
 *     required: ['from', 'to', 'amount'],
 *     properties: {
 *       from: { type: 'string', enum: ['EUR', 'CNY'] },
 *       to: { type: 'string', enum: ['EUR', 'CNY'] },
 *       amount: { type: 'number', minimum: 0 },
 *     },
 *   },
 *   handler: ({ query }) => ({ ...query, result: (query.amount / rates[query.from]!) * rates[query.to]! }),
 * });
 * ```
 */
export function defineEndpoint<const Q extends JsonSchemaObject = { type: 'object' }>(
  declaration: EndpointDeclaration<Q>,
): Endpoint {
  const parsed = parsePath(declaration.path, `defineEndpoint(${JSON.stringify(declaration.name)})`);
  const endpoint: Endpoint = {
    name: declaration.name,
    path: declaration.path,
    routes: () => [{ method: 'GET', pattern: patternOf(parsed) }],
  };
  endpoints.set(endpoint, {
    declaration: declaration as unknown as EndpointDeclaration<JsonSchemaObject>,
    parsed,
  });
  return endpoint;
}
