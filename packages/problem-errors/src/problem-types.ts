import { assertErrorStatus, assertUriReference } from './_members.js';
import { HttpError, isHttpError, type HttpErrorInit } from './http-error.js';

/**
 * A JSON Schema (draft 2020-12) object: a member schema of a problem type, or the schema of its
 * bodies. Not exported from the package (write member schemas inline, `as const`); named apart
 * from `JsonSchema` of `@fielding/hal-links`.
 */
export type SchemaObject = { readonly [keyword: string]: unknown };

/**
 * The TypeScript type a simple JSON Schema describes: `const`, `enum`, `string`, `number` /
 * `integer`, `boolean`, `null`, `array` with `items`, `object` with `properties`; else `unknown`.
 */
export type SchemaValue<S> = S extends {
  /** A `const` schema. */
  readonly const: infer C;
}
  ? C
  : S extends {
        /** An `enum` schema. */
        readonly enum: readonly (infer E)[];
      }
    ? E
    : S extends {
          /** A string schema. */
          readonly type: 'string';
        }
      ? string
      : S extends {
            /** A number schema. */
            readonly type: 'number' | 'integer';
          }
        ? number
        : S extends {
              /** A boolean schema. */
              readonly type: 'boolean';
            }
          ? boolean
          : S extends {
                /** A null schema. */
                readonly type: 'null';
              }
            ? null
            : S extends {
                  /** An array schema. */ readonly type: 'array';
                  /** Its item schema. */ readonly items: infer I;
                }
              ? SchemaValue<I>[]
              : S extends {
                    /** An array schema without items. */
                    readonly type: 'array';
                  }
                ? unknown[]
                : S extends {
                      /** An object schema. */ readonly type: 'object';
                      /** Its member schemas. */ readonly properties: infer P;
                    }
                  ? { [K in keyof P]?: SchemaValue<P[K]> }
                  : S extends {
                        /** An object schema without properties. */ readonly type: 'object';
                      }
                    ? Record<string, unknown>
                    : unknown;

/** The extension members a map of member schemas describes. */
export type ProblemMembers<M> = { -readonly [K in keyof M]: SchemaValue<M[K]> };

/** What defines a problem type (RFC 9457 §4). */
export interface ProblemTypeDefinition<M extends Readonly<Record<string, SchemaObject>>> {
  /** The type URI (absolute, ideally dereferenceable to human-readable docs). */
  type: string;
  /** Short summary, the same for every occurrence. */
  title: string;
  /** The HTTP status its occurrences carry. */
  status: number;
  /** Longer description for API docs; goes into the emitted schema. */
  description?: string;
  /** JSON Schema of each extension member; every member listed is required. */
  members?: M;
}

/** What {@link ProblemType.create} needs besides the members the type fixes. */
export type ProblemTypeInit<T> = Omit<HttpErrorInit, 'type' | 'title' | 'extensions'> &
  ([keyof T] extends [never]
    ? {
        /** The type has no extension members. */
        extensions?: T;
      }
    : {
        /** The type's extension members, all required. */
        extensions: T;
      });

/** What a registry knows of a problem type: its URI, title, status and shape. */
export interface ProblemTypeInfo {
  /** The type URI. */
  readonly type: string;
  /** Its title. */
  readonly title: string;
  /** Its HTTP status. */
  readonly status: number;
  /** Its description, if given. */
  readonly description: string | undefined;
  /** The JSON Schema of each extension member. */
  readonly members: Readonly<Record<string, SchemaObject>>;
  /** JSON Schema (2020-12) of a problem body of this type. */
  schema(): SchemaObject;
}

/** A defined problem type: creates its errors, recognises them and describes their shape. */
export interface ProblemType<T extends Record<string, unknown> = Record<string, unknown>>
  extends ProblemTypeInfo {
  /** Creates an {@link HttpError} of this type with typed extension members. */
  create(init: ProblemTypeInit<T>): HttpError;
  /** Whether `value` is an {@link HttpError} of this type. */
  is(value: unknown): value is HttpError & {
    /** The type's extension members. */ readonly extensions: Readonly<T>;
  };
}

