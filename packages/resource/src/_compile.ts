// Everything about a resource that does not depend on the request, worked out once when the API
// is created: patterns, hrefs, validators, patch policy, sort fields, filters, embeds, actions.
import type { createHal, Linker } from '@fielding/hal-links';
import {
  createCursorCodec,
  parseSort,
  PAGE_INDEX_PARAMETERS,
  PAGE_SIZE_PARAMETERS,
  type CursorCodec,
  type OrderTerm,
  type SortField,
  type SortTerm,
} from '@fielding/pagination';
import { escapePointerToken, type PatchPolicy } from '@fielding/json-patch';
import { compileBulk, DEFAULT_BULK_MAX_ITEMS, type CompiledBulk } from './_bulk.js';
import { createFilterReader, type FilterReader } from './_filters.js';
import { FORMAT_PARAMETER, type ApiVariants } from './_representations.js';
import { actionOf, declarationOf, type ActionInternals, type ResourceBase } from './_registry.js';
import { compileValidator, type Validate } from './_validate.js';
import { patternOf, type ResourceDeclaration, type ResourceSchema } from './define-resource.js';
import type { JsonSchemaObject } from './schema-types.js';
import type { CountMode, Store } from './store.js';

/** What every handler of one API shares. */
export interface Runtime {
  variants: ApiVariants;
  hal: ReturnType<typeof createHal>;
  linker: Linker;
  maxBodySize: number;
  compiled: (resource: ResourceBase) => Compiled;
}

/** An embed, resolved: the target and how to load it for many items at once. */
export interface CompiledEmbed {
  name: string;
  target: Compiled;
  /** The member holding the related id (to-one), or undefined for children. */
  via: string | undefined;
  limit: number;
  order: readonly OrderTerm[];
}

/** An action with what the API compiled for it. */
export type CompiledAction = ActionInternals & {
  /** Members: the member's validator and whether it may be removed. */
  memberValidate?: Validate;
  memberRequired?: boolean;
};

/** A resource, compiled for one API. */
export interface Compiled {
  resource: ResourceBase;
  declaration: ResourceDeclaration<ResourceSchema>;
  store: Store<Record<string, unknown>>;
  name: string;
  singular: string;
  /** `/tasks/:taskId` and `/tasks`, without the API base (the linker adds it). */
  itemPattern: string;
  collectionPattern: string;
  idParam: string;
  scopeParam: string | undefined;
  methods: ReadonlySet<string>;
  idPattern: RegExp;
  cacheControl: string;
  /** readOnly members other than `id`. */
  readOnly: readonly string[];
  validateInput: Validate;
  /** Validates a patched document; worded as `validateInput` words a POST or PUT body. */
  validatePatched: Validate;
  /** The patch policy protecting readOnly members: one object, so json-patch compiles it once. */
  patchPolicy: PatchPolicy;
  formSchema: Readonly<Record<string, unknown>>;
  collection: {
    paging: 'page' | 'offset' | 'cursor';
    defaultPageSize: number;
    maxPageSize: number;
    count: CountMode;
    sortFields: Readonly<Record<string, SortField>>;
    defaultSort: string | undefined;
    sortable: boolean;
    fields: readonly string[] | undefined;
    readFilters: FilterReader;
    codec: CursorCodec | undefined;
    /** Whether every row is flat by the schema (scalar members only), so CSV needs no scan. */
    flatRows: boolean;
  };
  /** Bulk PATCH of the collection, when declared. */
  bulk: CompiledBulk | undefined;
  embeds: ReadonlyMap<string, CompiledEmbed>;
  actions: ReadonlyMap<string, CompiledAction>;
  children: Compiled[];
  parent: Compiled | undefined;
  itemHref: (id: string, scope: string | undefined) => string;
  collectionHref: (scope: string | undefined) => string;
  /** The RFC 6570 template of an item of a collection (the `find` link). */
  findTemplate: (scope: string | undefined) => string;
}

