// Item handlers: GET/HEAD (deep ETag, 304 from the validator alone), PUT (replace, or create
// with If-None-Match: *), PATCH (JSON Patch and merge patch), DELETE; every write pinned to the
// version by If-Match and done as an atomic compare-and-set in the store.
import type { RouteHandler } from '@fielding/core';
import { evaluatePreconditions, preconditionResponse } from '@fielding/conditional-requests';
import { readJson, representation } from '@fielding/content-negotiation';
import { JSON_PATCH, MERGE_PATCH, applyPatchRequest } from '@fielding/json-patch';
import type { Compiled, Runtime } from './_compile.js';
import { itemDocument, stateOf, type State } from './_documents.js';
import { embeddedStamp, embedsOf, latestModified, loadEmbeds } from './_embed.js';
import { hashString } from './_hash.js';
import { ITEM_PROBE, type Variant } from './_representations.js';
import {
  idOf,
  itemHeaders,
  missing,
  preferenceOf,
  requireBodyType,
  requireParent,
  scopeOf,
  selectVariant,
  stale,
} from './_request.js';
import type { ReturnPreference } from './_prefer.js';
import { pinnedTag, versionTag } from './_version-tag.js';
import type { Entry, Validator } from './store.js';

type Value = Record<string, unknown>;

const JSON_TYPES: readonly string[] = ['+json'];
const POST_REQUIRES_TAG = { methods: ['POST'], validator: 'entity-tag' } as const;
const PATCH_TYPES: readonly string[] = [JSON_PATCH, MERGE_PATCH];
const PATCH_EXACT: ReadonlySet<string> = new Set(PATCH_TYPES);
const JSON_EXACT: ReadonlySet<string> = new Set(['application/json']);

/** What a client may send: the body without readOnly members (an `id` names nothing). */
export function writableMembers(compiled: Compiled, body: unknown): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return body;
  const copy: Value = { ...(body as Value) };
  delete copy.id;
  for (const name of compiled.readOnly) delete copy[name];
  return copy;
}

/** Reads, checks and validates a JSON body (415, 413, 400, 422): the value to store. */
export async function readValue(
  compiled: Compiled,
  runtime: Runtime,
  request: Request,
): Promise<Value> {
  const body = writableMembers(compiled, await readJson(request, { limit: runtime.maxBodySize }));
  const problem = compiled.validateInput(body);
  if (problem !== undefined) throw problem;
  return body as Value;
}

/** The value to store: readOnly members other than id kept from the current entry, then `prepare`. */
export async function prepared(
  compiled: Compiled,
  value: Value,
  method: 'POST' | 'PUT' | 'PATCH',
  request: Request,
  id: string | undefined,
  scope: string | undefined,
  current: Entry<Value> | undefined,
): Promise<Value> {
  let result = value;
  if (current !== undefined && method === 'PUT' && compiled.readOnly.length > 0) {
    result = { ...value };
    for (const name of compiled.readOnly) {
      if (Object.hasOwn(current.value, name)) result[name] = current.value[name];
    }
  }
  const prepare = compiled.declaration.prepare;
  if (prepare === undefined) return result;
  return (await prepare(result as never, {
    method,
    id,
    scope,
    current: current as never,
    request,
  })) as Value;
}

/**
 * The answer to a successful write: the representation (200/201) with its validators and
 * `Content-Location`, or without a body when the client prefers `return=minimal` (204/201).
 */
export function written(
  runtime: Runtime,
  compiled: Compiled,
  preference: ReturnPreference,
  entry: Entry<Value>,
  scope: string | undefined,
  variant: Variant | undefined,
  created: boolean,
): Response {
  const self = compiled.itemHref(entry.id, scope);
  const headers = itemHeaders(compiled, entry, versionTag(entry, variant?.tag ?? 'hal'));
  if (created) headers.Location = self;
  if (preference !== undefined) headers['Preference-Applied'] = `return=${preference}`;
  if (preference === 'minimal' || variant === undefined) {
    return new Response(null, { status: created ? 201 : 204, headers });
  }
  headers['Content-Location'] = self;
  const document = itemDocument(runtime, compiled, stateOf(entry), scope, variant);
  return representation(document, { status: created ? 201 : 200, headers });
}

