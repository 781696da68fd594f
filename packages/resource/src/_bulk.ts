// Bulk PATCH of a collection (issue 19): one request changes several items and answers 207
// Multi-Status with one outcome per item. Each item goes through the rules of its own PATCH
// (If-Match, merge patch policy, schema, prepare) on a request built as if it were sent alone,
// so every outcome carries the problem document the item's endpoint would give.
import { UnstorableValueError, type RouteHandler } from '@fielding/core';
import { readJson } from '@fielding/content-negotiation';
import { DEFAULT_PATCH_LIMITS, MERGE_PATCH, applyPatchRequest } from '@fielding/json-patch';
import {
  contentTooLarge,
  failedDependency,
  isHttpError,
  problemFromError,
  unprocessableContent,
  type HttpError,
} from '@fielding/problem-errors';
import type { Compiled, Runtime } from './_compile.js';
import { stateOf } from './_documents.js';
import { prepared, writePreconditions } from './_item.js';
import { ITEM_PROBE, type Variant } from './_representations.js';
import {
  missing,
  requireBodyType,
  requireParent,
  scopeOf,
  selectVariant,
  stale,
} from './_request.js';
import { compileValidator, type Validate } from './_validate.js';
import { versionTag } from './_version-tag.js';
import type { Entry, ReplaceCheck, ReplaceInput, Store } from './store.js';

type Value = Record<string, unknown>;

/** What a bulk PATCH takes (`Accept-Patch` of a collection). */
export const BULK_ACCEPT_PATCH = 'application/json';

/** Most items of one bulk request unless the declaration says otherwise. */
export const DEFAULT_BULK_MAX_ITEMS = 100;

/** The bulk options of a resource, compiled. */
export interface CompiledBulk {
  maxItems: number;
  atomic: boolean;
  requestSchema: Readonly<Record<string, unknown>>;
  validate: Validate;
}

/** One entry of a bulk request, once the body is valid. */
interface BulkEntry {
  id: string;
  ifMatch?: string;
  patch: Value;
}

/** What a bulk PATCH answers per item. */
type Outcome = { id: string; status: number; etag?: string; problem?: unknown };

// Conditional and framing headers of the bulk request say nothing about one item.
const DROPPED_HEADERS = [
  'if-match',
  'if-none-match',
  'if-modified-since',
  'if-unmodified-since',
  'if-range',
  'content-length',
  'content-encoding',
  'transfer-encoding',
];

// Only JSON: a `+json` type such as merge patch would say the body is something else.
const JSON_TYPES: readonly string[] = ['application/json'];
const JSON_EXACT: ReadonlySet<string> = new Set(['application/json']);

/** The JSON Schema of a bulk request body. */
export function bulkRequestSchema(maxItems: number): Record<string, unknown> {
  return {
    type: 'array',
    maxItems,
    items: {
      type: 'object',
      required: ['id', 'patch'],
      additionalProperties: false,
      properties: {
        id: { type: 'string', minLength: 1, maxLength: 1024 },
        // Printable ASCII: what an entity-tag list may hold, and what a header field can carry.
        ifMatch: { type: 'string', pattern: '^[\\x20-\\x7e]*$', maxLength: 4096 },
        patch: { type: 'object' },
      },
    },
  };
}

/** The JSON Schema of a 207 answer. */
export const BULK_RESPONSE_SCHEMA: Readonly<Record<string, unknown>> = {
  type: 'object',
  required: ['items'],
  properties: {
    items: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'status'],
        properties: {
          id: { type: 'string' },
          status: { type: 'integer' },
          etag: { type: 'string' },
          problem: { type: 'object' },
        },
      },
    },
  },
};

/** Compiles `bulk` of a declaration: maxItems, atomic, and the request validator. */
export function compileBulk(maxItems: number, atomic: boolean): CompiledBulk {
  const requestSchema = bulkRequestSchema(maxItems);
  return { maxItems, atomic, requestSchema, validate: compileValidator(requestSchema) };
}

/** A checked, patched, prepared item ready to write, or the answer it gets instead. */
type Plan = { input: ReplaceInput<Value> } | { failure: Response };