const DEFAULT_ID = /^[\w.~-]{1,128}$/;

const isObjectSchema = (value: unknown): value is JsonSchemaObject =>
  typeof value === 'object' && value !== null;

const SCALAR = new Set(['string', 'number', 'integer', 'boolean', 'null']);

/** Whether every value of the schema is an object of scalar members and nothing else. */
export function hasOnlyScalarMembers(schema: JsonSchemaObject): boolean {
  if (schema.additionalProperties !== false) return false;
  return Object.values(schema.properties ?? {}).every((property) => {
    if (typeof property !== 'object') return false;
    const types = property.type === undefined ? [] : [property.type].flat();
    if (types.length > 0) return types.every((type) => SCALAR.has(type));
    const values = property.enum ?? (property.const === undefined ? undefined : [property.const]);
    return (
      values !== undefined && values.every((value) => typeof value !== 'object' || value === null)
    );
  });
}

/** Sort fields of a schema: optional members may be absent, so they sort as nulls, last. */
export function sortFieldsOf(
  schema: JsonSchemaObject,
  names: readonly string[],
): Record<string, SortField> {
  const properties = schema.properties ?? {};
  const required = new Set(schema.required ?? []);
  const fields: Record<string, SortField> = { id: { unique: true } };
  for (const name of names) {
    if (name === 'id') continue;
    const property = properties[name];
    const always =
      required.has(name) || (isObjectSchema(property) && property.default !== undefined);
    fields[name] = always ? {} : { nullable: true, nulls: 'last' };
  }
  return fields;
}

/** ORDER BY terms of parsed sort terms, as the Store reads them. */
export function orderOf(terms: readonly SortTerm[]): OrderTerm[] {
  return terms.map((term) =>
    term.nulls === undefined
      ? { column: term.column, direction: term.direction }
      : { column: term.column, direction: term.direction, nulls: term.nulls },
  );
}

/** Parses a server-side sort (`-priority`) once, so a mistake throws at startup. */
function fixedOrder(schema: JsonSchemaObject, sort: string | undefined, what: string): OrderTerm[] {
  const fields = sortFieldsOf(schema, Object.keys(schema.properties ?? {}));
  try {
    return orderOf(parseSort('http://x/', { fields, defaultSort: sort ?? '', tieBreaker: 'id' }));
  } catch {
    throw new TypeError(`${what}: the sort "${sort}" names a member the schema lacks.`);
  }
}

const constant =
  <T>(value: T) =>
  (): T =>
    value;

// Characters a path segment carries as they are (RFC 3986 unreserved): an id made of them needs
// no encoding, so its href is the compiled prefix and suffix around it.
const UNRESERVED = /^[\w.~-]+$/;
const SENTINELS = ['zzscopezz', 'zzidzz'] as const;

/**
 * An href function for a pattern with up to two parameters (the scope, the id), compiled once:
 * the linker builds the href around sentinel values, and a request with unreserved values only
 * joins the parts; any other value goes through the linker, which encodes it.
 */
export function hrefBuilder(
  linker: Linker,
  pattern: string,
  scopeParam: string | undefined,
  idParam: string | undefined,
): (first: string | undefined, second?: string | undefined) => string {
  const params: Record<string, string> = {};
  if (scopeParam !== undefined) params[scopeParam] = SENTINELS[0];
  if (idParam !== undefined) params[idParam] = SENTINELS[1];
  const sample = linker.href(pattern, params);
  const build = (id: string | undefined, scope: string | undefined): string => {
    const values: Record<string, string> = {};
    if (scopeParam !== undefined) values[scopeParam] = scope ?? '';
    if (idParam !== undefined) values[idParam] = id ?? '';
    return linker.href(pattern, values);
  };
  if (idParam === undefined && scopeParam === undefined) return constant(sample);
  if (idParam === undefined) {
    // A nested collection: the scope is the only value.
    const [before = '', after = ''] = sample.split(SENTINELS[0]);
    return (scope = '') =>
      UNRESERVED.test(scope) ? `${before}${scope}${after}` : build(undefined, scope);
  }
  if (scopeParam === undefined) {
    const [before = '', after = ''] = sample.split(SENTINELS[1]);
    return (id = '') => (UNRESERVED.test(id) ? `${before}${id}${after}` : build(id, undefined));
  }
  const [head = '', rest = ''] = sample.split(SENTINELS[0]);
  const [middle = '', tail = ''] = rest.split(SENTINELS[1]);
  return (id = '', scope = '') =>
    UNRESERVED.test(id) && UNRESERVED.test(scope)
      ? `${head}${scope}${middle}${id}${tail}`
      : build(id, scope);
}

