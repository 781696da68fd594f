import {
  createRouter,
  type FetchHandler,
  type RouteEntry,
  type RouteHandler,
  type Router,
} from '@fielding/core';
import { evaluatePreconditions, preconditionResponse } from '@fielding/conditional-requests';
import { DEFAULT_BODY_LIMIT, representation, type Serializer } from '@fielding/content-negotiation';
import { createHal, createLinker } from '@fielding/hal-links';
import { ACCEPT_PATCH } from '@fielding/json-patch';
import { problemDetails, type ProblemDetailsOptions } from '@fielding/problem-errors';
import { actionHandlers } from './_actions.js';
import { collectionHandlers } from './_collection.js';
import { compileResource, linkResource, type Compiled, type Runtime } from './_compile.js';
import { formatExtension } from './_extension.js';
import { createQueryReader } from './_filters.js';
import { hashString } from './_hash.js';
import { itemHandlers } from './_item.js';
import { traced } from './_moves.js';
import { declarationOf, registerApi, type ResourceBase } from './_registry.js';
import { createApiVariants, FORMAT_PARAMETER, ITEM_PROBE } from './_representations.js';
import { selectVariant } from './_request.js';
import { endpointOf, type Endpoint } from './endpoint.js';
import { patternOf } from './define-resource.js';
import { BULK_ACCEPT_PATCH, bulkHandler } from './_bulk.js';
import { unstorableAsUnprocessable } from './unstorable-value.js';

/**
 * Options of {@link createApi}.
 *
 * @example
 * ```ts
 * import { htmlSerializer } from '@fielding/content-negotiation';
 * import { createApi, type ApiOptions, type ResourceBase } from '@fielding/resource';
 *
 * declare const tasks: ResourceBase;
 * const options: ApiOptions = {
 *   base: '/v1',
 *   resources: [tasks],
 *   curies: [{ name: 'doc', href: 'https://docs.example.test/rels/{rel}' }],
 *   serializers: [htmlSerializer],
 *   maxBodySize: 64 * 1024,
 * };
 * const api = createApi(options);
 * ```
 */
export interface ApiOptions {
  /** The path every route starts with, e.g. `/api` or `/v1`. Default `''`. */
  base?: string;
  /** The resources served (a nested resource's parent too). */
  resources: readonly ResourceBase[];
  /** Computed endpoints. Default: none. */
  endpoints?: readonly Endpoint[];
  /**
   * HAL curies, e.g. `[{ name: 'doc', href: '/docs/rels/{rel}' }]`: relation types that are not
   * IANA-registered get the first one's prefix. Default: none.
   */
  curies?: readonly { name: string; href: string }[];
  /**
   * More representations, after HAL, JSON, HAL-FORMS and CSV (e.g. `htmlSerializer` of
   * `@fielding/content-negotiation`); they get the HAL document. Default: none.
   */
  serializers?: readonly Serializer[];
  /** Options of the `problemDetails()` middleware every error goes through. Default: `{}`. */
  problems?: ProblemDetailsOptions;
  /** The largest request body read, in bytes (413 beyond). Default: 1 MiB. */
  maxBodySize?: number;
  /** Serve a root document at `base` linking every collection and endpoint. Default `true`. */
  root?: boolean;
}

/**
 * A mounted API: a fetch handler, and what lint tools need.
 *
 * @example
 * ```ts
 * import { serve } from '@fielding/node';
 * import { createApi, type Api, type ResourceBase } from '@fielding/resource';
 *
 * declare const tasks: ResourceBase;
 * const api: Api = createApi({ base: '/api', resources: [tasks] });
 * serve(api.fetch, { port: 3000 });
 * api.routes(); // [{ method: 'GET', pattern: '/api/tasks' }, …]
 * api.mediaTypes; // ['application/hal+json', 'application/json', …]
 * ```
 */
export interface Api {
  /** The API as a `FetchHandler`; any adapter mounts it (`serve(api.fetch)`). */
  readonly fetch: FetchHandler;
  /**
   * Every route, with the base, as path-to-regexp patterns (`HEAD` and `OPTIONS` implied).
   *
   * @returns one entry per method and pattern
   */
  routes(): RouteEntry[];
  /** The action, toggle and member names of every resource (verbs a route lint should allow). */
  readonly actionNames: readonly string[];
  /** The media types representations are offered in, in preference order. */
  readonly mediaTypes: readonly string[];
}

