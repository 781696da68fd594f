// Per-request helpers every handler shares: path parameters, the negotiated variant, the
// headers of an item, and the errors the declaration layer answers with.
import type { RouteContext } from '@fielding/core';
import { formatHttpDate } from '@fielding/conditional-requests';
import { requireContentType } from '@fielding/content-negotiation';
import { ACCEPT_PATCH } from '@fielding/json-patch';
import { notFound, preconditionFailed, type HttpError } from '@fielding/problem-errors';
import type { Compiled, Runtime } from './_compile.js';
import { FORMAT_PARAMETER, type Variant } from './_representations.js';
import { returnPreference, type ReturnPreference } from './_prefer.js';
import { versionTag } from './_version-tag.js';
import type { Validator } from './store.js';

export type Params = RouteContext['params'];

/** The item's id from the path; an id the resource cannot have names nothing: 404. */
export function idOf(compiled: Compiled, params: Params): string {
  const id = params[compiled.idParam];
  if (typeof id !== 'string' || !compiled.idPattern.test(id)) throw missing(compiled, undefined);
  return id;
}

/** The parent's id from the path of a nested resource. */
export function scopeOf(compiled: Compiled, params: Params): string | undefined {
  if (compiled.scopeParam === undefined) return undefined;
  const scope = params[compiled.scopeParam];
  const parent = compiled.parent as Compiled;
  if (typeof scope !== 'string' || !parent.idPattern.test(scope)) throw missing(parent, undefined);
  return scope;
}

/** Checks that the parent of a nested collection exists (404 otherwise). */
export async function requireParent(compiled: Compiled, scope: string | undefined): Promise<void> {
  const parent = compiled.parent;
  if (parent === undefined || scope === undefined) return;
  if ((await parent.store.validator({ id: scope })) === undefined) throw missing(parent, scope);
}

// The 404s of items a store may know more of (moved, removed), by the resource they are of.
const missingItems = new WeakMap<HttpError, Compiled>();

/** The 404 of an item that does not exist. */
export function missing(compiled: Compiled, id: string | undefined): HttpError {
  const error = notFound({
    detail:
      id === undefined
        ? `No ${compiled.singular} has that id.`
        : `There is no ${compiled.singular} ${id}.`,
  });
  if (id !== undefined) missingItems.set(error, compiled);
  return error;
}

/** The resource whose item a 404 from {@link missing} is about, if it is one. */
export function missingOf(error: unknown): Compiled | undefined {
  return typeof error === 'object' && error !== null
    ? missingItems.get(error as HttpError)
    : undefined;
}

/** The 412 of a write that lost a race: the item changed between the check and the write. */
export function stale(
  compiled: Compiled,
  current: Validator,
  variant: Variant | undefined,
): HttpError {
  return preconditionFailed({
    detail: `The ${compiled.singular} was changed by another request; read it again and retry.`,
    headers: { ETag: versionTag(current, variant?.tag ?? 'hal') },
  });
}

/**
 * The variant the request will get for a value of this shape, or `undefined` (406): chosen by
 * the same registry, with the same `?format=`, as the representations middleware that writes it.
 */
export function selectVariant(
  runtime: Runtime,
  request: Request,
  url: URL,
  probe: unknown,
): Variant | undefined {
  const format =
    url.search === '' ? undefined : (url.searchParams.get(FORMAT_PARAMETER) ?? undefined);
  const serializer = runtime.variants.representations.select(request, probe, format).serializer;
  return serializer === undefined ? undefined : runtime.variants.variantOf(serializer);
}

/** The headers of an item's representation: validators, caching, and what PATCH takes. */
export function itemHeaders(
  compiled: Compiled,
  validator: Validator,
  etag: string,
): Record<string, string> {
  const headers: Record<string, string> = {
    ETag: etag,
    'Last-Modified': formatHttpDate(validator.modified),
    'Cache-Control': compiled.cacheControl,
  };
  if (compiled.methods.has('PATCH')) headers['Accept-Patch'] = ACCEPT_PATCH;
  return headers;
}

/** The `return` preference and the `Preference-Applied` value to answer it with. */
export function preferenceOf(request: Request): ReturnPreference {
  return returnPreference(request);
}

/**
 * `requireContentType` (415 with the accepted types), skipped when the field is exactly one of
 * `exact` — what nearly every client sends — so the usual write parses no media type.
 */
export function requireBodyType(
  request: Request,
  types: readonly string[],
  exact: ReadonlySet<string>,
): void {
  const field = request.headers.get('content-type');
  if (field !== null && exact.has(field)) return;
  requireContentType(request, types);
}