/**
 * The variant of the answer to a write, or the 406 to send first, and the client's `return`
 * preference (read once); with `return=minimal` no representation is sent, so nothing needs to
 * be acceptable.
 */
export function writeVariant(
  runtime: Runtime,
  request: Request,
  url: URL,
): {
  variant: Variant | undefined;
  refusal: Response | undefined;
  preference: ReturnPreference;
} {
  const preference = preferenceOf(request);
  if (preference === 'minimal') return { variant: undefined, refusal: undefined, preference };
  const variant = selectVariant(runtime, request, url, ITEM_PROBE);
  return {
    variant,
    refusal: variant === undefined ? representation(ITEM_PROBE) : undefined,
    preference,
  };
}

/** 428 without an If-Match naming the version, 412 when it names another one. */
export function writePreconditions(
  request: Request,
  validator: Validator | undefined,
  variant: Variant | undefined,
): Response | undefined {
  const tag = variant?.tag ?? 'hal';
  const decision = evaluatePreconditions(request, {
    etag: validator === undefined ? undefined : pinnedTag(request, validator, tag),
    lastModified: validator?.modified,
    exists: validator !== undefined,
    // Every method this is called for must name the version (a conditional action is a POST).
    require: request.method === 'POST' ? POST_REQUIRES_TAG : 'entity-tag',
  });
  return preconditionResponse(decision);
}