const ACCEPT_POST = 'application/json, */*+json';
const BASE = /^(?:\/[\w.~-]+)*$/;

function allowOf(methods: readonly string[]): string {
  const set = new Set(methods);
  if (set.has('GET')) set.add('HEAD');
  return [
    ...['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'].filter((method) => set.has(method)),
    'OPTIONS',
  ].join(', ');
}

function optionsHandler(
  allow: string,
  acceptPatch: string | undefined,
  acceptPost: boolean,
): RouteHandler {
  const headers: Record<string, string> = { Allow: allow };
  if (acceptPatch !== undefined) headers['Accept-Patch'] = acceptPatch;
  if (acceptPost) headers['Accept-Post'] = ACCEPT_POST;
  return function options() {
    return new Response(null, { status: 204, headers });
  };
}

/** Each handler of an item route, answering for moved and removed items ({@link traced}). */
function tracing(
  compiled: Compiled,
  handlers: Record<string, RouteHandler>,
  suffix: string,
): Record<string, RouteHandler> {
  return Object.fromEntries(
    Object.entries(handlers).map(([method, handler]) => [
      method,
      traced(compiled, handler, suffix),
    ]),
  );
}

/** Routes the handlers and `OPTIONS`; `acceptPatch` is what a `PATCH` of the pattern takes. */
function register(
  router: Router,
  pattern: string,
  handlers: Record<string, RouteHandler>,
  acceptPatch: string = ACCEPT_PATCH,
): void {
  for (const [method, handler] of Object.entries(handlers)) router.route(method, pattern, handler);
  const methods = Object.keys(handlers);
  router.options(
    pattern,
    optionsHandler(
      allowOf(methods),
      methods.includes('PATCH') ? acceptPatch : undefined,
      methods.includes('POST'),
    ),
  );
}

/**
 * Mounts declared resources and endpoints as one `FetchHandler`: a router with every route,
 * the representations (HAL by default, JSON, HAL-FORMS, CSV for collections, yours), and the
 * problem middleware, so every error is an RFC 9457 problem with `instance`. Everything that
 * does not depend on the request — patterns, validators, templates, header values — is built
 * here, once.
 *
 * @param options - base path, resources, endpoints, curies, extra serializers, limits
 * @returns the API
 * @throws TypeError when a resource's parent or embedded resource is not among `resources`
 *
 * @example
 * ```ts
 * import { createApi, defineResource, memoryStore } from '@fielding/resource';
 *
 * const tasks = defineResource({
 *   name: 'tasks',
 *   path: '/tasks/{taskId}',
 *   schema: { type: 'object', required: ['title'], properties: { title: { type: 'string' } } },
 *   store: memoryStore(),
 * });
 * const api = createApi({ base: '/api', resources: [tasks] });
 * export default { fetch: api.fetch };
 * ```
 */
