import { registerAction, type ActionRuntime, type ActionSpec } from './_registry.js';
import { compileValidator } from './_validate.js';
import type { FromSchema, ItemOf, JsonSchemaObject, JsonValue, ValueOf } from './schema-types.js';
import type { Entry, Store } from './store.js';

export type { ActionSpec } from './_registry.js';

type BooleanMemberOf<S> = S extends { readonly properties: infer P }
  ? {
      [K in keyof P]: P[K] extends { readonly type: 'boolean' } ? K : never;
    }[keyof P] &
      string
  : never;
type MemberOf<S> = S extends { readonly properties: infer P } ? Extract<keyof P, string> : never;

/**
 * What an action handler gets: the item it acts on, its validated input, and the store.
 *
 * @example
 * ```ts
 * import type { ActionContext } from '@fielding/resource';
 *
 * const schema = { type: 'object', properties: { sent: { type: 'integer', default: 0 } } } as const;
 * async function resend(context: ActionContext<typeof schema, undefined>) {
 *   await context.replace({ sent: context.item.sent + 1 }); // 412 if another write came first
 *   return { status: 202 as const, location: `/jobs/${context.id}` };
 * }
 * ```
 */
export interface ActionContext<S, Input> {
  /** The request. */
  request: Request;
  /** The item's id. */
  id: string;
  /** The parent's id, for a nested resource. */
  scope: string | undefined;
  /** The item, as the schema describes it. */
  item: ItemOf<S>;
  /** The stored entry (version, modification time). */
  entry: Entry<ValueOf<S>>;
  /** The body, validated against the action's `input` schema (`undefined` without one). */
  input: Input;
  /** The resource's store. */
  store: Store<ValueOf<S>>;
  /**
   * Writes a new value over the version the action read (compare-and-set); a concurrent write
   * makes it throw a 412 with the current entity-tag.
   *
   * @param value - the new value
   * @returns the new entry
   */
  replace(value: ValueOf<S>): Promise<Entry<ValueOf<S>>>;
  /**
   * Moves the item, at the version the action read, to another parent (`scope`) and/or `id`
   * (the store's `move`); its old URL then redirects. A concurrent write is a 412, a taken key a
   * 409, a parent that does not exist a 422.
   *
   * @param to - the new parent's id and/or the new id
   * @returns the entry at its new key and its href (for `Location`)
   */
  move(to: { scope?: string; id?: string }): Promise<{ entry: Entry<ValueOf<S>>; href: string }>;
}

/**
 * What an action answers: nothing (`204`), a status with an optional JSON body and `Location`
 * (`202` for work accepted), or a whole `Response`.
 *
 * @example
 * ```ts
 * import type { ActionResult } from '@fielding/resource';
 *
 * const accepted: ActionResult = { status: 202, location: '/api/jobs/9' };
 * ```
 */
export type ActionResult =
  | undefined
  | void
  | Response
  | { status?: 200 | 202 | 204; body?: JsonValue; location?: string; headers?: HeadersInit };

/**
 * Options of an action (`POST /alerts/{alertId}/resend`).
 *
 * @example
 * ```ts
 * import { defineResource, memoryStore } from '@fielding/resource';
 *
 * const articles = defineResource({
 *   name: 'articles',
 *   path: '/articles/{articleId}',
 *   schema: { type: 'object', properties: { status: { enum: ['draft', 'published'] } } },
 *   store: memoryStore(),
 *   actions: ({ action }) => ({
 *     // POST /articles/{articleId}/publish with If-Match: 200 with the new status.
 *     publish: action({
 *       conditional: true,
 *       title: 'Publish',
 *       handler: async ({ entry, replace }) => {
 *         await replace({ ...entry.value, status: 'published' });
 *         return { body: { status: 'published' } };
 *       },
 *     }),
 *   }),
 * });
 * ```
 */
export interface ActionOptions<S, I> {
  /** JSON Schema of the request body; invalid bodies are a 422. Default: no body read. */
  input?: I;
  /**
   * Require `If-Match` with the item's current entity-tag (428 / 412), for actions that change
   * the item. Default `false`.
   */
  conditional?: boolean;
  /** The label of its HAL-FORMS template. Default: the action's name. */
  title?: string;
  /**
   * The success status when the handler's result names none (and the one `describeApi`
   * documents). Default: `204` without a body, `200` with one (documented as `200`).
   */
  status?: 200 | 202 | 204;
  /** Does the work. */
  handler: (
    context: ActionContext<S, I extends JsonSchemaObject ? FromSchema<I> : undefined>,
  ) => ActionResult | Promise<ActionResult>;
}

/**
 * Options of a toggle (`PUT` / `DELETE /gists/{gistId}/star`, `GET` tells): a boolean member of
 * the item, or your own `get` and `set`.
 *
 * @example
 * ```ts
 * import { defineResource, memoryStore } from '@fielding/resource';
 *
 * const stars = new Set<string>(); // kept outside the item, e.g. per user
 * const gists = defineResource({
 *   name: 'gists',
 *   path: '/gists/{gistId}',
 *   schema: { type: 'object', properties: { public: { type: 'boolean', default: true } } },
 *   store: memoryStore(),
 *   actions: ({ toggle }) => ({
 *     public: toggle({ member: 'public' }),
 *     star: toggle({
 *       get: ({ id }) => stars.has(id),
 *       set: ({ id }, on) => void (on ? stars.add(id) : stars.delete(id)),
 *     }),
 *   }),
 * });
 * ```
 */
