// Beyond CRUD: actions as verb sub-resources (POST {item}/{name}), toggles (PUT / DELETE / GET
// {item}/{name}) and members exposed as resources (GET / PUT / DELETE {item}/{member}).
import type { RouteHandler } from '@fielding/core';
import { evaluatePreconditions, preconditionResponse } from '@fielding/conditional-requests';
import { readJson, representation, requireContentType } from '@fielding/content-negotiation';
import { notFound, serviceUnavailable } from '@fielding/problem-errors';
import type { ActionResultRuntime, ActionRuntime } from './_registry.js';
import type { CompiledAction, Compiled, Runtime } from './_compile.js';
import { stateOf } from './_documents.js';
import { ITEM_PROBE } from './_representations.js';
import {
  idOf,
  itemHeaders,
  missing,
  preferenceOf,
  scopeOf,
  selectVariant,
  stale,
} from './_request.js';
import { pinnedTag, versionTag } from './_version-tag.js';
import { writePreconditions } from './_item.js';
import { moveItem } from './_moves.js';
import type { Entry, ItemKey } from './store.js';

type Value = Record<string, unknown>;

const JSON_TYPES: readonly string[] = ['+json'];
// A toggle retries its compare-and-set this often when other writes keep winning.
const TOGGLE_ATTEMPTS = 5;

async function load(compiled: Compiled, key: ItemKey): Promise<Entry<Value>> {
  const entry = await compiled.store.get(key);
  if (entry === undefined) throw missing(compiled, key.id);
  return entry;
}

function runtimeContext(
  compiled: Compiled,
  request: Request,
  key: { scope: string | undefined; id: string },
  entry: Entry<Value>,
  input: unknown,
): ActionRuntime {
  return {
    request,
    id: key.id,
    scope: key.scope,
    entry,
    item: stateOf(entry),
    input,
    store: compiled.store as ActionRuntime['store'],
    replace: async (value) => {
      const outcome = await compiled.store.replace({
        ...key,
        value: value as Value,
        version: entry.version,
      });
      if (outcome.status === 'missing') throw missing(compiled, key.id);
      if (outcome.status === 'stale') throw stale(compiled, outcome.current, undefined);
      return outcome.entry;
    },
    move: (to) => moveItem(compiled, key, entry.version, to),
  };
}

/** Preconditions a request sends of its own accord (If-Match on a toggle) are still honoured. */
function voluntaryPreconditions(request: Request, entry: Entry<Value>): Response | undefined {
  if (!request.headers.has('if-match') && !request.headers.has('if-unmodified-since'))
    return undefined;
  return preconditionResponse(
    evaluatePreconditions(request, {
      etag: pinnedTag(request, entry, 'hal'),
      lastModified: entry.modified,
    }),
  );
}

function actionResponse(
  result: ActionResultRuntime,
  declared: 200 | 202 | 204 | undefined,
): Response {
  if (result instanceof Response) return result;
  if (result === undefined || result === null)
    return new Response(null, { status: declared ?? 204 });
  const headers = new Headers(result.headers);
  if (result.location !== undefined) headers.set('Location', result.location);
  const status = result.status ?? declared ?? (result.body === undefined ? 204 : 200);
  if (result.body === undefined || status === 204) return new Response(null, { status, headers });
  return Response.json(result.body, { status, headers });
}