export function createApi(options: ApiOptions): Api {
  const base = options.base ?? '';
  if (!BASE.test(base))
    throw new TypeError(`createApi: the base "${base}" must be like "/api" (or "").`);
  const variants = createApiVariants(options.serializers ?? []);
  const compiledByResource = new Map<ResourceBase, Compiled>();
  const runtime: Runtime = {
    variants,
    hal: createHal(options.curies === undefined ? {} : { curies: options.curies }),
    linker: createLinker(undefined, { base: `http://fielding.invalid${base}/` }),
    maxBodySize: options.maxBodySize ?? DEFAULT_BODY_LIMIT,
    compiled: (resource) => {
      const compiled = compiledByResource.get(resource);
      if (compiled === undefined)
        throw new TypeError(`${resource.name} is not among the API's resources.`);
      return compiled;
    },
  };
  const registered = new Set(options.resources);
  for (const resource of options.resources) {
    declarationOf(resource);
    compiledByResource.set(resource, compileResource(resource, runtime));
  }
  for (const compiled of compiledByResource.values()) linkResource(compiled, runtime, registered);

  const router = createRouter({
    middleware: [
      formatExtension(variants.formats),
      variants.representations.middleware,
      problemDetails(options.problems ?? {}),
      unstorableAsUnprocessable,
    ],
  });

  const routes: RouteEntry[] = [];
  const mount = (
    pattern: string,
    handlers: Record<string, RouteHandler>,
    acceptPatch?: string,
  ): void => {
    const full = `${base}${pattern}`;
    register(router, full, handlers, acceptPatch);
    for (const method of Object.keys(handlers)) routes.push({ method, pattern: full });
  };

  for (const compiled of compiledByResource.values()) {
    const pick = (handlers: Record<string, RouteHandler>): Record<string, RouteHandler> =>
      Object.fromEntries(
        Object.entries(handlers).filter(([method]) => compiled.methods.has(method)),
      );
    const collection = pick(collectionHandlers(runtime, compiled));
    if (compiled.bulk !== undefined)
      collection.PATCH = bulkHandler(runtime, compiled, compiled.bulk);
    if (Object.keys(collection).length > 0) {
      mount(compiled.collectionPattern, collection, BULK_ACCEPT_PATCH);
    }
    const item = pick(itemHandlers(runtime, compiled));
    if (Object.keys(item).length > 0) mount(compiled.itemPattern, tracing(compiled, item, ''));
    for (const [name, action] of compiled.actions) {
      mount(
        `${compiled.itemPattern}/${name}`,
        tracing(compiled, actionHandlers(runtime, compiled, action, name), `/${name}`),
      );
    }
  }

  for (const endpoint of options.endpoints ?? []) {
    mount(patternOf(endpointOf(endpoint).parsed), { GET: endpointHandler(runtime, endpoint) });
  }

  if (options.root ?? true) {
    const links: [string, string][] = [];
    for (const compiled of compiledByResource.values()) {
      if (compiled.parent === undefined && compiled.methods.has('GET')) {
        links.push([compiled.name, compiled.collectionHref(undefined)]);
      }
    }
    for (const endpoint of options.endpoints ?? []) {
      links.push([endpoint.name, runtime.linker.href(patternOf(endpointOf(endpoint).parsed), {})]);
    }
    mount(base === '' ? '/' : '', { GET: rootHandler(runtime, base === '' ? '/' : base, links) });
  }

  const actionNames = Object.freeze([
    ...new Set(options.resources.flatMap((resource) => resource.actionNames)),
  ]);
  const api: Api = {
    fetch: router.fetch,
    routes: () => routes.map((route) => ({ ...route })),
    actionNames,
    mediaTypes: variants.mediaTypes,
  };
  registerApi(api, {
    base,
    compiled: compiledByResource,
    endpoints: [...(options.endpoints ?? [])],
    root: options.root ?? true,
    mediaTypes: variants.mediaTypes,
  });
  return api;
}

function rootHandler(
  runtime: Runtime,
  self: string,
  links: readonly [string, string][],
): RouteHandler {
  const hal = (() => {
    const builder = runtime.hal.resource({}, self);
    for (const [rel, href] of links) builder.link(rel, href);
    return builder.toJSON();
  })();
  const etag = `"root-${hashString(JSON.stringify(hal))}`;
  return function root(request, { url }) {
    const variant = selectVariant(runtime, request, url, ITEM_PROBE);
    if (variant === undefined) return representation(ITEM_PROBE);
    const headers = { ETag: `${etag}-${variant.tag}"`, 'Cache-Control': 'no-cache' };
    const early = preconditionResponse(evaluatePreconditions(request, { etag: headers.ETag }), {
      headers,
    });
    if (early !== undefined) return early;
    const document = variant.kind === 'json' ? { _links: hal._links } : hal;
    return representation(document, { headers });
  };
}

function endpointHandler(runtime: Runtime, endpoint: Endpoint): RouteHandler {
  const { declaration } = endpointOf(endpoint);
  const readQuery = createQueryReader(declaration.query ?? { type: 'object' }, [FORMAT_PARAMETER]);
  const cacheControl = declaration.cacheControl ?? 'no-cache';
  return async function computed(request, { params, url }) {
    const query = readQuery(url);
    const variant = selectVariant(runtime, request, url, ITEM_PROBE);
    if (variant === undefined) return representation(ITEM_PROBE);
    const value = await declaration.handler({
      request,
      query: query as never,
      params: params as Readonly<Record<string, string>>,
    });
    const headers = { 'Cache-Control': cacheControl };
    if (variant.kind === 'json' || Array.isArray(value)) return representation(value, { headers });
    const self = `${url.pathname}${url.search}`;
    return representation(runtime.hal.resource(value, self).toJSON(), { headers });
  };
}