export type ToggleOptions<S> =
  | {
      /** The boolean member the toggle sets (`true` on `PUT`, `false` on `DELETE`). */
      member: BooleanMemberOf<S>;
    }
  | {
      /** Whether the toggle is on for this item. */
      get: (context: ActionContext<S, undefined>) => boolean | Promise<boolean>;
      /** Turns it on or off; idempotent. */
      set: (context: ActionContext<S, undefined>, on: boolean) => void | Promise<void>;
    };

/**
 * Options of a member resource (`PUT /users/{userId}/email`).
 *
 * @example
 * ```ts
 * import { defineResource, memoryStore } from '@fielding/resource';
 *
 * const users = defineResource({
 *   name: 'users',
 *   path: '/users/{userId}',
 *   schema: {
 *     type: 'object',
 *     required: ['email'],
 *     properties: { email: { type: 'string' }, motto: { type: 'string' } },
 *   },
 *   store: memoryStore(),
 *   // A motto may be written without If-Match; the email must pin the version.
 *   actions: ({ member }) => ({
 *     email: member('email'),
 *     motto: member('motto', { conditional: false }),
 *   }),
 * });
 * ```
 */
export interface MemberOptions {
  /** Require `If-Match` with the item's entity-tag on `PUT` and `DELETE`. Default `true`. */
  conditional?: boolean;
}

/**
 * Makes the actions of one resource, typed by its schema: `defineResource` hands it to the
 * declaration's `actions` function.
 *
 * @example
 * ```ts
 * import type { ActionKit, ActionSpec } from '@fielding/resource';
 *
 * const schema = {
 *   type: 'object',
 *   properties: { done: { type: 'boolean', default: false }, title: { type: 'string' } },
 * } as const;
 * const actions = ({ toggle, member }: ActionKit<typeof schema>): Record<string, ActionSpec> => ({
 *   complete: toggle({ member: 'done' }),
 *   title: member('title'),
 * });
 * ```
 */
export interface ActionKit<S> {
  /**
   * A named action as a verb sub-resource: `POST {item}/{name}`, with its own input schema,
   * answering 200, 202 or 204.
   *
   * @param options - the input schema, whether it is conditional, and the handler
   * @returns the action
   */
  action<const I extends JsonSchemaObject | undefined = undefined>(
    options: ActionOptions<S, I>,
  ): ActionSpec;
  /**
   * A toggle: `PUT {item}/{name}` turns it on, `DELETE` off (both `204`), `GET` answers `204`
   * when on and `404` when off.
   *
   * @param options - a boolean member, or `get` and `set`
   * @returns the toggle
   */
  toggle(options: ToggleOptions<S>): ActionSpec;
  /**
   * A member exposed as its own resource, for partial replacement: `GET` and `PUT`
   * `{item}/{member}` (and `DELETE` when the member is optional).
   *
   * @param name - the member
   * @param options - whether writes need `If-Match`
   * @returns the member resource
   */
  member(name: MemberOf<S>, options?: MemberOptions): ActionSpec;
}

/**
 * The action kit a resource's `actions` function gets; `defineResource` makes it, typed by the
 * schema.
 *
 * @param schema - the resource's schema (members and toggles are checked against it)
 * @returns the kit
 *
 * @example
 * ```ts
 * import { defineResource, memoryStore } from '@fielding/resource';
 *
 * const alerts = defineResource({
 *   name: 'alerts',
 *   path: '/alerts/{alertId}',
 *   schema: { type: 'object', properties: { sent: { type: 'integer', default: 0 } } },
 *   store: memoryStore(),
 *   actions: ({ action }) => ({
 *     resend: action({
 *       input: { type: 'object', properties: { channel: { enum: ['mail', 'sms'] } } },
 *       handler: async ({ entry, input, replace }) => {
 *         await replace({ sent: entry.value.sent + 1 });
 *         return { status: 202, body: { channel: input.channel ?? 'mail' } };
 *       },
 *     }),
 *   }),
 * });
 * ```
 */
export function createActionKit<S>(schema: JsonSchemaObject): ActionKit<S> {
  const properties = schema.properties ?? {};
  const required = new Set(schema.required ?? []);
  const memberSchema = (name: string, what: string): JsonSchemaObject | boolean => {
    const property = Object.hasOwn(properties, name) ? properties[name] : undefined;
    if (property === undefined)
      throw new TypeError(`${what}: "${name}" is not a member of the schema.`);
    return property;
  };
  return {
    action(options) {
      const input = options.input as JsonSchemaObject | undefined;
      return registerAction(
        { kind: 'action', methods: ['POST'] },
        {
          kind: 'action',
          input,
          validate: input === undefined ? undefined : compileValidator(input),
          conditional: options.conditional ?? false,
          title: options.title,
          status: options.status,
          handler: options.handler as unknown as (context: ActionRuntime) => ActionResult,
        },
      );
    },
    toggle(options) {
      const custom = 'get' in options;
      if (!custom) {
        const property = memberSchema(options.member, 'toggle');
        if (typeof property !== 'object' || property.type !== 'boolean') {
          throw new TypeError(`toggle: "${options.member}" is not a boolean member.`);
        }
      }
      return registerAction(
        { kind: 'toggle', methods: ['GET', 'PUT', 'DELETE'] },
        {
          kind: 'toggle',
          member: custom ? undefined : options.member,
          get: custom ? (options.get as unknown as (context: ActionRuntime) => boolean) : undefined,
          set: custom
            ? (options.set as unknown as (context: ActionRuntime, on: boolean) => void)
            : undefined,
        },
      );
    },
    member(name, options = {}) {
      memberSchema(name, 'member');
      const methods = required.has(name) ? ['GET', 'PUT'] : ['GET', 'PUT', 'DELETE'];
      return registerAction(
        { kind: 'member', methods },
        { kind: 'member', name, conditional: options.conditional ?? true },
      );
    },
  };
}
