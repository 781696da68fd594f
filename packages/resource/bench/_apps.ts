// The two apps the benchmark compares, over one store of 100 tasks: the tasks resource declared
// with @fielding/resource, and the same endpoints glued by hand from the packages below it the
// way a careful user writes them (the example app's endpoints, at their best): the same
// representations with the same `?format=` override (the example's variants.ts), negotiation
// decided once, a deep ETag from the store's validator before the item is read, the HAL
// builder, paging from @fielding/pagination, PATCH from @fielding/json-patch. Both answer the
// benchmarked requests with the same status, headers and body (test/bench-apps.test.ts).
import {
  evaluatePreconditions,
  formatHttpDate,
  preconditionResponse,
} from '@fielding/conditional-requests';
import {
  createRepresentations,
  csvSerializer,
  halSerializer,
  jsonSerializer,
  representation,
  type Serializer,
} from '@fielding/content-negotiation';
import { createRouter, type FetchHandler } from '@fielding/core';
import { createHal, HAL_FORMS_JSON } from '@fielding/hal-links';
import { ACCEPT_PATCH, applyPatchRequest } from '@fielding/json-patch';
import {
  createFilterParser,
  createPage,
  parsePageQuery,
  parseSort,
  setPageHeaders,
} from '@fielding/pagination';
import { notFound, preconditionFailed, problemDetails } from '@fielding/problem-errors';
import {
  createApi,
  defineResource,
  memoryStore,
  type Filter,
  type Store,
  type ValueOf,
} from '../src/index.js';

export const taskSchema = {
  type: 'object',
  required: ['title'],
  additionalProperties: false,
  properties: {
    id: { type: 'string', readOnly: true },
    title: { type: 'string', minLength: 1, maxLength: 200 },
    done: { type: 'boolean', default: false },
    priority: { type: 'integer', minimum: 1, maximum: 5 },
  },
} as const;

type Task = ValueOf<typeof taskSchema>;
const CURIES = [{ name: 'doc', href: '/docs/rels/{rel}' }];

/** A store of `count` tasks, created at a fixed time so both apps tag them alike. */
export async function taskStore(count = 100): Promise<Store<Task>> {
  const store = memoryStore<Task>({ now: () => new Date('2026-01-01T00:00:00.000Z') });
  for (let index = 1; index <= count; index++) {
    await store.create({
      value: { title: `Task ${index}`, done: index % 3 === 0, priority: (index % 5) + 1 },
    });
  }
  return store;
}

/** The tasks resource, declared. */
export function declaredApp(store: Store<Task>): FetchHandler {
  const tasks = defineResource({
    name: 'tasks',
    path: '/tasks/{taskId}',
    schema: taskSchema,
    store,
    collection: { sort: ['title', 'priority'], filters: ['done', 'priority'] },
  });
  return createApi({ base: '/api', resources: [tasks], curies: CURIES }).fetch;
}