export function itemHandlers(runtime: Runtime, compiled: Compiled): Record<string, RouteHandler> {
  const { store } = compiled;
  const handlers: Record<string, RouteHandler> = {};

  handlers.GET = async function getItem(request, { params, url }) {
    const scope = scopeOf(compiled, params);
    const id = idOf(compiled, params);
    const embeds = compiled.embeds.size === 0 ? [] : embedsOf(compiled, url);
    const variant = selectVariant(runtime, request, url, ITEM_PROBE);
    const key = { scope, id };
    if (embeds.length === 0) {
      // Deep ETag: the version answers a revalidation before the item is read.
      const validator = await store.validator(key);
      if (validator === undefined) throw missing(compiled, id);
      if (variant === undefined) return representation(ITEM_PROBE);
      const headers = itemHeaders(compiled, validator, versionTag(validator, variant.tag));
      const decision = evaluatePreconditions(request, {
        etag: headers.ETag,
        lastModified: validator.modified,
      });
      if (decision.type === 'not-modified')
        return preconditionResponse(decision, { headers }) as Response;
      const entry = await store.get(key);
      if (entry === undefined) throw missing(compiled, id);
      const fresh =
        entry.version === validator.version
          ? headers
          : itemHeaders(compiled, entry, versionTag(entry, variant.tag));
      return representation(itemDocument(runtime, compiled, stateOf(entry), scope, variant), {
        headers: fresh,
      });
    }
    // With embedded resources the tag covers them too, so the item and its embeds are read.
    const entry = await store.get(key);
    if (entry === undefined) throw missing(compiled, id);
    if (variant === undefined) return representation(ITEM_PROBE);
    const embedded = await loadEmbeds(compiled, embeds, [entry]);
    const own = embedded.get(entry.id);
    const stamp = hashString(`${embeds.join(',')}${embeddedStamp(embedded)}`);
    const modified = latestModified(entry.modified, own);
    const headers = itemHeaders(
      compiled,
      { version: entry.version, modified },
      versionTag(entry, `${variant.tag}-e${stamp}`),
    );
    const early = preconditionResponse(
      evaluatePreconditions(request, { etag: headers.ETag, lastModified: modified }),
      { headers },
    );
    if (early !== undefined) return early;
    const state: State = stateOf(entry);
    return representation(itemDocument(runtime, compiled, state, scope, variant, own), {
      headers,
    });
  };

  handlers.PUT = async function putItem(request, { params, url }) {
    const scope = scopeOf(compiled, params);
    const id = idOf(compiled, params);
    const { variant, refusal, preference } = writeVariant(runtime, request, url);
    if (refusal !== undefined) return refusal;
    requireBodyType(request, JSON_TYPES, JSON_EXACT);
    const key = { scope, id };
    const validator = await store.validator(key);
    const early = writePreconditions(request, validator, variant);
    if (early !== undefined) return early;
    const value = await readValue(compiled, runtime, request);
    if (validator === undefined) {
      // `If-None-Match: *` passed: create the item at this URL.
      await requireParent(compiled, scope);
      const stored = await prepared(compiled, value, 'PUT', request, id, scope, undefined);
      const entry = await store.create({ scope, id, value: stored });
      if (entry === undefined) {
        const current = await store.validator(key);
        throw current === undefined ? missing(compiled, id) : stale(compiled, current, variant);
      }
      return written(runtime, compiled, preference, entry, scope, variant, true);
    }
    const needsCurrent = compiled.readOnly.length > 0 || compiled.declaration.prepare !== undefined;
    const current = needsCurrent ? await store.get(key) : undefined;
    if (needsCurrent && current?.version !== validator.version) {
      if (current === undefined) throw missing(compiled, id);
      throw stale(compiled, current, variant);
    }
    const stored = await prepared(compiled, value, 'PUT', request, id, scope, current);
    const outcome = await store.replace({ scope, id, value: stored, version: validator.version });
    if (outcome.status === 'missing') throw missing(compiled, id);
    if (outcome.status === 'stale') throw stale(compiled, outcome.current, variant);
    return written(runtime, compiled, preference, outcome.entry, scope, variant, false);
  };

  handlers.PATCH = async function patchItem(request, { params, url }) {
    const scope = scopeOf(compiled, params);
    const id = idOf(compiled, params);
    const { variant, refusal, preference } = writeVariant(runtime, request, url);
    if (refusal !== undefined) return refusal;
    const key = { scope, id };
    const validator = await store.validator(key);
    if (validator === undefined) throw missing(compiled, id);
    requireBodyType(request, PATCH_TYPES, PATCH_EXACT);
    const early = writePreconditions(request, validator, variant);
    if (early !== undefined) return early;
    const entry = await store.get(key);
    if (entry === undefined) throw missing(compiled, id);
    if (entry.version !== validator.version) throw stale(compiled, entry, variant);
    const patched = (await applyPatchRequest(request, stateOf(entry), {
      policy: compiled.patchPolicy,
      maxBodySize: runtime.maxBodySize,
    })) as Value;
    // The result is validated here, not by json-patch, so a PATCH words its 422 as POST and PUT do.
    const problem = compiled.validatePatched(patched);
    if (problem !== undefined) throw problem;
    const { id: _id, ...rest } = patched;
    const stored = await prepared(compiled, rest, 'PATCH', request, id, scope, entry);
    const outcome = await store.replace({ scope, id, value: stored, version: entry.version });
    if (outcome.status === 'missing') throw missing(compiled, id);
    if (outcome.status === 'stale') throw stale(compiled, outcome.current, variant);
    return written(runtime, compiled, preference, outcome.entry, scope, variant, false);
  };

  handlers.DELETE = async function deleteItem(request, { params }) {
    const scope = scopeOf(compiled, params);
    const id = idOf(compiled, params);
    const key = { scope, id };
    const validator = await store.validator(key);
    if (validator === undefined) throw missing(compiled, id);
    const early = writePreconditions(request, validator, undefined);
    if (early !== undefined) return early;
    const outcome = await store.remove({ scope, id, version: validator.version });
    if (outcome.status === 'missing') throw missing(compiled, id);
    if (outcome.status === 'stale') throw stale(compiled, outcome.current, undefined);
    return new Response(null, { status: 204 });
  };

  return handlers;
}
