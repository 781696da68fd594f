// Collection handlers: GET (paging in three styles, totals, links in the body and the Link
// header, sort, fields, filters, embeds, a weak ETag) and POST (201 with Location and ETag).
import type { RouteHandler } from '@fielding/core';
import { evaluatePreconditions, preconditionResponse } from '@fielding/conditional-requests';
import { representation } from '@fielding/content-negotiation';
import {
  createCursorPage,
  createPage,
  keyset,
  parseCursorQuery,
  parseFields,
  parseOffsetQuery,
  parsePageQuery,
  parseSort,
  project,
  setPageHeaders,
  sortValues,
  type Page,
} from '@fielding/pagination';
import { BULK_ACCEPT_PATCH } from './_bulk.js';
import { orderOf, type Compiled, type Runtime } from './_compile.js';
import { collectionDocument, stateOf, type State } from './_documents.js';
import { embeddedStamp, embedsOf, loadEmbeds } from './_embed.js';
import { Stamp } from './_hash.js';
import { prepared, readValue, writeVariant, written } from './_item.js';
import { FLAT_COLLECTION_PROBE, withRows } from './_representations.js';
import { requireBodyType, requireParent, scopeOf, selectVariant } from './_request.js';
import type { Entry, ListQuery } from './store.js';

type Value = Record<string, unknown>;

const JSON_TYPES: readonly string[] = ['+json'];
const JSON_EXACT: ReadonlySet<string> = new Set(['application/json']);
const LINKS = { relative: true } as const;

export function collectionHandlers(
  runtime: Runtime,
  compiled: Compiled,
): Record<string, RouteHandler> {
  const { store, collection } = compiled;
  const handlers: Record<string, RouteHandler> = {};
  const pageSizes = {
    defaultPageSize: collection.defaultPageSize,
    maxPageSize: collection.maxPageSize,
  };
  const sortOptions = {
    fields: collection.sortFields,
    tieBreaker: 'id',
    ...(collection.defaultSort !== undefined && { defaultSort: collection.defaultSort }),
  };

  handlers.GET = async function listItems(request, { params, url }) {
    const scope = scopeOf(compiled, params);
    const filters = collection.readFilters(url);
    const sort = parseSort(url, sortOptions);
    const fields =
      collection.fields === undefined
        ? undefined
        : parseFields(url, { allowed: collection.fields, always: ['id'] });
    const embeds = compiled.embeds.size === 0 ? [] : embedsOf(compiled, url);
    await requireParent(compiled, scope);
    const query: ListQuery = {
      scope,
      filters,
      order: orderOf(sort),
      limit: 0,
      count: collection.count,
    };

    let page: Page<Entry<Value>>;
    if (collection.paging === 'cursor') {
      const codec = collection.codec as NonNullable<typeof collection.codec>;
      const cursorQuery = await parseCursorQuery(url, { codec, ...pageSizes });
      const { where, orderBy } = keyset(sort, cursorQuery.cursor);
      const result = await store.list({
        ...query,
        where,
        order: orderBy,
        limit: cursorQuery.limit + 1,
      });
      page = await createCursorPage(
        url,
        cursorQuery,
        {
          items: result.entries,
          cursorOf: (entry) => sortValues(sort, stateOf(entry)),
          ...(result.total !== undefined && { total: result.total, count: collection.count }),
        },
        { codec, ...LINKS },
      );
    } else {
      const pageQuery =
        collection.paging === 'page'
          ? parsePageQuery(url, pageSizes)
          : parseOffsetQuery(url, pageSizes);
      const result = await store.list({
        ...query,
        offset: pageQuery.offset,
        limit: pageQuery.limit + 1,
      });
      page = createPage(
        url,
        pageQuery,
        {
          items: result.entries,
          ...(result.total !== undefined && { total: result.total, count: collection.count }),
        },
        LINKS,
      );
    }

    const entries = page.items;
    const rows: State[] = entries.map((entry) =>
      fields === undefined ? stateOf(entry) : (project(stateOf(entry), fields) as State),
    );
    const probe = collection.flatRows ? FLAT_COLLECTION_PROBE : withRows({}, rows);
    const variant = selectVariant(runtime, request, url, probe);
    if (variant === undefined) return representation(probe);
    const embedded = embeds.length === 0 ? undefined : await loadEmbeds(compiled, embeds, entries);

    // A weak tag over what the page shows: every entry's version, the total, the variant.
    const stamp = new Stamp()
      .text(variant.tag)
      .number(page.total ?? -1)
      .text(fields?.join(',') ?? '')
      .text(embeds.join(','));
    for (const entry of entries) {
      stamp.text(entry.id).number(entry.version).number(entry.modified.getTime());
    }
    if (embedded !== undefined) stamp.text(embeddedStamp(embedded));
    const headers = new Headers({
      ETag: `W/"${stamp.digest()}-${entries.length}"`,
      'Cache-Control': compiled.cacheControl,
    });
    if (compiled.bulk !== undefined) headers.set('Accept-Patch', BULK_ACCEPT_PATCH);
    const pageOfRows: Page<State> = { ...page, items: rows };
    setPageHeaders(headers, pageOfRows, { totalCount: true });
    const early = preconditionResponse(
      evaluatePreconditions(request, { etag: headers.get('ETag') ?? undefined }),
      {
        headers,
      },
    );
    if (early !== undefined) return early;
    const document = collectionDocument(runtime, compiled, pageOfRows, scope, variant, embedded);
    return representation(document, { headers });
  };

  handlers.POST = async function createItem(request, { params, url }) {
    const scope = scopeOf(compiled, params);
    await requireParent(compiled, scope);
    const { variant, refusal, preference } = writeVariant(runtime, request, url);
    if (refusal !== undefined) return refusal;
    requireBodyType(request, JSON_TYPES, JSON_EXACT);
    const value = await readValue(compiled, runtime, request);
    const stored = await prepared(compiled, value, 'POST', request, undefined, scope, undefined);
    const entry = await store.create({ scope, value: stored });
    if (entry === undefined) throw new TypeError(`${compiled.name}: the store created nothing.`);
    return written(runtime, compiled, preference, entry, scope, variant, true);
  };

  return handlers;
}