/** Compiles one resource (its links to others come after, from {@link linkResource}). */
export function compileResource(resource: ResourceBase, runtime: Runtime): Compiled {
  const { declaration, parsed, methods, actions } = declarationOf(resource);
  const what = `createApi: ${resource.name}`;
  const schema = declaration.schema;
  const properties = schema.properties ?? {};
  const required = schema.required ?? [];
  const readOnlyAll = Object.keys(properties).filter((name) => {
    const property = properties[name];
    return isObjectSchema(property) && property.readOnly === true;
  });
  const readOnly = readOnlyAll.filter((name) => name !== 'id');
  const readOnlySet = new Set(readOnlyAll);

  // What a client sends: readOnly members are removed before validation, so not required.
  const inputSchema = { ...schema, required: required.filter((name) => !readOnlySet.has(name)) };
  // What a patched document is: the representation, whose id is always present.
  const patchSchema = Object.hasOwn(properties, 'id')
    ? schema
    : { ...schema, properties: { ...properties, id: { type: 'string' } } };

  const itemPattern = patternOf(parsed);
  const collectionPattern = itemPattern.slice(0, itemPattern.lastIndexOf('/'));
  const parameters = parsed.segments.flatMap((segment) =>
    'parameter' in segment ? [segment.parameter] : [],
  );
  const idParam = parameters[parameters.length - 1] as string;
  const scopeParam = parameters.length === 2 ? parameters[0] : undefined;

  const options = declaration.collection ?? {};
  const paging = options.paging ?? 'page';
  const sortNames = options.sort ?? [];
  const sortFields = sortFieldsOf(schema, sortNames);
  const fields =
    options.fields === true
      ? ['id', ...Object.keys(properties).filter((n) => n !== 'id')]
      : undefined;
  const embedNames = Object.keys(declaration.embed ?? {});
  const passThrough = [
    ...(paging === 'page'
      ? [...PAGE_INDEX_PARAMETERS, ...PAGE_SIZE_PARAMETERS]
      : paging === 'offset'
        ? ['offset', 'limit']
        : ['cursor', 'limit']),
    ...(sortNames.length > 0 ? ['sort'] : []),
    ...(fields === undefined ? [] : ['fields']),
    ...(embedNames.length > 0 ? ['embed'] : []),
    FORMAT_PARAMETER,
  ];
  if (options.defaultSort !== undefined) {
    try {
      parseSort('http://x/', {
        fields: sortFields,
        defaultSort: options.defaultSort,
        tieBreaker: 'id',
      });
    } catch {
      throw new TypeError(
        `${what}: defaultSort "${options.defaultSort}" is not one of the sort fields.`,
      );
    }
  }

  const linker = runtime.linker;
  const compiled: Compiled = {
    resource,
    declaration,
    store: declaration.store as unknown as Store<Record<string, unknown>>,
    name: resource.name,
    singular: resource.singular,
    itemPattern,
    collectionPattern,
    idParam,
    scopeParam,
    methods: new Set(methods),
    idPattern: declaration.idPattern ?? DEFAULT_ID,
    cacheControl: declaration.cacheControl ?? 'no-cache',
    readOnly,
    validateInput: compileValidator(inputSchema),
    validatePatched: compileValidator(patchSchema),
    patchPolicy: {
      readOnly: readOnlyAll.includes('id')
        ? readOnlyAll.map((name) => `/${escapePointerToken(name)}`)
        : ['/id', ...readOnlyAll.map((name) => `/${escapePointerToken(name)}`)],
    },
    formSchema: schema,
    collection: {
      paging,
      defaultPageSize: options.pageSize?.default ?? 20,
      maxPageSize: options.pageSize?.max ?? 100,
      count: options.count ?? 'exact',
      sortFields,
      defaultSort: options.defaultSort,
      sortable: sortNames.length > 0,
      fields,
      readFilters: createFilterReader(options.filters ?? [], properties, passThrough),
      flatRows: hasOnlyScalarMembers(schema),
      codec:
        paging === 'cursor'
          ? createCursorCodec(
              options.cursorSecret === undefined ? {} : { secret: options.cursorSecret },
            )
          : undefined,
    },
    bulk:
      declaration.bulk === undefined || declaration.bulk === false
        ? undefined
        : compileBulk(
            (declaration.bulk === true ? undefined : declaration.bulk.maxItems) ??
              DEFAULT_BULK_MAX_ITEMS,
            declaration.bulk !== true && declaration.bulk.atomic === true,
          ),
    embeds: new Map(),
    actions: new Map(),
    children: [],
    parent: undefined,
    itemHref: hrefBuilder(linker, itemPattern, scopeParam, idParam),
    collectionHref: hrefBuilder(linker, collectionPattern, scopeParam, undefined),
    findTemplate:
      scopeParam === undefined
        ? constant(linker.template(itemPattern, {}).href)
        : (scope) =>
            linker.template(itemPattern, scope === undefined ? {} : { [scopeParam]: scope }).href,
  };

  for (const [name, spec] of Object.entries(actions)) {
    const internals: CompiledAction = { ...actionOf(spec) };
    if (internals.kind === 'member') {
      const property = properties[internals.name];
      internals.memberValidate = compileValidator(typeof property === 'object' ? property : {});
      internals.memberRequired = required.includes(internals.name);
    }
    (compiled.actions as Map<string, CompiledAction>).set(name, internals);
  }

  return compiled;
}

