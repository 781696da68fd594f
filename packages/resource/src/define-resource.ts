import type { RouteEntry } from '@fielding/core';
import type { HalLink } from '@fielding/hal-links';
import {
  declarationOf,
  registerResource,
  type ActionSpec,
  type ResourceBase,
} from './_registry.js';
import { createActionKit, type ActionKit } from './actions.js';
import type { ItemOf, JsonSchemaObject, ValueOf } from './schema-types.js';
import type { CountMode, Entry, Store } from './store.js';

export type { ResourceBase } from './_registry.js';

/**
 * The methods a resource can answer; `HEAD` and `OPTIONS` always come with them.
 *
 * @example
 * ```ts
 * import type { ResourceMethod } from '@fielding/resource';
 *
 * const readOnly: ResourceMethod[] = ['GET'];
 * ```
 */
export type ResourceMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * The schema of a resource: a JSON Schema object (declare it `as const`). Its `readOnly`
 * members are the server's, its `default`s are filled in, `additionalProperties: false` refuses
 * unknown members.
 *
 * @example
 * ```ts
 * import type { ResourceSchema } from '@fielding/resource';
 *
 * const schema = {
 *   type: 'object',
 *   required: ['title'],
 *   properties: { id: { type: 'string', readOnly: true }, title: { type: 'string' } },
 * } as const satisfies ResourceSchema;
 * ```
 */
export interface ResourceSchema extends JsonSchemaObject {
  /** Always `object`. */
  readonly type: 'object';
}

type MemberOf<S> = S extends { readonly properties: infer P } ? Extract<keyof P, string> : never;

/**
 * How a collection is listed: paging style and sizes, the count, and what clients may sort,
 * filter and select.
 *
 * @example
 * ```ts
 * import type { CollectionOptions } from '@fielding/resource';
 *
 * const options: CollectionOptions<{ type: 'object'; properties: { title: { type: 'string' } } }> = {
 *   paging: 'cursor',
 *   pageSize: { default: 20, max: 100 },
 *   sort: ['title'],
 *   defaultSort: 'title',
 * };
 * ```
 */
export interface CollectionOptions<S> {
  /** `page` (`?pageIndex=&pageSize=`), `offset` (`?offset=&limit=`) or `cursor`. Default `'page'`. */
  paging?: 'page' | 'offset' | 'cursor';
  /** Page sizes. Default `{ default: 20, max: 100 }`. */
  pageSize?: { default?: number; max?: number };
  /** How the total is obtained (the store's count mode). Default `'exact'`. */
  count?: CountMode;
  /** Members a client may `?sort=` by (`-` for descending); `id` always. Default: none. */
  sort?: readonly (MemberOf<S> | 'id')[];
  /** The order without `?sort=`, in the same syntax (`-priority`). Default: by `id`. */
  defaultSort?: string;
  /** Members a client may filter by: `?done=false`, `?priority=1,2`. Default: none. */
  filters?: readonly MemberOf<S>[];
  /** Whether `?fields=title,done` may select members (`id` always comes). Default `false`. */
  fields?: boolean;
  /**
   * The HMAC secret that signs cursors (`paging: 'cursor'`), at least 32 random bytes, shared by
   * every instance. Default: none, so cursors are opaque but not signed.
   */
  cursorSecret?: string | Uint8Array | CryptoKey;
}

/**
 * Extra links of an item, by relation type: an href, a HAL Link Object, or several. Relation
 * types that are not IANA-registered get the API's curie prefix.
 *
 * @example
 * ```ts
 * import type { LinksInit } from '@fielding/resource';
 *
 * const links: LinksInit = { author: '/api/users/3', help: { href: 'https://docs.test/tasks', title: 'Help' } };
 * ```
 */
export type LinksInit = Readonly<
  Record<string, string | HalLink | readonly (string | HalLink)[] | undefined>
>;

