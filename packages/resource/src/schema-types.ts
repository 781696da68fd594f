// TypeScript types from a JSON Schema written `as const`: what a handler, a store and a link
// function see is the type the schema describes, never `unknown` where the schema says more.

/**
 * Any JSON value: what a member whose schema says nothing about its type may hold.
 *
 * @example
 * ```ts
 * import type { JsonValue } from '@fielding/resource';
 *
 * const value: JsonValue = { tags: ['rest', 'http'], count: 2, draft: null };
 * ```
 */
export type JsonValue =
  | string
  | number
  | boolean
  | null
  | JsonValue[]
  | { [key: string]: JsonValue };

/**
 * A JSON Schema (draft 2020-12 / draft-07) as this package reads it: the keywords it derives
 * types, validation, HAL-FORMS templates, sort fields and filters from. Every other keyword is
 * allowed and passed to Ajv as it is.
 *
 * @example
 * ```ts
 * import type { JsonSchemaObject } from '@fielding/resource';
 *
 * const schema = {
 *   type: 'object',
 *   required: ['title'],
 *   properties: { title: { type: 'string', maxLength: 200 } },
 * } as const satisfies JsonSchemaObject;
 * ```
 */
export interface JsonSchemaObject {
  /** The instance type, or several. */
  readonly type?: SchemaTypeName | readonly SchemaTypeName[];
  /** Object members. */
  readonly properties?: { readonly [name: string]: JsonSchemaObject | boolean };
  /** Names of required members. */
  readonly required?: readonly string[];
  /** Members not named in `properties`: `false` refuses them. */
  readonly additionalProperties?: JsonSchemaObject | boolean;
  /** The schema of every array element. */
  readonly items?: JsonSchemaObject | boolean;
  /** The allowed values. */
  readonly enum?: readonly unknown[];
  /** The one allowed value. */
  readonly const?: unknown;
  /** Alternatives; the type is their union. */
  readonly anyOf?: readonly (JsonSchemaObject | boolean)[];
  /** Alternatives; the type is their union. */
  readonly oneOf?: readonly (JsonSchemaObject | boolean)[];
  /** The value Ajv fills in when the member is absent (so it is always present when stored). */
  readonly default?: unknown;
  /** `true` for members the server owns: left out of what a client sends, protected on PATCH. */
  readonly readOnly?: boolean;
  /** Any other keyword (`minimum`, `pattern`, `format`, `title`, …). */
  readonly [keyword: string]: unknown;
}

/**
 * The type names of JSON Schema.
 *
 * @example
 * ```ts
 * import type { SchemaTypeName } from '@fielding/resource';
 *
 * const nullableText: readonly SchemaTypeName[] = ['string', 'null'];
 * ```
 */
export type SchemaTypeName =
  | 'string'
  | 'integer'
  | 'number'
  | 'boolean'
  | 'null'
  | 'array'
  | 'object';

type Simplify<T> = { [K in keyof T]: T[K] } & {};

// 'output': what is stored and represented (members with a `default` are always present);
// 'input': what a client sends (no readOnly members, defaults optional).
type Mode = 'output' | 'input';

type PropertiesOf<S> = S extends { readonly properties: infer P } ? P : Record<never, never>;
type RequiredOf<S> = S extends { readonly required: readonly (infer K)[] } ? K : never;
type DefaultedOf<P> = {
  [K in keyof P]: P[K] extends { readonly default: unknown } ? K : never;
}[keyof P];
type ReadOnlyOf<P> = {
  [K in keyof P]: P[K] extends { readonly readOnly: true } ? K : never;
}[keyof P];

type PresentKeys<S, M extends Mode> = M extends 'output'
  ? RequiredOf<S> | DefaultedOf<PropertiesOf<S>>
  : Exclude<RequiredOf<S>, ReadOnlyOf<PropertiesOf<S>>>;