/**
 * Resolves a compiled resource's links to the others (parent, children, embeds), once every
 * resource of the API is compiled.
 */
export function linkResource(
  compiled: Compiled,
  runtime: Runtime,
  registered: ReadonlySet<ResourceBase>,
): void {
  const { resource, declaration } = compiled;
  const what = `createApi: ${resource.name}`;
  const resolve = (other: ResourceBase, role: string): Compiled => {
    if (!registered.has(other)) {
      throw new TypeError(`${what}: its ${role} ${other.name} is not among the API's resources.`);
    }
    return runtime.compiled(other);
  };
  if (resource.parent !== undefined) {
    compiled.parent = resolve(resource.parent, 'parent');
    compiled.parent.children.push(compiled);
  }
  for (const [name, embed] of Object.entries(declaration.embed ?? {})) {
    const related = typeof embed.resource === 'function' ? embed.resource() : embed.resource;
    const target = resolve(related, `embed "${name}"`);
    if (embed.via === undefined && target.resource.parent !== resource) {
      throw new TypeError(
        `${what}: embed "${name}" needs "via", or ${target.name} nested in ${resource.name}.`,
      );
    }
    if (embed.via !== undefined && target.scopeParam !== undefined) {
      throw new TypeError(`${what}: embed "${name}" via a member needs a top-level resource.`);
    }
    (compiled.embeds as Map<string, CompiledEmbed>).set(name, {
      name,
      target,
      via: embed.via,
      limit: embed.limit ?? 10,
      order: fixedOrder(target.declaration.schema, embed.sort, `${what}: embed "${name}"`),
    });
  }
}