/** The `errors` extension member as JSON Schema, in every emitted schema (not exported from the package). */
export const VALIDATION_ISSUES_SCHEMA: SchemaObject = {
  type: 'array',
  items: {
    type: 'object',
    required: ['detail'],
    properties: {
      detail: { type: 'string' },
      pointer: { type: 'string', description: 'RFC 6901 JSON Pointer into the request content.' },
      parameter: { type: 'string', description: 'Name of the query parameter.' },
      header: { type: 'string', description: 'Name of the request header.' },
    },
  },
};

/**
 * Defines a problem type: URI, title, status and the JSON Schema of its extension members, from
 * which the members' TypeScript types are inferred (write the schemas `as const`).
 *
 * @param definition - type URI, title, status, description and member schemas
 * @returns the problem type, which creates errors and emits its JSON Schema
 * @throws RangeError / TypeError for a status outside 400–599 or a type that is no URI reference
 *
 * @example
 * ```ts
 * import { defineProblemType } from '@fielding/problem-errors';
 *
 * const outOfCredit = defineProblemType({
 *   type: 'https://example.com/probs/out-of-credit',
 *   title: 'You do not have enough credit.',
 *   status: 403,
 *   members: { balance: { type: 'number' }, accounts: { type: 'array', items: { type: 'string' } } },
 * });
 * throw outOfCredit.create({ detail: 'Costs 50.', extensions: { balance: 30, accounts: ['/account/1'] } });
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9457#section-4
 */
export function defineProblemType<
  const M extends Readonly<Record<string, SchemaObject>> = Record<never, SchemaObject>,
>(definition: ProblemTypeDefinition<M>): ProblemType<ProblemMembers<M>> {
  const { type, title, status, description } = definition;
  assertErrorStatus(status);
  assertUriReference('type', type);
  const members: Readonly<Record<string, SchemaObject>> = { ...definition.members };
  return {
    type,
    title,
    status,
    description,
    members,
    create(init) {
      return new HttpError(status, { ...init, type, title });
    },
    is(value): value is HttpError & { readonly extensions: Readonly<ProblemMembers<M>> } {
      return isHttpError(value) && value.type === type;
    },
    schema() {
      return {
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        title,
        ...(description !== undefined && { description }),
        type: 'object',
        required: ['type', 'title', 'status', ...Object.keys(members)],
        properties: {
          type: { const: type },
          title: { type: 'string' },
          status: { const: status },
          detail: { type: 'string' },
          instance: { type: 'string', format: 'uri-reference' },
          errors: VALIDATION_ISSUES_SCHEMA,
          ...members,
        },
      };
    },
  };
}

/** The problem types an API documents, by type URI. */
export interface ProblemTypeRegistry {
  /** The registered types, in registration order. */
  readonly types: readonly ProblemTypeInfo[];
  /** The type registered for a URI, if any. */
  get(type: string): ProblemTypeInfo | undefined;
  /** JSON Schema of every type, keyed by type URI (e.g. for OpenAPI `components`). */
  schemas(): Record<string, SchemaObject>;
}

/**
 * Collects an API's problem types, so the middleware can fill in their titles and the docs can
 * list every error shape.
 *
 * @param types - the problem types, each from {@link defineProblemType}
 * @returns the registry
 * @throws TypeError when two types share a URI
 *
 * @example
 * ```ts
 * import { createProblemTypeRegistry, defineProblemType } from '@fielding/problem-errors';
 *
 * const registry = createProblemTypeRegistry([
 *   defineProblemType({ type: '/problems/blog-locked', title: 'The blog is locked.', status: 423 }),
 * ]);
 * registry.schemas(); // { '/problems/blog-locked': { … } }
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9457#section-4
 */
export function createProblemTypeRegistry(types: readonly ProblemTypeInfo[]): ProblemTypeRegistry {
  const byType = new Map<string, ProblemTypeInfo>();
  for (const problemType of types) {
    if (byType.has(problemType.type))
      throw new TypeError(`Problem type ${problemType.type} is registered twice`);
    byType.set(problemType.type, problemType);
  }
  return {
    types: [...byType.values()],
    get: (type) => byType.get(type),
    schemas: () =>
      Object.fromEntries([...byType].map(([type, problemType]) => [type, problemType.schema()])),
  };
}
