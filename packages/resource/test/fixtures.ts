// Declarations the tests share: tasks (the brief's resource), blogs with nested articles,
// users, alerts with an action, gists with a toggle, and a computed endpoint.
import {
  createApi,
  defineEndpoint,
  defineResource,
  memoryStore,
  type ResourceBase,
  type Store,
} from '../src/index.js';

export const taskSchema = {
  type: 'object',
  required: ['title'],
  additionalProperties: false,
  properties: {
    id: { type: 'string', readOnly: true },
    title: { type: 'string', minLength: 1, maxLength: 200, title: 'Title' },
    done: { type: 'boolean', default: false },
    priority: { type: 'integer', minimum: 1, maximum: 5 },
    assigneeId: { type: 'string' },
  },
} as const;

/** Every call a store receives, by method name. */
export interface StoreSpy {
  calls: string[];
}

/** Wraps a store so a test can see which methods a request called. */
export function spied<T>(store: Store<T>, spy: StoreSpy): Store<T> {
  const wrapped = {} as Record<string, unknown>;
  for (const name of [
    'validator',
    'get',
    'getMany',
    'create',
    'replace',
    'remove',
    'list',
    'listMany',
  ] as const) {
    const method = store[name] as (...args: unknown[]) => unknown;
    wrapped[name] = (...args: unknown[]) => {
      spy.calls.push(name);
      return method.apply(store, args);
    };
  }
  return wrapped as unknown as Store<T>;
}

export const userSchema = {
  type: 'object',
  required: ['name', 'email'],
  properties: {
    id: { type: 'string', readOnly: true },
    name: { type: 'string', minLength: 1 },
    email: { type: 'string', pattern: '^[^@\\s]+@[^@\\s]+$' },
    nickname: { type: 'string', maxLength: 20 },
  },
} as const;

/** A whole API over fresh stores; `taskStore` may be shared between two APIs. */
export function createFixture(
  options: {
    taskStore?: Store<never>;
    maxBodySize?: number;
    paging?: 'page' | 'offset' | 'cursor';
    count?: 'exact' | 'estimate' | 'none';
  } = {},
) {
  const spy: StoreSpy = { calls: [] };
  const userSpy: StoreSpy = { calls: [] };
  const articleSpy: StoreSpy = { calls: [] };
  const users = defineResource({
    name: 'users',
    path: '/users/{userId}',
    schema: userSchema,
    store: spied(memoryStore(), userSpy),
    actions: ({ member }) => ({ email: member('email'), nickname: member('nickname') }),
  });
  const tasks = defineResource({
    name: 'tasks',
    path: '/tasks/{taskId}',
    schema: taskSchema,
    store: spied(options.taskStore ?? memoryStore(), spy),
    collection: {
      paging: options.paging ?? 'page',
      count: options.count ?? 'exact',
      pageSize: { default: 2, max: 50 },
      sort: ['title', 'priority'],
      filters: ['done', 'priority', 'title'],
      fields: true,
      ...(options.paging === 'cursor' && { cursorSecret: 'a test secret of at least 32 bytes!!' }),
    },
    embed: { assignee: { resource: users, via: 'assigneeId' } },
    links: (task, { href }) =>
      task.assigneeId === undefined ? {} : { assignee: href(users, task.assigneeId) },
    actions: ({ action, toggle }) => ({
      complete: toggle({ member: 'done' }),
      escalate: action({
        input: {
          type: 'object',
          required: ['to'],
          additionalProperties: false,
          properties: { to: { type: 'integer', minimum: 1, maximum: 5 } },
        },
        conditional: true,
        handler: async ({ entry, input, replace }) => {
          const next = await replace({ ...entry.value, priority: input.to });
          return { status: 200, body: { priority: next.value.priority ?? null } };
        },
      }),
    }),
  });
  const blogs = defineResource({
    name: 'blogs',
    path: '/blogs/{blogId}',
    schema: {
      type: 'object',
      required: ['title'],
      properties: { id: { type: 'string', readOnly: true }, title: { type: 'string' } },
    },
    store: memoryStore(),
    embed: { articles: { resource: (): ResourceBase => articles, limit: 2, sort: 'title' } },
  });
  const articles = defineResource({
    name: 'articles',
    path: '/blogs/{blogId}/articles/{articleId}',
    parent: blogs,
    schema: {
      type: 'object',
      required: ['title'],
      properties: {
        id: { type: 'string', readOnly: true },
        title: { type: 'string' },
        authorId: { type: 'string' },
        createdAt: { type: 'string', readOnly: true },
      },
    },
    store: spied(memoryStore(), articleSpy),
    links: (article, { href, collection, self }) => ({
      author: article.authorId === undefined ? undefined : href(users, article.authorId),
      related: { href: collection(users), title: 'Every user' },
      comments: { href: `${self}/comments{?pageIndex}`, templated: true },
    }),
    prepare: (value, { current }) => ({
      ...value,
      createdAt: current?.value.createdAt ?? '2026-01-01T00:00:00.000Z',
    }),
    collection: { sort: ['title'] },
  });
  const alerts = defineResource({
    name: 'alerts',
    path: '/alerts/{alertId}',
    schema: {
      type: 'object',
      required: ['message'],
      properties: {
        id: { type: 'string', readOnly: true },
        message: { type: 'string' },
        sent: { type: 'integer', default: 0 },
      },
    },
    store: memoryStore(),
    actions: ({ action }) => ({
      resend: action({
        handler: async ({ entry, replace }) => {
          await replace({ ...entry.value, sent: entry.value.sent + 1 });
          return { status: 202, location: '/api/jobs/1', body: { queued: true } };
        },
      }),
      silence: action({ handler: () => undefined }),
    }),
  });
  const starred = new Set<string>();
  const gists = defineResource({
    name: 'gists',
    path: '/gists/{gistId}',
    schema: {
      type: 'object',
      properties: { id: { type: 'string', readOnly: true }, files: { type: 'integer' } },
    },
    store: memoryStore(),
    actions: ({ toggle }) => ({
      star: toggle({
        get: ({ id }) => starred.has(id),
        set: ({ id }, on) => {
          if (on) starred.add(id);
          else starred.delete(id);
        },
      }),
    }),
  });
  const rates: Record<string, number> = { EUR: 1, CNY: 7.8, USD: 1.1 };
  const convert = defineEndpoint({
    name: 'convert',
    path: '/convert',
    query: {
      type: 'object',
      required: ['from', 'to', 'amount'],
      properties: {
        from: { type: 'string', enum: ['EUR', 'CNY', 'USD'] },
        to: { type: 'string', enum: ['EUR', 'CNY', 'USD'] },
        amount: { type: 'number', minimum: 0 },
      },
    },
    handler: ({ query }) => ({
      from: query.from,
      to: query.to,
      amount: query.amount,
      result:
        Math.round((query.amount / (rates[query.from] ?? 1)) * (rates[query.to] ?? 1) * 100) / 100,
    }),
  });
  const api = createApi({
    base: '/api',
    resources: [tasks, users, blogs, articles, alerts, gists],
    endpoints: [convert],
    curies: [{ name: 'doc', href: '/docs/rels/{rel}' }],
    ...(options.maxBodySize !== undefined && { maxBodySize: options.maxBodySize }),
  });
  return { api, spy, userSpy, articleSpy, tasks, users, blogs, articles, alerts, gists, starred };
}
