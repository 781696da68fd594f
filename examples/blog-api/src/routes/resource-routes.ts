// Collection and item handlers, written once for blogs, articles and comments.
import type { RouteContext, Router } from '@fielding/core';
import {
  evaluatePreconditions,
  formatHttpDate,
  preconditionResponse,
} from '@fielding/conditional-requests';
import { readJson, representation, type Representations } from '@fielding/content-negotiation';
import { MERGE_PATCH, JSON_PATCH, applyPatchRequest } from '@fielding/json-patch';
import {
  createPage,
  parseFields,
  parsePageQuery,
  parseSort,
  project,
  setPageHeaders,
} from '@fielding/pagination';
import { HttpError } from '@fielding/problem-errors';
import {
  collectionDocument,
  itemPath,
  itemResource,
  itemState,
  type PathIds,
} from '../documents.js';
import type { ResourceKind } from '../resources.js';
import type { ItemValidator, StoredItem } from '../storage/repository.js';
import type { Store } from '../storage/store.js';
import { validateBody } from '../validation.js';
import { ITEM_PROBE, LIST_PROBE, itemEntityTag, selectVariant, wantsForms } from '../variants.js';

/** Largest request body the API reads (413 beyond). */
export const MAX_BODY_BYTES = 1024 * 1024;
export const ACCEPT_PATCH = `${JSON_PATCH}, ${MERGE_PATCH}`;
const MAX_ID = 2_147_483_647;

type Params = RouteContext['params'];

/** Ids in paths are positive integers; anything else names no resource (404, not 400). */
function idOf(kind: ResourceKind, params: Params, name: string): number {
  const raw = params[name];
  const id = typeof raw === 'string' && /^[1-9]\d{0,9}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(id <= MAX_ID))
    throw new HttpError(404, { detail: `There is no ${kind.singular} ${String(raw)}.` });
  return id;
}

export interface ResourceRoutesOptions {
  store: Store;
  representations: Representations;
}