/**
 * What a `links` function can build hrefs with.
 *
 * @example
 * ```ts
 * import type { LinkContext, LinksInit } from '@fielding/resource';
 *
 * declare const users: import('@fielding/resource').ResourceBase;
 * const links = (task: { assigneeId?: string }, { href, self }: LinkContext): LinksInit => ({
 *   author: task.assigneeId === undefined ? undefined : href(users, task.assigneeId),
 *   history: { href: `${self}/history{?since}`, templated: true },
 * });
 * ```
 */
export interface LinkContext {
  /** The item's own href. */
  self: string;
  /**
   * The href of an item of any resource of the API.
   *
   * @param resource - the resource
   * @param id - the item's id
   * @param scope - the parent's id, for a nested resource
   * @returns a path-absolute href such as `/api/users/3`
   */
  href(resource: ResourceBase, id: string, scope?: string): string;
  /**
   * The href of a collection of the API.
   *
   * @param resource - the resource
   * @param scope - the parent's id, for a nested resource
   * @returns a path-absolute href such as `/api/blogs/7/articles`
   */
  collection(resource: ResourceBase, scope?: string): string;
}

/**
 * Something an item (or every item of a page) may embed on `?embed=name`, loaded for the
 * whole page in one store call: a related item whose id a member holds (`via`), or the
 * children of a resource nested in this one.
 *
 * @example
 * ```ts
 * import type { EmbedDeclaration } from '@fielding/resource';
 *
 * declare const users: import('@fielding/resource').ResourceBase;
 * const assignee: EmbedDeclaration<{ type: 'object'; properties: { assigneeId: { type: 'string' } } }> = {
 *   resource: users,
 *   via: 'assigneeId',
 * };
 * ```
 */
export interface EmbedDeclaration<S> {
  /**
   * The resource embedded, or a function returning it (for children, which are declared after
   * their parent).
   */
  resource: ResourceBase | (() => ResourceBase);
  /** The member holding the related item's id (to-one). Absent: `resource` is a child of this one. */
  via?: MemberOf<S>;
  /** Most children per item. Default `10`. */
  limit?: number;
  /** The children's order, as `?sort=` would say it (`-priority`). Default: by `id`. */
  sort?: string;
}

/**
 * What {@link ResourceDeclaration.prepare} learns about the write.
 *
 * @example
 * ```ts
 * import { defineResource, memoryStore } from '@fielding/resource';
 *
 * const notes = defineResource({
 *   name: 'notes',
 *   path: '/notes/{noteId}',
 *   schema: {
 *     type: 'object',
 *     properties: {
 *       text: { type: 'string' },
 *       createdAt: { type: 'string', readOnly: true },
 *       updatedAt: { type: 'string', readOnly: true },
 *     },
 *   },
 *   store: memoryStore(),
 *   // The server's members: set on every write, the creation time kept from the current entry.
 *   prepare: (value, { current }) => {
 *     const now = new Date().toISOString();
 *     return { ...value, createdAt: current?.value.createdAt ?? now, updatedAt: now };
 *   },
 * });
 * ```
 */
export interface PrepareContext<S> {
  /** The method writing. */
  method: 'POST' | 'PUT' | 'PATCH';
  /** The id written, when known (`PUT`, `PATCH`); `undefined` for `POST`. */
  id: string | undefined;
  /** The parent's id, for a nested resource. */
  scope: string | undefined;
  /** The entry being replaced, for `PUT` over an item and `PATCH`. */
  current: Entry<ValueOf<S>> | undefined;
  /** The request. */
  request: Request;
}

/**
 * Bulk `PATCH` of a collection: one request, a JSON array of `{ id, ifMatch, patch }`, answered
 * `207 Multi-Status` with one outcome per item.
 *
 * @example
 * ```ts
 * import type { BulkOptions } from '@fielding/resource';
 *
 * // All or nothing (the store needs replaceAll), at most 50 items a request.
 * const bulk: BulkOptions = { atomic: true, maxItems: 50 };
 * ```
 */
