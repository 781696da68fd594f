// One small API over postgresStore for the HTTP tests: tasks (filters, sort, an embedded
// assignee), users, and blogs with their articles embedded; every store on one client, each
// resource in its own table.
import {
  createApi,
  defineResource,
  type Api,
  type ResourceBase,
  type Store,
} from '@fielding/resource';
import { postgresStore, resourceTableSql, type PostgresClient } from '../../src/index.js';

export const taskSchema = {
  type: 'object',
  required: ['title'],
  additionalProperties: false,
  properties: {
    id: { type: 'string', readOnly: true },
    title: { type: 'string', minLength: 1, maxLength: 200 },
    done: { type: 'boolean', default: false },
    priority: { type: 'integer', minimum: 1, maximum: 5 },
    assigneeId: { type: 'string' },
  },
} as const;

/** Creates the tables of {@link tasksApi} under a prefix (idempotent). */
export async function createTables(client: PostgresClient, prefix: string): Promise<void> {
  for (const name of ['tasks', 'users', 'blogs', 'articles']) {
    await client.query(resourceTableSql({ table: `${prefix}_${name}` }));
  }
}

/** The stores of {@link tasksApi} over one client and table prefix. */
export function storesOf(client: PostgresClient, prefix: string) {
  const store = (name: string): Store<never> =>
    postgresStore({ client, table: `${prefix}_${name}` });
  return {
    tasks: store('tasks'),
    users: store('users'),
    blogs: store('blogs'),
    articles: store('articles'),
  };
}

/** The API; `stores` default to postgresStore over `client` and `prefix`. */
export function tasksApi(stores: ReturnType<typeof storesOf>): Api {
  const users = defineResource({
    name: 'users',
    path: '/users/{userId}',
    schema: {
      type: 'object',
      required: ['name'],
      properties: { id: { type: 'string', readOnly: true }, name: { type: 'string' } },
    },
    store: stores.users,
  });
  const tasks = defineResource({
    name: 'tasks',
    path: '/tasks/{taskId}',
    schema: taskSchema,
    store: stores.tasks,
    collection: {
      paging: 'offset',
      count: 'exact',
      pageSize: { default: 50, max: 100 },
      sort: ['title', 'priority', 'done'],
      filters: ['done', 'priority', 'title'],
    },
    embed: { assignee: { resource: users, via: 'assigneeId' } },
  });
  const blogs = defineResource({
    name: 'blogs',
    path: '/blogs/{blogId}',
    schema: {
      type: 'object',
      required: ['title'],
      properties: { id: { type: 'string', readOnly: true }, title: { type: 'string' } },
    },
    store: stores.blogs,
    collection: { pageSize: { default: 50, max: 100 } },
    embed: { articles: { resource: (): ResourceBase => articles, limit: 2, sort: 'title' } },
  });
  const articles = defineResource({
    name: 'articles',
    path: '/blogs/{blogId}/articles/{articleId}',
    parent: blogs,
    schema: {
      type: 'object',
      required: ['title'],
      properties: { id: { type: 'string', readOnly: true }, title: { type: 'string' } },
    },
    store: stores.articles,
    collection: { sort: ['title'] },
  });
  return createApi({ base: '/api', resources: [tasks, users, blogs, articles] });
}