export function addResourceRoutes(
  router: Router,
  kind: ResourceKind,
  options: ResourceRoutesOptions,
): void {
  const { store, representations } = options;
  const repository = kind.repository(store);

  /** Checks every ancestor exists (and contains the next); returns the direct parent's id. */
  const parentIdOf = async (current: ResourceKind, params: Params): Promise<number | undefined> => {
    const parent = current.parent;
    if (!parent) return undefined;
    const grandparentId = await parentIdOf(parent, params);
    const id = idOf(parent, params, parent.idParam);
    if (!(await parent.repository(store).validator(grandparentId, id))) {
      throw new HttpError(404, { detail: `There is no ${parent.singular} ${id}.` });
    }
    return id;
  };

  const pathIds = (params: Params): Record<string, string> => {
    const ids: Record<string, string> = {};
    for (let ancestor = kind.parent; ancestor; ancestor = ancestor.parent) {
      ids[ancestor.idParam] = String(params[ancestor.idParam]);
    }
    return ids;
  };

  const missing = (id: number) =>
    new HttpError(404, { detail: `There is no ${kind.singular} ${id}.` });

  const validatorHeaders = (validator: ItemValidator, etag: string): Headers =>
    new Headers({
      ETag: etag,
      'Last-Modified': formatHttpDate(validator.updatedAt),
      'Cache-Control': 'no-cache',
      Vary: 'Accept',
      'Accept-Patch': ACCEPT_PATCH,
    });

  const itemRepresentation = (
    request: Request,
    ids: PathIds,
    item: StoredItem,
    init: { status?: number; headers?: Headers } = {},
  ) => {
    const serializer = selectVariant(representations, request, ITEM_PROBE);
    const document = itemResource(kind, ids, itemState(kind, item), {
      forms: wantsForms(serializer),
    }).toJSON();
    return representation(document, {
      status: init.status ?? 200,
      ...(init.headers && { headers: init.headers }),
    });
  };

  /** Loads the validator and answers 404 / 428 / 412 before the request touches the row. */
  const checkWritePreconditions = async (request: Request, params: Params) => {
    const parentId = await parentIdOf(kind, params);
    const id = idOf(kind, params, kind.idParam);
    const serializer = selectVariant(representations, request, ITEM_PROBE);
    const validator = await repository.validator(parentId, id);
    if (!validator) throw missing(id);
    if (!serializer) return { early: representation(ITEM_PROBE) } as const; // 406 before writing
    const decision = evaluatePreconditions(request, {
      etag: itemEntityTag(validator.version, serializer),
      lastModified: validator.updatedAt,
      require: 'entity-tag',
    });
    const early = preconditionResponse(decision);
    return early ? ({ early } as const) : ({ parentId, id, validator, serializer } as const);
  };

  const stale = (current: { version: number }, request: Request): HttpError => {
    const serializer = selectVariant(representations, request, ITEM_PROBE);
    return new HttpError(412, {
      detail: `The ${kind.singular} was changed by another request; read it again and retry.`,
      headers: serializer ? { ETag: itemEntityTag(current.version, serializer) } : {},
    });
  };

  const written = (request: Request, params: Params, item: StoredItem, status = 200) => {
    const serializer = selectVariant(representations, request, ITEM_PROBE);
    const validator = { version: item.version, updatedAt: new Date(item.updatedAt) };
    const headers = serializer
      ? validatorHeaders(validator, itemEntityTag(item.version, serializer))
      : new Headers();
    if (status === 201) headers.set('Location', itemPath(kind, pathIds(params), item.id));
    return itemRepresentation(request, pathIds(params), item, { status, headers });
  };

  const sortFields = Object.fromEntries([
    ['id', { unique: true }],
    ['createdAt', { column: 'created_at' }],
    ['updatedAt', { column: 'updated_at' }],
    ...kind.fields.map((field) => [field, {}]),
  ]);
  const visibleFields = ['id', ...kind.fields, 'createdAt', 'updatedAt'];

  router.get(kind.collectionPattern, async (request, { params }) => {
    const parentId = await parentIdOf(kind, params);
    const query = parsePageQuery(request.url, { defaultPageSize: 25, maxPageSize: 100 });
    const sort = parseSort(request.url, { fields: sortFields, tieBreaker: 'id' });
    const fields = parseFields(request.url, { allowed: visibleFields, always: ['id'] });
    const { items, total } = await repository.list(parentId, {
      offset: query.offset,
      limit: query.limit,
      sort: sort.map((term) => ({ field: term.field, descending: term.direction === 'desc' })),
    });
    const states = items.map(
      (item) => project(itemState(kind, item), fields) as Record<string, unknown>,
    );
    const page = createPage(request, query, { items: states, total }, { relative: true });
    const serializer = selectVariant(representations, request, LIST_PROBE);
    const ids = pathIds(params);
    const response =
      serializer?.mediaType === 'text/csv'
        ? representation(page.items)
        : representation(collectionDocument(kind, ids, page, { forms: wantsForms(serializer) }));
    response.headers.set('Cache-Control', 'no-cache');
    setPageHeaders(response.headers, page, { totalCount: true });
    return response;
  });

  router.post(kind.collectionPattern, async (request, { params }) => {
    const parentId = await parentIdOf(kind, params);
    if (!selectVariant(representations, request, ITEM_PROBE)) return representation(ITEM_PROBE);
    const body = await readJson(request, { limit: MAX_BODY_BYTES });
    const item = await repository.create(parentId, validateBody(kind.schema, body));
    return written(request, params, item, 201);
  });

  router.get(kind.itemPattern, async (request, { params }) => {
    const parentId = await parentIdOf(kind, params);
    const id = idOf(kind, params, kind.idParam);
    const serializer = selectVariant(representations, request, ITEM_PROBE);
    // Deep ETag: the version column answers a conditional GET without reading the row.
    const validator = await repository.validator(parentId, id);
    if (!validator) throw missing(id);
    if (!serializer) return representation(ITEM_PROBE);
    const headers = validatorHeaders(validator, itemEntityTag(validator.version, serializer));
    const decision = evaluatePreconditions(request, {
      etag: headers.get('ETag') ?? undefined,
      lastModified: validator.updatedAt,
    });
    const early = preconditionResponse(decision, { headers });
    if (early) return early;
    const item = await repository.get(parentId, id);
    if (!item) throw missing(id);
    return itemRepresentation(request, pathIds(params), item, { headers });
  });

  /** Writes `data` over the version the preconditions validated; a race lost is a 412. */
  const replaceChecked = async (
    request: Request,
    params: Params,
    checked: { parentId: number | undefined; id: number; validator: ItemValidator },
    data: Record<string, string>,
  ) => {
    const { parentId, id, validator } = checked;
    const outcome = await repository.replace(parentId, id, data, validator.version);
    if (outcome.status === 'missing') throw missing(id);
    if (outcome.status === 'stale') throw stale(outcome.current, request);
    return written(request, params, outcome.item);
  };

  router.put(kind.itemPattern, async (request, { params }) => {
    const checked = await checkWritePreconditions(request, params);
    if ('early' in checked) return checked.early;
    const body = await readJson(request, { limit: MAX_BODY_BYTES });
    return replaceChecked(request, params, checked, validateBody(kind.schema, body));
  });

  router.patch(kind.itemPattern, async (request, { params }) => {
    const checked = await checkWritePreconditions(request, params);
    if ('early' in checked) return checked.early;
    const item = await repository.get(checked.parentId, checked.id);
    if (!item) throw missing(checked.id);
    if (item.version !== checked.validator.version) throw stale(item, request);
    const patched = await applyPatchRequest(request, itemState(kind, item), {
      schema: kind.patchedSchema,
      policy: { readOnly: ['/id', '/createdAt', '/updatedAt'] },
      maxBodySize: MAX_BODY_BYTES,
    });
    const data: Record<string, string> = {};
    for (const field of kind.fields) {
      const value = (patched as Record<string, unknown>)[field];
      if (typeof value === 'string') data[field] = value;
    }
    return replaceChecked(request, params, checked, data);
  });

  router.delete(kind.itemPattern, async (request, { params }) => {
    const checked = await checkWritePreconditions(request, params);
    if ('early' in checked) return checked.early;
    const outcome = await repository.remove(
      checked.parentId,
      checked.id,
      checked.validator.version,
    );
    if (outcome.status === 'missing') throw missing(checked.id);
    if (outcome.status === 'stale') throw stale(outcome.current, request);
    return new Response(null, { status: 204 });
  });
}