export interface BulkOptions {
  /** Most items of one request; more answers 413. Default `100`. */
  maxItems?: number;
  /**
   * All or nothing: if any item fails, none is written, and the others answer 424 Failed
   * Dependency. Needs `Store.replaceAll` (checked at declaration). Default `false`: each item
   * is written or refused on its own.
   */
  atomic?: boolean;
}

/**
 * A resource declaration. Types flow from `schema`: `links`, `prepare`, actions and the store
 * see the item as the schema describes it.
 *
 * @example
 * ```ts
 * import { defineResource, memoryStore } from '@fielding/resource';
 *
 * const tasks = defineResource({
 *   name: 'tasks',
 *   path: '/tasks/{taskId}',
 *   schema: { type: 'object', required: ['title'], properties: { title: { type: 'string' } } },
 *   store: memoryStore(),
 * });
 * ```
 */
export interface ResourceDeclaration<S extends ResourceSchema> {
  /** The plural collection noun: path segment, `_embedded` key and rel. */
  name: string;
  /** The singular noun, for titles and the item rel. Default: derived (`tasks` → `task`). */
  singular?: string;
  /**
   * The item's path as an RFC 6570 template, `/tasks/{taskId}`; the collection is the path
   * without its last segment. One level of nesting: `/blogs/{blogId}/articles/{articleId}`
   * with `parent` the blogs resource.
   */
  path: string;
  /** The JSON Schema of the representation. */
  schema: S;
  /** Where items are kept. */
  store: Store<ValueOf<S>>;
  /** The resource this one is nested in. */
  parent?: ResourceBase;
  /** The methods answered. Default: all of GET, POST, PUT, PATCH, DELETE. */
  methods?: readonly ResourceMethod[];
  /** How the collection is listed. */
  collection?: CollectionOptions<S>;
  /**
   * Extra links of each item (`self`, `collection`, `up`, children and actions come by
   * themselves).
   */
  links?: (item: ItemOf<S>, context: LinkContext) => LinksInit;
  /** What `?embed=` may embed, by name. */
  embed?: Readonly<Record<string, EmbedDeclaration<S>>>;
  /** Verb sub-resources, toggles and members exposed as resources, built with the kit. */
  actions?: (kit: ActionKit<S>) => Readonly<Record<string, ActionSpec>>;
  /**
   * Sets the members the server owns before a write (timestamps, derived values). Default:
   * readOnly members other than `id` are kept from the current entry.
   */
  prepare?: (value: ValueOf<S>, context: PrepareContext<S>) => ValueOf<S> | Promise<ValueOf<S>>;
  /** `Cache-Control` of items and pages. Default `'no-cache'` (always revalidate). */
  cacheControl?: string;
  /**
   * How the old URL of a moved item redirects, when the store keeps traces (`Store.trace`):
   * `301` Moved Permanently, or `308` Permanent Redirect, which keeps the method and body of a
   * `PUT`, `PATCH`, `DELETE` or action. Default `301`.
   */
  moved?: 301 | 308;
  /**
   * Bulk `PATCH` of the collection (`true` for the defaults). Needs `PATCH` among `methods`.
   * Default: off.
   */
  bulk?: boolean | BulkOptions;
  /** Ids that name an item; anything else is a 404 without asking the store. Default `/^[\w.~-]{1,128}$/`. */
  idPattern?: RegExp;
}

/**
 * A declared resource: mount it with `createApi`. Its routes (without the API's base) and
 * action names are here for lint tools such as `lintRoutes` of `@fielding/openapi`.
 *
 * @example
 * ```ts
 * import { defineResource, memoryStore, type Resource } from '@fielding/resource';
 *
 * const schema = { type: 'object', properties: { title: { type: 'string' } } } as const;
 * const tasks: Resource<typeof schema> = defineResource({
 *   name: 'tasks',
 *   path: '/tasks/{taskId}',
 *   schema,
 *   store: memoryStore(),
 * });
 * tasks.routes(); // [{ method: 'GET', pattern: '/tasks' }, { method: 'POST', pattern: '/tasks' }, …]
 * ```
 */