type VisibleKeys<S, M extends Mode> = M extends 'output'
  ? keyof PropertiesOf<S>
  : Exclude<keyof PropertiesOf<S>, ReadOnlyOf<PropertiesOf<S>>>;

type ObjectOf<S, M extends Mode> = Simplify<
  {
    -readonly [K in VisibleKeys<S, M> as K extends PresentKeys<S, M> ? K : never]: Infer<
      PropertiesOf<S>[K],
      M
    >;
  } & {
    -readonly [K in VisibleKeys<S, M> as K extends PresentKeys<S, M> ? never : K]?: Infer<
      PropertiesOf<S>[K],
      M
    >;
  }
>;

type ByType<T, S, M extends Mode> = T extends 'string'
  ? string
  : T extends 'integer' | 'number'
    ? number
    : T extends 'boolean'
      ? boolean
      : T extends 'null'
        ? null
        : T extends 'array'
          ? S extends { readonly items: infer I }
            ? Infer<I, M>[]
            : JsonValue[]
          : T extends 'object'
            ? ObjectOf<S, M>
            : never;

type Infer<S, M extends Mode> = S extends true
  ? JsonValue
  : S extends false
    ? never
    : S extends { readonly const: infer C }
      ? C
      : S extends { readonly enum: readonly (infer E)[] }
        ? E
        : S extends { readonly anyOf: readonly (infer A)[] }
          ? Infer<A, M>
          : S extends { readonly oneOf: readonly (infer A)[] }
            ? Infer<A, M>
            : S extends { readonly type: readonly (infer T)[] }
              ? ByType<T, S, M>
              : S extends { readonly type: infer T }
                ? ByType<T, S, M>
                : S extends { readonly properties: object }
                  ? ObjectOf<S, M>
                  : JsonValue;

/**
 * The TypeScript type of the values a JSON Schema accepts, as they are stored: members with a
 * `default` are always present (Ajv fills them in). Declare the schema `as const`.
 *
 * @example
 * ```ts
 * import type { FromSchema } from '@fielding/resource';
 *
 * const schema = {
 *   type: 'object',
 *   required: ['title'],
 *   properties: { title: { type: 'string' }, done: { type: 'boolean', default: false } },
 * } as const;
 * type Task = FromSchema<typeof schema>; // { title: string; done: boolean }
 * ```
 */
export type FromSchema<S> = Infer<S, 'output'>;

/**
 * The type of what a client sends for a JSON Schema (`POST` and `PUT` bodies): no `readOnly`
 * members, and members with a `default` optional.
 *
 * @example
 * ```ts
 * import type { InputOf } from '@fielding/resource';
 *
 * const schema = {
 *   type: 'object',
 *   required: ['id', 'title'],
 *   properties: { id: { type: 'string', readOnly: true }, title: { type: 'string' } },
 * } as const;
 * type NewTask = InputOf<typeof schema>; // { title: string }
 * ```
 */
export type InputOf<S> = Infer<S, 'input'>;

/**
 * What a resource's store holds for one item: the schema's type without the `id` member,
 * which the store keeps as the item's key.
 *
 * @example
 * ```ts
 * import type { ValueOf } from '@fielding/resource';
 *
 * const schema = {
 *   type: 'object',
 *   properties: { id: { type: 'string', readOnly: true }, title: { type: 'string' } },
 * } as const;
 * type Stored = ValueOf<typeof schema>; // { title?: string }
 * ```
 */
export type ValueOf<S> = Simplify<Omit<FromSchema<S>, 'id'>>;

/**
 * One item as handlers and link functions see it: the stored value plus its `id`.
 *
 * @example
 * ```ts
 * import type { ItemOf } from '@fielding/resource';
 *
 * const schema = { type: 'object', properties: { title: { type: 'string' } } } as const;
 * const item: ItemOf<typeof schema> = { id: '7', title: 'Write the README' };
 * ```
 */
export type ItemOf<S> = Simplify<ValueOf<S> & { id: string }>;
