import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import type { ValidationIssue } from '@fielding/problem-errors';

let lean: Ajv | undefined;

/**
 * The Ajv instance for patch documents: without `ownProperties`, which makes validation about
 * four times slower; `parsePatch` checks that the members it reads are own members itself.
 */
export function patchAjv(): Ajv {
  lean ??= new Ajv({ allErrors: true, strict: false });
  return lean;
}

/** A resource schema: a JSON Schema object or `true` / `false`. */
export type ResourceSchema = Readonly<Record<string, unknown>> | boolean;

/**
 * Compiled resource schemas of one Ajv instance. Ajv keeps every schema it compiles and every
 * function it generates in the instance's code scope, and `removeSchema` does not clear that
 * scope: only dropping the instance frees them. So an instance compiles at most
 * {@link MAX_SCHEMAS} schemas and is then replaced with its cache.
 */
interface SchemaCache {
  readonly ajv: Ajv;
  /** The fast path for a schema object created once at setup, as documented. */
  readonly byObject: WeakMap<object, ValidateFunction>;
  /** For schemas built per request: equal content, one compilation. */
  readonly byContent: Map<string, ValidateFunction>;
}

/** The most resource schemas compiled into one Ajv instance before it is replaced. */
const MAX_SCHEMAS = 64;

let cache: SchemaCache | undefined;
let compilations = 0;

function newCache(): SchemaCache {
  // `ownProperties` keeps inherited members (a polluted prototype elsewhere in the process) from
  // satisfying `required`.
  return {
    ajv: new Ajv({ allErrors: true, strict: false, ownProperties: true }),
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
 * The validator of a resource schema, compiled once per schema content: by object identity
 * first, then by a stable serialisation (which includes `$id`, so a changed schema under the
 * same `$id` is compiled anew instead of reusing or clashing with the old one).
 */
export function schemaValidator(schema: ResourceSchema): ValidateFunction {
  cache ??= newCache();
  const object = typeof schema === 'object' ? schema : undefined;
  const known = object && cache.byObject.get(object);
  if (known !== undefined) return known;
  const key = stableKey(schema);
  let validator = cache.byContent.get(key);
  if (validator === undefined) {
    if (cache.byContent.size >= MAX_SCHEMAS) cache = newCache();
    const { ajv } = cache;
    try {
      validator = ajv.compile(schema as Record<string, unknown> | boolean);
    } finally {
      // Ajv also caches by schema object and registers `$id`: forget both, this cache owns it.
      if (object !== undefined) ajv.removeSchema(object as Record<string, unknown>);
    }
    compilations++;
    cache.byContent.set(key, validator);
  }
  if (object !== undefined) cache.byObject.set(object, validator);
  return validator;
}

/** How many resource schemas have been compiled since the process started (for tests). */
export function schemaCompilations(): number {
  return compilations;
}

/** How many compiled resource schemas are kept (for tests). */
export function schemaCacheSize(): number {
  return cache?.byContent.size ?? 0;
}

/** The most issues one error response lists; a hostile body cannot make it huge. */
export const MAX_ISSUES = 20;

const escape = (token: string): string => token.replaceAll('~', '~0').replaceAll('/', '~1');

/** Turns Ajv errors into problem-details issues whose pointers name the offending member. */
export function toIssues(errors: readonly ErrorObject[] | null | undefined): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const seen = new Set<string>();
  for (const error of errors ?? []) {
    // `if` only says "the then-branch failed"; the branch's own error says what is missing.
    if (error.keyword === 'if') continue;
    let pointer = error.instancePath;
    let detail = error.message ?? 'is invalid';
    if (error.keyword === 'required') {
      const missing = String((error.params as { missingProperty: string }).missingProperty);
      pointer += '/' + escape(missing);
      detail = 'is required';
    } else if (error.keyword === 'enum') {
      const allowed = (error.params as { allowedValues: unknown[] }).allowedValues;
      detail = `must be one of ${allowed.map((value) => JSON.stringify(value)).join(', ')}`;
    }
    const key = `${pointer}\u0000${detail}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push({ pointer, detail });
    if (issues.length === MAX_ISSUES) break;
  }
  return issues;
}
