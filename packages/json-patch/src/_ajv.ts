import Ajv, { type Options, type ValidateFunction } from 'ajv';
import { issuesFromAjv, type ValidationIssue } from '@fielding/problem-errors';

/**
 * One schema compiled twice. `allErrors` makes Ajv build an error object for every failure, and a
 * hostile body can fail a schema 100,000 times (seconds of CPU, megabytes of issues), so data is
 * validated first with the fail-fast validator, and the all-errors one runs only on failure, on
 * data small enough, and is compiled only then.
 */
export interface Validators {
  /** Stops at the first error: the whole cost for valid data. */
  readonly first: ValidateFunction;
  /** Every error; compiled on first use. */
  all(): ValidateFunction;
}

/** What {@link validateData} found. */
export interface ValidationResult {
  /** The problems, worded by `issuesFromAjv`; empty when the data is valid. */
  readonly issues: ValidationIssue[];
  /** False when only the first problem was looked for, because the data was too large. */
  readonly complete: boolean;
}

/**
 * Validates `data`: with the fail-fast validator first; on failure, lists every problem when
 * `small` says the data is small enough to run the all-errors validator, else the first one.
 */
export function validateData(
  validators: Validators,
  data: unknown,
  small: () => boolean,
): ValidationResult {
  const { first } = validators;
  if (first(data)) return { issues: [], complete: true };
  if (!small()) return { issues: issuesFromAjv(first.errors), complete: false };
  const all = validators.all();
  all(data);
  return { issues: issuesFromAjv(all.errors), complete: true };
}

/** How many times Ajv compiled a resource schema (see schemaCompilations). */
let compilations = 0;

/** A fail-fast instance and an all-errors instance with the same options. */
interface AjvPair {
  readonly first: Ajv;
  readonly all: Ajv;
}

function ajvPair(options: Options): AjvPair {
  return {
    first: new Ajv({ ...options, allErrors: false }),
    all: new Ajv({ ...options, allErrors: true }),
  };
}

/**
 * Compiles a schema into a pair, the all-errors half on first use. A `counted` schema is a
 * resource schema: counted, and removed from Ajv's registries afterwards (see SchemaCache).
 */
function validators(pair: AjvPair, schema: object | boolean, counted: boolean): Validators {
  const compile = (ajv: Ajv): ValidateFunction => {
    try {
      return ajv.compile(schema as Record<string, unknown> | boolean);
    } finally {
      if (counted) {
        compilations++;
        // Ajv also caches by schema object and registers `$id`: forget both, our cache owns it.
        if (typeof schema === 'object') ajv.removeSchema(schema as Record<string, unknown>);
      }
    }
  };
  const first = compile(pair.first);
  let all: ValidateFunction | undefined;
  return { first, all: () => (all ??= compile(pair.all)) };
}

let patchDocument: Validators | undefined;

/**
 * The validators of a patch document schema: without `ownProperties`, which makes validation
 * about four times slower; `parsePatch` checks that the members it reads are own members itself.
 */
export function patchDocumentValidators(schema: object): Validators {
  patchDocument ??= validators(ajvPair({ strict: false }), schema, false);
  return patchDocument;
}

/** A resource schema: a JSON Schema object or `true` / `false`. */
export type ResourceSchema = Readonly<Record<string, unknown>> | boolean;

/**
 * Compiled resource schemas of one pair of Ajv instances. Ajv keeps every schema it compiles and
 * every function it generates in the instance's code scope, and `removeSchema` does not clear
 * that scope: only dropping the instance frees them. So a pair compiles at most
 * {@link MAX_SCHEMAS} schemas and is then replaced, with its cache.
 */
interface SchemaCache {
  readonly ajv: AjvPair;
  /** The fast path for a schema object created once at setup, as documented. */
  readonly byObject: WeakMap<object, Validators>;
  /** For schemas built per request: equal content, one compilation. */
  readonly byContent: Map<string, Validators>;
}

/** The most resource schemas compiled into one pair of Ajv instances before it is replaced. */
const MAX_SCHEMAS = 64;

let cache: SchemaCache | undefined;

function newCache(): SchemaCache {
  // `ownProperties` keeps inherited members (a polluted prototype elsewhere in the process) from
  // satisfying `required`.
  return {
    ajv: ajvPair({ strict: false, ownProperties: true }),
    byObject: new WeakMap(),
    byContent: new Map(),
  };
}

/**
 * JSON text of a schema with object members sorted, so that equal schemas built separately (or
 * with their members in another order) share one key. Schemas are trusted server configuration,
 * so plain recursion is fine here.
 */
function stableKey(value: unknown): string {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(stableKey).join(',')}]`;
  const members: string[] = [];
  for (const key of Object.keys(value).sort()) {
    const member = (value as Record<string, unknown>)[key];
    if (member !== undefined) members.push(`${JSON.stringify(key)}:${stableKey(member)}`);
  }
  return `{${members.join(',')}}`;
}

/**
 * The validators of a resource schema, compiled once per schema content: looked up by object
 * identity first, then by a stable serialisation (which includes `$id`, so a changed schema under
 * the same `$id` is compiled anew instead of reusing or clashing with the old one).
 */
export function schemaValidators(schema: ResourceSchema): Validators {
  cache ??= newCache();
  const object = typeof schema === 'object' ? schema : undefined;
  const known = object && cache.byObject.get(object);
  if (known !== undefined) return known;
  const key = stableKey(schema);
  let found = cache.byContent.get(key);
  if (found === undefined) {
    if (cache.byContent.size >= MAX_SCHEMAS) cache = newCache();
    found = validators(cache.ajv, schema, true);
    cache.byContent.set(key, found);
  }
  if (object !== undefined) cache.byObject.set(object, found);
  return found;
}

/** How many times Ajv compiled a resource schema since the process started (for tests). */
export function schemaCompilations(): number {
  return compilations;
}

/** How many compiled resource schemas are kept (for tests). */
export function schemaCacheSize(): number {
  return cache?.byContent.size ?? 0;
}