export interface Resource<S extends ResourceSchema> extends ResourceBase {
  /** The schema. */
  readonly schema: S;
  /** The store. */
  readonly store: Store<ValueOf<S>>;
}

const METHODS: readonly ResourceMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
const SEGMENT = /^[\w.~-]+$/;
const PARAMETER = /^\{([a-z_$][\w$]*)\}$/i;

/** `tasks` → `task`, `categories` → `category`, `boxes` → `box`, `news` stays. */
function singularOf(name: string): string {
  if (name.endsWith('ies') && name.length > 3) return `${name.slice(0, -3)}y`;
  if (/(?:ss|x|ch|sh)es$/.test(name)) return name.slice(0, -2);
  if (name.endsWith('s') && !name.endsWith('ss')) return name.slice(0, -1);
  return name;
}

/** The parts of a path template: static segments and parameter names, checked. */
export interface ParsedPath {
  /** `['tasks', '{taskId}']`-style segments, parameters as names. */
  segments: readonly ({ static: string } | { parameter: string })[];
}

/** Parses `/tasks/{taskId}` (or an endpoint's `/convert`); throws TypeError when malformed. */
export function parsePath(path: string, what: string): ParsedPath {
  if (!path.startsWith('/') || path.length < 2 || path.endsWith('/')) {
    throw new TypeError(`${what}: the path "${path}" must start with "/" and not end with one.`);
  }
  const segments = path
    .slice(1)
    .split('/')
    .map((segment) => {
      const parameter = PARAMETER.exec(segment)?.[1];
      if (parameter !== undefined) return { parameter };
      if (!SEGMENT.test(segment)) {
        throw new TypeError(
          `${what}: "${segment}" in "${path}" is neither a plain segment nor a {parameter}.`,
        );
      }
      return { static: segment };
    });
  return { segments };
}

/** A path template as a path-to-regexp pattern: `{taskId}` → `:taskId`. */
export function patternOf(parsed: ParsedPath): string {
  return parsed.segments
    .map((segment) => ('parameter' in segment ? `/:${segment.parameter}` : `/${segment.static}`))
    .join('');
}

/**
 * Declares a resource once: its path, schema, store, collection, links, embeds and actions.
 * Nothing is served until `createApi` mounts it; the declaration is checked now, so a mistake
 * (a malformed path, a nested path that does not continue its parent's, a sort field the
 * schema lacks) throws a `TypeError` at startup, not a 500 later.
 *
 * @typeParam S - the schema, inferred (declare it `as const`)
 * @param declaration - the resource
 * @returns the resource, for `createApi` and for other resources' `parent` and `embed`
 * @throws TypeError for a malformed declaration
 *
 * @example
 * ```ts
 * import { defineResource, memoryStore } from '@fielding/resource';
 *
 * export const tasks = defineResource({
 *   name: 'tasks',
 *   path: '/tasks/{taskId}',
 *   schema: {
 *     type: 'object',
 *     required: ['title'],
 *     additionalProperties: false,
 *     properties: {
 *       id: { type: 'string', readOnly: true },
 *       title: { type: 'string', minLength: 1, maxLength: 200 },
 *       done: { type: 'boolean', default: false },
 *     },
 *   },
 *   store: memoryStore(),
 *   collection: { sort: ['title'], filters: ['done'] },
 * });
 * ```
 */
