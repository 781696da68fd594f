// Moves and tombstones (issue 19), for stores that keep them (`Store.move`, `Store.trace`): a
// moved item's old URL redirects (301, or 308 by declaration) to its new one; a removed one whose
// store keeps a tombstone answers 410 Gone; otherwise the 404 stands.
import type { RouteHandler } from '@fielding/core';
import { conflict, gone, unprocessableContent } from '@fielding/problem-errors';
import type { Compiled } from './_compile.js';
import { idOf, missing, missingOf, scopeOf, stale } from './_request.js';
import type { Entry, ItemKey } from './store.js';

/**
 * Wraps a handler of an item (or of a route under it, `suffix` after the item's path) so that a
 * 404 of the item asks the store's `trace`: a move answers a redirect to the same route of the
 * new item, with the query; a tombstone a 410. A store without `trace` leaves it as it is.
 */
export function traced(compiled: Compiled, handler: RouteHandler, suffix: string): RouteHandler {
  const store = compiled.store;
  if (store.trace === undefined) return handler;
  const status = compiled.declaration.moved ?? 301;
  return async function tracedItem(request, context) {
    try {
      return await handler(request, context);
    } catch (error) {
      if (missingOf(error) !== compiled) throw error;
      const key = { scope: scopeOf(compiled, context.params), id: idOf(compiled, context.params) };
      const trace = await store.trace?.(key);
      if (trace === undefined) throw error;
      if (trace.status === 'removed') {
        throw gone({
          detail: `The ${compiled.singular} ${key.id} was removed on ${trace.removed.toISOString()}.`,
        });
      }
      const location = `${compiled.itemHref(trace.to.id, trace.to.scope)}${suffix}${context.url.search}`;
      return new Response(null, {
        status,
        headers: { Location: location, 'Cache-Control': compiled.cacheControl },
      });
    }
  };
}

/** Moves an item at `version` to another parent and/or id, with the HTTP answer of each outcome. */
export async function moveItem(
  compiled: Compiled,
  key: ItemKey,
  version: number,
  to: { scope?: string; id?: string },
): Promise<{ entry: Entry<unknown>; href: string }> {
  const store = compiled.store;
  if (store.move === undefined) {
    throw new TypeError(`The store of ${compiled.name} cannot move items (it has no move()).`);
  }
  const scope = to.scope ?? key.scope;
  const id = to.id ?? key.id;
  if (!compiled.idPattern.test(id)) {
    throw unprocessableContent({ detail: `"${id}" cannot be the id of a ${compiled.singular}.` });
  }
  const parent = compiled.parent;
  if (parent !== undefined && scope !== key.scope) {
    const exists =
      scope !== undefined &&
      parent.idPattern.test(scope) &&
      (await parent.store.validator({ id: scope })) !== undefined;
    if (!exists) throw unprocessableContent({ detail: `There is no ${parent.singular} ${scope}.` });
  }
  const outcome = await store.move({ ...key, version, to: { scope, id } });
  if (outcome.status === 'missing') throw missing(compiled, key.id);
  if (outcome.status === 'stale') throw stale(compiled, outcome.current, undefined);
  if (outcome.status === 'taken') {
    throw conflict({ detail: `There is already a ${compiled.singular} ${id} there.` });
  }
  return { entry: outcome.entry, href: compiled.itemHref(outcome.entry.id, scope) };
}