/** An item's failure as an outcome; its problem's `instance` is the item, as on its own PATCH. */
async function outcomeOf(id: string, failure: Response, instance: string): Promise<Outcome> {
  const etag = failure.headers.get('ETag');
  const problem = (await failure.json()) as Record<string, unknown>;
  return {
    id,
    status: failure.status,
    ...(etag !== null && { etag }),
    problem: { ...problem, instance: problem.instance ?? instance },
  };
}

function failureOf(error: unknown): Response {
  if (error instanceof UnstorableValueError) {
    return problemFromError(
      unprocessableContent({
        detail:
          'The representation holds a character the store cannot keep (U+0000 or a lone surrogate).',
      }),
    );
  }
  if (isHttpError(error)) return problemFromError(error);
  throw error;
}

/** Whether a value nests deeper than `max` (the value itself is depth 1); iterative. */
function deeperThan(value: unknown, max: number): boolean {
  const pending: [unknown, number][] = [[value, 1]];
  while (pending.length > 0) {
    const [current, depth] = pending.pop() as [unknown, number];
    if (typeof current !== 'object' || current === null) continue;
    if (depth > max) return true;
    for (const child of Object.values(current)) pending.push([child, depth + 1]);
  }
  return false;
}

/** 422 naming the second of two entries with one id. */
function duplicateOf(entries: readonly BulkEntry[]): HttpError | undefined {
  const first = new Map<string, number>();
  for (const [index, entry] of entries.entries()) {
    const earlier = first.get(entry.id);
    if (earlier !== undefined) {
      return unprocessableContent({
        detail: `The ${entry.id} appears twice; each item may appear once.`,
        errors: [{ pointer: `/${index}/id`, detail: `repeats /${earlier}/id` }],
      });
    }
    first.set(entry.id, index);
  }
  return undefined;
}