export function defineResource<const S extends ResourceSchema>(
  declaration: ResourceDeclaration<S>,
): Resource<S> {
  const what = `defineResource(${JSON.stringify(declaration.name)})`;
  if (!/^[a-z][\w-]*$/i.test(declaration.name)) {
    throw new TypeError(`${what}: the name must be a word such as "tasks".`);
  }
  const parsed = parsePath(declaration.path, what);
  const last = parsed.segments[parsed.segments.length - 1];
  if (last === undefined || !('parameter' in last)) {
    throw new TypeError(
      `${what}: the path must end with the item's {parameter}, as in /tasks/{taskId}.`,
    );
  }
  const parameters = parsed.segments.filter((segment) => 'parameter' in segment);
  const parent = declaration.parent;
  if (parent === undefined && parameters.length !== 1) {
    throw new TypeError(`${what}: a path with two parameters needs a parent resource.`);
  }
  if (parent !== undefined) {
    if (parent.parent !== undefined) {
      throw new TypeError(
        `${what}: resources nest one level deep; ${parent.name} is nested already.`,
      );
    }
    const prefix = `${parent.path}/`;
    if (
      !declaration.path.startsWith(prefix) ||
      parameters.length !== 2 ||
      parsed.segments.length !== 4
    ) {
      throw new TypeError(
        `${what}: a nested path continues its parent's, as in ${parent.path}/${declaration.name}/{id}.`,
      );
    }
  }
  const properties = declaration.schema.properties ?? {};
  const known = (field: string): boolean => field === 'id' || Object.hasOwn(properties, field);
  const collection = declaration.collection ?? {};
  for (const field of [...(collection.sort ?? []), ...(collection.filters ?? [])]) {
    if (!known(field)) throw new TypeError(`${what}: "${field}" is not a member of the schema.`);
  }
  for (const method of declaration.methods ?? []) {
    if (!METHODS.includes(method))
      throw new TypeError(`${what}: ${String(method)} is not a resource method.`);
  }
  const bulk = declaration.bulk === true ? {} : declaration.bulk || undefined;
  if (bulk !== undefined) {
    const maxItems = bulk.maxItems ?? 100;
    if (!Number.isSafeInteger(maxItems) || maxItems < 1) {
      throw new TypeError(`${what}: bulk.maxItems must be a positive integer.`);
    }
    if (!(declaration.methods ?? METHODS).includes('PATCH')) {
      throw new TypeError(`${what}: bulk needs PATCH among the methods.`);
    }
    if (bulk.atomic === true && declaration.store.replaceAll === undefined) {
      throw new TypeError(`${what}: an atomic bulk needs a store with replaceAll().`);
    }
  }
  const actions: Readonly<Record<string, ActionSpec>> =
    declaration.actions?.(createActionKit<S>(declaration.schema)) ?? {};
  for (const name of Object.keys(actions)) {
    if (!SEGMENT.test(name))
      throw new TypeError(`${what}: the action name "${name}" is not a path segment.`);
  }
  const resource: Resource<S> = {
    name: declaration.name,
    singular: declaration.singular ?? singularOf(declaration.name),
    path: declaration.path,
    parent,
    schema: declaration.schema,
    store: declaration.store,
    actionNames: Object.freeze(Object.keys(actions)),
    routes: (): RouteEntry[] => routesOf(resource),
  };
  registerResource(resource, {
    declaration: declaration as unknown as ResourceDeclaration<ResourceSchema>,
    parsed,
    methods: declaration.methods ?? METHODS,
    actions,
  });
  return resource;
}

/** The routes a resource answers, without the API's base, as path-to-regexp patterns. */
function routesOf(resource: ResourceBase): RouteEntry[] {
  const internals = declarationOf(resource);
  const item = patternOf(internals.parsed);
  const collection = item.slice(0, item.lastIndexOf('/'));
  const routes: RouteEntry[] = [];
  const methods = internals.methods;
  if (methods.includes('GET')) routes.push({ method: 'GET', pattern: collection });
  if (methods.includes('POST')) routes.push({ method: 'POST', pattern: collection });
  const bulk = internals.declaration.bulk;
  if (bulk !== undefined && bulk !== false) routes.push({ method: 'PATCH', pattern: collection });
  for (const method of ['GET', 'PUT', 'PATCH', 'DELETE'] as const) {
    if (methods.includes(method)) routes.push({ method, pattern: item });
  }
  for (const [name, spec] of Object.entries(internals.actions)) {
    for (const method of spec.methods) routes.push({ method, pattern: `${item}/${name}` });
  }
  return routes;
}
