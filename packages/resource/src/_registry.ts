// What a declaration keeps out of sight of its users: the normalised declaration and the
// internals of its actions, found by object identity (so the public types stay small).
import type { RouteEntry } from '@fielding/core';
import type {
  ParsedPath,
  ResourceDeclaration,
  ResourceMethod,
  ResourceSchema,
} from './define-resource.js';
import type { Validate } from './_validate.js';
import type { Endpoint } from './endpoint.js';
import type { Compiled } from './_compile.js';
import type { Entry, Store } from './store.js';

/**
 * What every declared resource has, whatever its schema: enough to nest, embed and link to it,
 * and to lint its routes.
 *
 * @example
 * ```ts
 * import type { ResourceBase } from '@fielding/resource';
 *
 * // What a route lint reads: every method and pattern, and the verbs it should allow.
 * function describeRoutes(resource: ResourceBase): string[] {
 *   return resource.routes().map(({ method, pattern }) => `${method} ${pattern}`);
 * }
 * ```
 */
export interface ResourceBase {
  /** The plural collection noun, e.g. `tasks`. */
  readonly name: string;
  /** The singular noun, e.g. `task`. */
  readonly singular: string;
  /** The item path template, e.g. `/tasks/{taskId}`. */
  readonly path: string;
  /** The resource this one is nested in. */
  readonly parent: ResourceBase | undefined;
  /** The names of its actions, toggles and member resources (`resend`, `star`, `email`). */
  readonly actionNames: readonly string[];
  /**
   * The routes it answers, without the API's base, as path-to-regexp patterns.
   *
   * @returns one entry per method and pattern (`HEAD` and `OPTIONS` implied)
   */
  routes(): RouteEntry[];
}

/**
 * One action, toggle or member resource, as the action kit makes it: opaque, but it says which
 * methods it answers.
 *
 * @example
 * ```ts
 * import { defineResource, memoryStore } from '@fielding/resource';
 *
 * const gists = defineResource({
 *   name: 'gists',
 *   path: '/gists/{gistId}',
 *   schema: { type: 'object', properties: { starred: { type: 'boolean', default: false } } },
 *   store: memoryStore(),
 *   actions: ({ toggle }) => {
 *     const star = toggle({ member: 'starred' });
 *     star.methods; // ['GET', 'PUT', 'DELETE'] on /gists/{gistId}/star
 *     return { star };
 *   },
 * });
 * ```
 */
export interface ActionSpec {
  /** `action` (a verb sub-resource), `toggle` or `member`. */
  readonly kind: 'action' | 'toggle' | 'member';
  /** The methods it answers on its own path. */
  readonly methods: readonly string[];
}

/** The untyped form every action's context takes inside the package. */
export interface ActionRuntime {
  request: Request;
  id: string;
  scope: string | undefined;
  entry: Entry<unknown>;
  item: Record<string, unknown>;
  input: unknown;
  store: Store<unknown>;
  replace: (value: unknown) => Promise<Entry<unknown>>;
  move: (to: { scope?: string; id?: string }) => Promise<{ entry: Entry<unknown>; href: string }>;
}

/** What an action handler may answer. */
export type ActionResultRuntime =
  | undefined
  | void
  | Response
  | { status?: 200 | 202 | 204; body?: unknown; location?: string; headers?: HeadersInit };

export type ActionInternals =
  | {
      kind: 'action';
      input: object | undefined;
      validate: Validate | undefined;
      conditional: boolean;
      title: string | undefined;
      status: 200 | 202 | 204 | undefined;
      handler: (context: ActionRuntime) => ActionResultRuntime | Promise<ActionResultRuntime>;
    }
  | {
      kind: 'toggle';
      member: string | undefined;
      get: ((context: ActionRuntime) => boolean | Promise<boolean>) | undefined;
      set: ((context: ActionRuntime, on: boolean) => void | Promise<void>) | undefined;
    }
  | { kind: 'member'; name: string; conditional: boolean };

export interface ResourceInternals {
  declaration: ResourceDeclaration<ResourceSchema>;
  parsed: ParsedPath;
  methods: readonly ResourceMethod[];
  actions: Readonly<Record<string, ActionSpec>>;
}

const resources = new WeakMap<object, ResourceInternals>();
const actions = new WeakMap<object, ActionInternals>();

export function registerResource(resource: ResourceBase, internals: ResourceInternals): void {
  resources.set(resource, internals);
}

export function declarationOf(resource: ResourceBase): ResourceInternals {
  const internals = resources.get(resource);
  if (internals === undefined) {
    throw new TypeError(`${String(resource.name)} was not made by defineResource().`);
  }
  return internals;
}

export function registerAction(spec: ActionSpec, internals: ActionInternals): ActionSpec {
  actions.set(spec, internals);
  return spec;
}

export function actionOf(spec: ActionSpec): ActionInternals {
  const internals = actions.get(spec);
  if (internals === undefined) throw new TypeError('An action must be made with the action kit.');
  return internals;
}

/** What `describeApi` needs of a mounted API, kept by `createApi`. */
export interface ApiInternals {
  base: string;
  /** Each resource as the API compiled it, in declaration order. */
  compiled: ReadonlyMap<ResourceBase, Compiled>;
  endpoints: readonly Endpoint[];
  root: boolean;
  mediaTypes: readonly string[];
}

const apis = new WeakMap<object, ApiInternals>();

export function registerApi(api: object, internals: ApiInternals): void {
  apis.set(api, internals);
}

export function apiOf(api: object): ApiInternals {
  const internals = apis.get(api);
  if (internals === undefined) throw new TypeError('The API was not made by createApi().');
  return internals;
}