/** The `PATCH` of a collection with bulk enabled: 207 with one outcome per item. */
export function bulkHandler(
  runtime: Runtime,
  compiled: Compiled,
  bulk: CompiledBulk,
): RouteHandler {
  const store = compiled.store;
  const replaceAll = store.replaceAll?.bind(store) as Store<Value>['replaceAll'];

  async function plan(
    request: Request,
    url: URL,
    entry: BulkEntry,
    scope: string | undefined,
    variant: Variant | undefined,
  ): Promise<Plan> {
    try {
      const { id } = entry;
      if (!compiled.idPattern.test(id)) throw missing(compiled, id);
      // Refused before it is serialised for the item's request, in the item PATCH's words.
      const maxDepth = DEFAULT_PATCH_LIMITS.maxDepth;
      if (deeperThan(entry.patch, maxDepth)) {
        throw contentTooLarge({ detail: `The merge patch nests deeper than ${maxDepth} levels.` });
      }
      const headers = new Headers(request.headers);
      for (const name of DROPPED_HEADERS) headers.delete(name);
      headers.set('content-type', MERGE_PATCH);
      if (entry.ifMatch !== undefined) headers.set('if-match', entry.ifMatch);
      // The item's PATCH as if sent alone: prepare() and the preconditions read this request.
      const itemRequest = new Request(new URL(compiled.itemHref(id, scope), url), {
        method: 'PATCH',
        headers,
        body: JSON.stringify(entry.patch),
      });
      const key = { scope, id };
      const validator = await store.validator(key);
      if (validator === undefined) throw missing(compiled, id);
      const early = writePreconditions(itemRequest, validator, variant);
      if (early !== undefined) return { failure: early };
      const current = await store.get(key);
      if (current === undefined) throw missing(compiled, id);
      if (current.version !== validator.version) throw stale(compiled, current, variant);
      const patched = (await applyPatchRequest(itemRequest, stateOf(current), {
        policy: compiled.patchPolicy,
        maxBodySize: runtime.maxBodySize,
      })) as Value;
      const problem = compiled.validatePatched(patched);
      if (problem !== undefined) throw problem;
      const { id: _id, ...rest } = patched;
      const value = await prepared(compiled, rest, 'PATCH', itemRequest, id, scope, current);
      return { input: { scope, id, value, version: current.version } };
    } catch (error) {
      return { failure: failureOf(error) };
    }
  }

  const writtenOutcome = (entry: Entry<Value>, variant: Variant | undefined): Outcome => ({
    id: entry.id,
    status: 200,
    etag: versionTag(entry, variant?.tag ?? 'hal'),
  });

  const notWritten = (id: string, scope: string | undefined): Promise<Outcome> =>
    outcomeOf(
      id,
      problemFromError(
        failedDependency({
          detail: `The ${compiled.singular} ${id} was not changed: another item of this atomic request failed.`,
        }),
      ),
      compiled.itemHref(id, scope),
    );

  async function checkOutcome(
    id: string,
    check: ReplaceCheck,
    scope: string | undefined,
    variant: Variant | undefined,
  ): Promise<Outcome> {
    if (check.status === 'ready') return notWritten(id, scope);
    const error =
      check.status === 'stale' ? stale(compiled, check.current, variant) : missing(compiled, id);
    return outcomeOf(id, problemFromError(error), compiled.itemHref(id, scope));
  }

  return async function patchItems(request, { params, url }) {
    const scope = scopeOf(compiled, params);
    await requireParent(compiled, scope);
    requireBodyType(request, JSON_TYPES, JSON_EXACT);
    const body = await readJson(request, { limit: runtime.maxBodySize });
    if (Array.isArray(body) && body.length > bulk.maxItems) {
      throw contentTooLarge({
        detail: `At most ${bulk.maxItems} items may change in one request; this one has ${body.length}.`,
        extensions: { maxItems: bulk.maxItems },
      });
    }
    const invalid = bulk.validate(body);
    if (invalid !== undefined) throw invalid;
    const entries = body as BulkEntry[];
    const duplicate = duplicateOf(entries);
    if (duplicate !== undefined) throw duplicate;
    const variant = selectVariant(runtime, request, url, ITEM_PROBE);
    const answer = (id: string, failure: Response): Promise<Outcome> =>
      outcomeOf(id, failure, compiled.itemHref(id, scope));

    // One item at a time: a bulk request costs the store what its items would, never more at once.
    const plans: Plan[] = [];
    for (const entry of entries) plans.push(await plan(request, url, entry, scope, variant));

    const items: Outcome[] = [];
    if (!bulk.atomic) {
      for (const [index, entry] of entries.entries()) {
        const planned = plans[index] as Plan;
        if ('failure' in planned) {
          items.push(await answer(entry.id, planned.failure));
          continue;
        }
        try {
          const outcome = await store.replace(planned.input);
          if (outcome.status === 'written') items.push(writtenOutcome(outcome.entry, variant));
          else {
            const error =
              outcome.status === 'stale'
                ? stale(compiled, outcome.current, variant)
                : missing(compiled, entry.id);
            items.push(await answer(entry.id, problemFromError(error)));
          }
        } catch (error) {
          items.push(await answer(entry.id, failureOf(error)));
        }
      }
    } else if (plans.some((planned) => 'failure' in planned)) {
      for (const [index, entry] of entries.entries()) {
        const planned = plans[index] as Plan;
        items.push(
          'failure' in planned
            ? await answer(entry.id, planned.failure)
            : await notWritten(entry.id, scope),
        );
      }
    } else {
      const inputs = plans.map((planned) => (planned as { input: ReplaceInput<Value> }).input);
      const outcome =
        inputs.length === 0
          ? { status: 'written' as const, entries: [] }
          : await (replaceAll as NonNullable<typeof replaceAll>)(inputs);
      if (outcome.status === 'written') {
        for (const written of outcome.entries) items.push(writtenOutcome(written, variant));
      } else {
        for (const [index, entry] of entries.entries()) {
          const check = outcome.checks[index] ?? { status: 'missing' };
          items.push(await checkOutcome(entry.id, check, scope, variant));
        }
      }
    }
    return new Response(JSON.stringify({ items }), {
      status: 207,
      headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' },
    });
  };
}