export function actionHandlers(
  runtime: Runtime,
  compiled: Compiled,
  action: CompiledAction,
  name: string,
): Record<string, RouteHandler> {
  const keyOf = (params: Parameters<RouteHandler>[1]['params']) => ({
    scope: scopeOf(compiled, params),
    id: idOf(compiled, params),
  });

  if (action.kind === 'action') {
    return {
      POST: async function runAction(request, { params }) {
        const key = keyOf(params);
        const entry = await load(compiled, key);
        if (action.conditional) {
          const early = writePreconditions(request, entry, undefined);
          if (early !== undefined) return early;
        }
        let input: unknown;
        if (action.validate !== undefined) {
          requireContentType(request, JSON_TYPES);
          input = await readJson(request, { limit: runtime.maxBodySize });
          const problem = action.validate(input);
          if (problem !== undefined) throw problem;
        }
        const result = await action.handler(runtimeContext(compiled, request, key, entry, input));
        return actionResponse(result, action.status);
      },
    };
  }

  if (action.kind === 'toggle') {
    const member = action.member;
    const isOn = async (context: ActionRuntime): Promise<boolean> =>
      member !== undefined
        ? (context.entry.value as Value)[member] === true
        : await (action.get as NonNullable<typeof action.get>)(context);
    const turn = (on: boolean): RouteHandler =>
      async function toggle(request, { params }) {
        const key = keyOf(params);
        for (let attempt = 0; attempt < TOGGLE_ATTEMPTS; attempt++) {
          const entry = await load(compiled, key);
          const early = voluntaryPreconditions(request, entry);
          if (early !== undefined) return early;
          const context = runtimeContext(compiled, request, key, entry, undefined);
          if (member === undefined) {
            await (action.set as NonNullable<typeof action.set>)(context, on);
            return new Response(null, { status: 204 });
          }
          if ((await isOn(context)) === on) return new Response(null, { status: 204 });
          const outcome = await compiled.store.replace({
            ...key,
            value: { ...entry.value, [member]: on },
            version: entry.version,
          });
          if (outcome.status === 'written') return new Response(null, { status: 204 });
          if (outcome.status === 'missing') throw missing(compiled, key.id);
          // Another write won: read again and retry (a toggle is idempotent).
        }
        throw serviceUnavailable({
          detail: 'The item keeps changing; retry later.',
          retryAfter: 1,
        });
      };
    return {
      GET: async function readToggle(request, { params }) {
        const key = keyOf(params);
        const entry = await load(compiled, key);
        const on = await isOn(runtimeContext(compiled, request, key, entry, undefined));
        if (!on) throw notFound({ detail: `${name} is off for this ${compiled.singular}.` });
        return new Response(null, { status: 204 });
      },
      PUT: turn(true),
      DELETE: turn(false),
    };
  }

  // A member exposed as a resource of its own.
  const member = action.name;
  const validate = action.memberValidate as NonNullable<CompiledAction['memberValidate']>;
  const property = compiled.declaration.schema.properties?.[member];
  const probe = typeof property === 'object' && property.type === 'object' ? ITEM_PROBE : null;
  const memberHref = (scope: string | undefined, id: string) =>
    `${compiled.itemHref(id, scope)}/${name}`;
  const documentOf = (
    value: unknown,
    kind: string,
    scope: string | undefined,
    id: string,
  ): unknown =>
    (kind === 'hal' || kind === 'forms') &&
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value)
      ? {
          ...value,
          _links: {
            self: { href: memberHref(scope, id) },
            up: { href: compiled.itemHref(id, scope) },
          },
        }
      : value;

  const write = async (
    request: Request,
    params: Parameters<RouteHandler>[1]['params'],
    mode: 'put' | 'delete',
  ): Promise<Response> => {
    const key = keyOf(params);
    const url = new URL(request.url);
    const minimal = preferenceOf(request) === 'minimal';
    const variant = minimal ? undefined : selectVariant(runtime, request, url, probe);
    if (!minimal && variant === undefined) return representation(probe);
    const validator = await compiled.store.validator(key);
    if (validator === undefined) throw missing(compiled, key.id);
    const decision = evaluatePreconditions(request, {
      etag: pinnedTag(request, validator, `${name}-${variant?.tag ?? 'json'}`),
      lastModified: validator.modified,
      require: action.conditional ? 'entity-tag' : false,
    });
    const early = preconditionResponse(decision);
    if (early !== undefined) return early;
    const next = mode === 'put' ? await readMember(request) : undefined;
    const entry = await load(compiled, key);
    if (entry.version !== validator.version) throw stale(compiled, entry, variant);
    const updated: Value = { ...entry.value };
    if (mode === 'delete') delete updated[member];
    else updated[member] = next;
    const outcome = await compiled.store.replace({
      ...key,
      value: updated,
      version: entry.version,
    });
    if (outcome.status === 'missing') throw missing(compiled, key.id);
    if (outcome.status === 'stale') throw stale(compiled, outcome.current, variant);
    const headers = itemHeaders(
      compiled,
      outcome.entry,
      versionTag(outcome.entry, `${name}-${variant?.tag ?? 'json'}`),
    );
    const preference = preferenceOf(request);
    if (preference !== undefined) headers['Preference-Applied'] = `return=${preference}`;
    if (variant === undefined || mode === 'delete')
      return new Response(null, { status: 204, headers });
    return representation(documentOf(next, variant.kind, key.scope, key.id), { headers });
  };

  const readMember = async (request: Request): Promise<unknown> => {
    requireContentType(request, JSON_TYPES);
    const value = await readJson(request, { limit: runtime.maxBodySize });
    const problem = validate(value);
    if (problem !== undefined) throw problem;
    return value;
  };

  const handlers: Record<string, RouteHandler> = {
    GET: async function readMemberResource(request, { params, url }) {
      const key = keyOf(params);
      const variant = selectVariant(runtime, request, url, probe);
      const validator = await compiled.store.validator(key);
      if (validator === undefined) throw missing(compiled, key.id);
      if (variant === undefined) return representation(probe);
      const headers = itemHeaders(
        compiled,
        validator,
        versionTag(validator, `${name}-${variant.tag}`),
      );
      delete headers['Accept-Patch'];
      const early = preconditionResponse(
        evaluatePreconditions(request, { etag: headers.ETag, lastModified: validator.modified }),
        { headers },
      );
      if (early !== undefined) return early;
      const entry = await load(compiled, key);
      const value = entry.value[member];
      if (value === undefined)
        throw notFound({ detail: `This ${compiled.singular} has no ${member}.` });
      const fresh =
        entry.version === validator.version
          ? headers
          : itemHeaders(compiled, entry, versionTag(entry, `${name}-${variant.tag}`));
      return representation(documentOf(value, variant.kind, key.scope, key.id), { headers: fresh });
    },
    PUT: (request, { params }) => write(request, params, 'put'),
  };
  if (!action.memberRequired)
    handlers.DELETE = (request, { params }) => write(request, params, 'delete');
  return handlers;
}