const PROBE = Object.freeze({});
// The example's HAL-FORMS serializer (examples/blog-api/src/variants.ts).
const halFormsSerializer: Serializer = {
  mediaType: HAL_FORMS_JSON,
  formats: ['hal-forms'],
  canSerialize: (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
  serialize: (value) => JSON.stringify(value),
};
const ITEM = '/api/tasks/:taskId';
const COLLECTION = '/api/tasks';
const SORT_FIELDS = {
  id: { unique: true },
  title: {},
  priority: { nullable: true, nulls: 'last' },
} as const;
const FIND = { href: '/api/tasks/{taskId}', title: 'Find one task by id', templated: true };
const PATCH_POLICY = { readOnly: ['/id'] };

/** The same endpoints, glued by hand from the packages below @fielding/resource. */
export function handApp(store: Store<Task>): FetchHandler {
  const hal = createHal({ curies: CURIES });
  const representations = createRepresentations({
    serializers: [halSerializer, jsonSerializer, halFormsSerializer, csvSerializer],
    formatParameter: 'format',
  });
  const tagOf = new Map<Serializer, string>([
    [halSerializer, 'hal'],
    [jsonSerializer, 'json'],
    [halFormsSerializer, 'forms'],
    [csvSerializer, 'csv'],
  ]);
  const select = (request: Request, url: URL): Serializer | undefined =>
    representations.select(request, PROBE, url.searchParams.get('format') ?? undefined).serializer;
  const parseFilters = createFilterParser({
    type: 'object',
    properties: {
      done: { type: 'boolean' },
      priority: { type: 'array', items: { type: 'integer', minimum: 1, maximum: 5 } },
    },
  });
  const router = createRouter({
    middleware: [representations.middleware, problemDetails()],
  });
  const itemTag = (validator: { version: number; modified: Date }, variant: string): string =>
    `"v${validator.version}-${validator.modified.getTime().toString(36)}-${variant}"`;
  const document = (entry: { id: string; value: Task }, serializer: Serializer): object => {
    const state = { id: entry.id, ...entry.value };
    if (serializer === jsonSerializer) return state;
    return hal.resource(state, `/api/tasks/${entry.id}`).link('collection', COLLECTION).toJSON();
  };
  const headersOf = (etag: string, modified: Date): Record<string, string> => ({
    ETag: etag,
    'Last-Modified': formatHttpDate(modified),
    'Cache-Control': 'no-cache',
    'Accept-Patch': ACCEPT_PATCH,
  });

  router.get(ITEM, async (request, { params, url }) => {
    const id = params.taskId ?? '';
    const serializer = select(request, url);
    const validator = await store.validator({ id });
    if (validator === undefined) throw notFound({ detail: `There is no task ${id}.` });
    if (serializer === undefined) return representation(PROBE);
    const headers = headersOf(itemTag(validator, tagOf.get(serializer) ?? ''), validator.modified);
    const early = preconditionResponse(
      evaluatePreconditions(request, { etag: headers.ETag, lastModified: validator.modified }),
      { headers },
    );
    if (early !== undefined) return early;
    const entry = await store.get({ id });
    if (entry === undefined) throw notFound({ detail: `There is no task ${id}.` });
    return representation(document(entry, serializer), { headers });
  });

  router.get(COLLECTION, async (request, { url }) => {
    const query = parsePageQuery(url, { defaultPageSize: 20, maxPageSize: 100 });
    const sort = parseSort(url, { fields: SORT_FIELDS, tieBreaker: 'id' });
    const values = parseFilters(url);
    const filters: Filter[] = [];
    if (values.done !== undefined) filters.push({ field: 'done', op: 'eq', value: values.done });
    const priority = values.priority;
    if (priority !== undefined) {
      filters.push(
        priority.length === 1
          ? { field: 'priority', op: 'eq', value: priority[0] as number }
          : { field: 'priority', op: 'in', value: priority },
      );
    }
    const result = await store.list({
      filters,
      order: sort.map(({ column, direction, nulls }) =>
        nulls === undefined ? { column, direction } : { column, direction, nulls },
      ),
      offset: query.offset,
      limit: query.limit + 1,
      count: 'exact',
    });
    const page = createPage(
      url,
      query,
      { items: result.entries, total: result.total ?? 0, count: 'exact' },
      { relative: true },
    );
    const serializer = select(request, url);
    if (serializer === undefined) return representation(PROBE);
    let stamp = `${tagOf.get(serializer)}|${page.total}`;
    for (const entry of page.items) stamp += `|${entry.id}.${entry.version}`;
    const headers = new Headers({
      ETag: `W/"${stamp.length.toString(36)}-${page.items.length}-${hashOf(stamp)}"`,
      'Cache-Control': 'no-cache',
    });
    const rows = page.items.map((entry) => ({ id: entry.id, ...entry.value }));
    setPageHeaders(headers, { ...page, items: rows }, { totalCount: true });
    const early = preconditionResponse(
      evaluatePreconditions(request, { etag: headers.get('ETag') ?? undefined }),
      { headers },
    );
    if (early !== undefined) return early;
    const builder = hal.resource(
      {
        pageIndex: page.pageIndex,
        pageSize: page.pageSize,
        total: page.total,
        totalPages: page.totalPages,
        hasMore: page.hasMore,
      },
      page.links.self,
    );
    for (const rel of ['first', 'prev', 'next', 'last'] as const) {
      const href = page.links[rel];
      if (href !== undefined) builder.link(rel, href);
    }
    builder.link('find', FIND);
    builder.embed(
      'tasks',
      rows.map((row) => hal.resource(row, `/api/tasks/${row.id}`)),
      { array: true },
    );
    return representation(builder.toJSON(), { headers });
  });

  router.patch(ITEM, async (request, { params, url }) => {
    const id = params.taskId ?? '';
    const serializer = select(request, url);
    if (serializer === undefined) return representation(PROBE);
    const validator = await store.validator({ id });
    if (validator === undefined) throw notFound({ detail: `There is no task ${id}.` });
    const variant = tagOf.get(serializer) ?? '';
    const early = preconditionResponse(
      evaluatePreconditions(request, {
        etag: itemTag(validator, variant),
        lastModified: validator.modified,
        require: 'entity-tag',
      }),
    );
    if (early !== undefined) return early;
    const entry = await store.get({ id });
    if (entry === undefined) throw notFound({ detail: `There is no task ${id}.` });
    const { id: _id, ...patched } = (await applyPatchRequest(
      request,
      { id, ...entry.value },
      { schema: taskSchema, policy: PATCH_POLICY },
    )) as Task & { id: string };
    const outcome = await store.replace({ id, value: patched, version: entry.version });
    if (outcome.status !== 'written') {
      throw preconditionFailed({ detail: 'The task was changed by another request.' });
    }
    const headers = headersOf(itemTag(outcome.entry, variant), outcome.entry.modified);
    headers['Content-Location'] = `/api/tasks/${id}`;
    return representation(document(outcome.entry, serializer), { headers });
  });

  return router.fetch;
}

/** FNV-1a, for the hand-glued weak collection tag. */
function hashOf(text: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193);
  }
  return (hash >>> 0).toString(36);
}
